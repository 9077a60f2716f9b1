#!/bin/bash
# No page gives an exercise's answer away: a \snippet whose code defines a
# function that the chapter's exercises.c asks the learner to write must sit
# between \solution{...} and \endsolution, where the page folds it away; so
# must any line holding one of the words the chapter's answers.txt lists (the
# formula a puzzle asks for, written out); and a formula that a solution shows
# (\f[ ... \f]) is an answer too: its right-hand side (after its first '=', or
# all of it) must not appear outside the solutions (compared without spaces,
# \left, \right and \, \; \!).
#   bash common/test_pages.sh PAGE...
# A chapter's page (chapters/NN-*/README.md) is checked against that
# chapter's exercises, any other page against every chapter's.
# Prints one line per offending snippet, then "N passed, N failed".
set -u
pages=("$@")      # (the loop below sets its own positional parameters)
passed=0
failed=0

# The functions a C file defines (not its static helpers); a name written
# R(name) (chapter 06's code, compiled once per precision) counts as name.
defined_in() { # defined_in FILE... (or standard input)
    sed -n '/^static/d; s/^\([a-zA-Z][a-zA-Z0-9_ ]*[ *]\)R(\([a-zA-Z_][a-zA-Z0-9_]*\))(/\1\2(/;
            s/^[a-zA-Z][a-zA-Z0-9_ ]*[ *]\([a-zA-Z_][a-zA-Z0-9_]*\)(.*/\1/p' "$@"
}

# The functions an exercises.c defines (not its static helpers).
exercises_of() { # exercises_of EXERCISES.C...
    defined_in "$@" | sort -u
}

# Every function that each quoted tag defines, read in one pass over the quoted
# files (a process per snippet made this test the slowest of the suite): the
# lines between two "//! [tag]" markers; a definition starts in column 0.
declare -A quoted=()
mapfile -t sources < <(grep -ho '\\snippet [^ ]*' "${pages[@]}" | cut -d' ' -f2 | sort -u)
sources=($(for f in "${sources[@]}"; do [ -f "$f" ] && echo "$f"; done))
if [ ${#sources[@]} -gt 0 ]; then
    while read -r file tag name; do
        quoted["$file $tag"]+=" $name"
    done < <(awk '
        FNR == 1 { delete on }
        /^\/\/! \[[^]]*\]$/ { t = substr($0, 6, length($0) - 6); on[t] = !on[t]; next }
        /^static/ { next }
        {   name = ""
            if (match($0, /^[a-zA-Z][a-zA-Z0-9_ ]*[ *]R\([a-zA-Z_][a-zA-Z0-9_]*\)\(/)) {
                name = substr($0, 1, RLENGTH - 2); sub(/.*R\(/, "", name)
            } else if (match($0, /^[a-zA-Z][a-zA-Z0-9_ ]*[ *][a-zA-Z_][a-zA-Z0-9_]*\(/)) {
                name = substr($0, 1, RLENGTH - 1); sub(/.*[ *]/, "", name)
            }
            if (name != "") for (t in on) if (on[t]) print FILENAME, t, name }' "${sources[@]}")
fi

for page in "${pages[@]}"; do
    dir=$(dirname "$page")
    if [ -f "$dir/exercises.c" ]; then
        names=$(exercises_of "$dir/exercises.c")
    else
        names=$(exercises_of chapters/*/exercises.c)
    fi
    names_flat=$(echo $names)
    # a chapter's answers.txt: the words that give one of its exercises away (a line each)
    answers=()
    [ -f "$dir/answers.txt" ] && mapfile -t answers < <(grep -v '^#' "$dir/answers.txt" | grep -v '^$')
    line=0
    in_solution=0
    while IFS= read -r text; do
        line=$((line + 1))
        if [ $in_solution = 0 ]; then
            for a in "${answers[@]}"; do
                case $text in
                *"$a"*)
                    echo "FAIL $page:$line: gives an exercise's answer away ('$a', from $dir/answers.txt) outside \\solution{...}"
                    failed=$((failed + 1)) ;;
                esac
            done
        fi
        case $text in
        *'\solution{'*) in_solution=1 ;;
        *'\endsolution'*) in_solution=0 ;;
        *'\snippet '*)
            set -- ${text#*\\snippet }
            file=$1 tag=${2:-}
            hit=""
            for d in ${quoted["$file $tag"]:-}; do
                case " $names_flat " in *" $d "*) hit+="$d " ;; esac
            done
            if [ -n "$hit" ] && [ $in_solution = 0 ]; then
                echo "FAIL $page:$line: \\snippet $file $tag quotes the answer to an exercise (${hit% }) outside \\solution{...} ... \\endsolution"
                failed=$((failed + 1))
            else
                passed=$((passed + 1))
            fi
            ;;
        esac
    done <"$page"
    # The formulas of the solutions, each looked for in the rest of the page.
    leaks=$(awk '
        function squeeze(t) { gsub(/\\left|\\right|\\[,;!]|[ \t]/, "", t); return t }
        index($0, "\\solution{") { sol = 1 }
        index($0, "\\endsolution") { sol = 0; next }
        sol { s = s " " $0; next }
        { o = o " " $0 }
        END { o = squeeze(o)
              while ((i = index(s, "\\f[")) > 0) {
                  s = substr(s, i + 3)
                  if ((j = index(s, "\\f]")) == 0) break
                  f = substr(s, 1, j - 1); s = substr(s, j + 3)
                  if ((k = index(f, "=")) > 0) f = substr(f, k + 1)
                  if (length(squeeze(f)) >= 8 && index(o, squeeze(f)) > 0) print f } }' "$page")
    if [ -n "$leaks" ]; then
        while IFS= read -r f; do
            echo "FAIL $page: the formula of a solution,$f, also appears outside \solution{...} ... \endsolution"
            failed=$((failed + 1))
        done <<<"$leaks"
    else
        passed=$((passed + 1))
    fi
done
# A command a page gives writes its files beside the default run's only if it
# says --out: otherwise it would replace the files of build/chNN while
# build/chNN/report.txt (which the page quotes) still describes the old run.
# Commands that write no run (--gradients, --make-data, --check, --help) and
# mistakes shown with their message (the next line is the program's) are fine.
for page in "${pages[@]}"; do
    case $page in chapters/*) ;; *) continue ;; esac
    out=$(awk -v page="$page" '
        cmd != "" { if ($0 !~ /^ *ch[0-9][0-9]: /) bad[n++] = cmd; cmd = "" }
        /^ *\.\/build\/bin\/ch[0-9][0-9]/ {
            line = $0; full = $0; at = NR
            while (line ~ /\\$/ && (getline line) > 0) full = full " " line
            if (full !~ /--out|--gradients|--make-data|--check|--help/) cmd = page ":" at ": " full
        }
        END { if (cmd != "") bad[n++] = cmd
              for (i = 0; i < n; i++) print "FAIL " bad[i] " writes into the default run'"'"'s directory: give it --out"
              print "commands " n + 0 }' "$page")
    k=0
    while IFS= read -r l; do
        case $l in FAIL*) echo "$l" ;; "commands "*) k=${l#commands } ;; esac
    done <<<"$out"
    if [ "$k" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + k)); fi
done

# No page or code comment cites a Markdown document the repository does not have
# (cli.h once sent the reader to the course authors' own conventions file).
while IFS=: read -r src doc; do
    if [ -e "$doc" ] || [ -e "${src%/*}/$doc" ]; then
        passed=$((passed + 1))
    else
        echo "FAIL $src cites $doc, which the repository does not have"
        failed=$((failed + 1))
    fi
done < <(grep -oHE '\b[A-Za-z][A-Za-z0-9_./-]*\.md\b' README.md docs/*.md chapters/*/README.md common/*.[ch] \
             chapters/*/*.[ch] | sort -u)

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
