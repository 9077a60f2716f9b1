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

for page in "${pages[@]}"; do
    dir=$(dirname "$page")
    if [ -f "$dir/exercises.c" ]; then
        names=$(exercises_of "$dir/exercises.c")
    else
        names=$(exercises_of chapters/*/exercises.c)
    fi
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
            # The lines between the two "//! [tag]" markers; a definition starts in column 0.
            defined=$(awk -v tag="//! [$tag]" '$0 == tag { on = !on; next } on' "$file" 2>/dev/null |
                defined_in)
            hit=$(printf '%s\n' $defined | grep -xF "$names" | tr '\n' ' ')
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
    awk -v page="$page" '
        cmd != "" { if ($0 !~ /^ *ch[0-9][0-9]: /) bad[n++] = cmd; cmd = "" }
        /^ *\.\/build\/bin\/ch[0-9][0-9]/ {
            line = $0; full = $0; at = NR
            while (line ~ /\\$/ && (getline line) > 0) full = full " " line
            if (full !~ /--out|--gradients|--make-data|--check|--help/) cmd = page ":" at ": " full
        }
        END { if (cmd != "") bad[n++] = cmd
              for (i = 0; i < n; i++) print "FAIL " bad[i] " writes into the default run'"'"'s directory: give it --out"
              print "commands " n + 0 }' "$page" >"${TMPDIR:-/tmp}/pages-cmds.$$"
    grep '^FAIL' "${TMPDIR:-/tmp}/pages-cmds.$$"
    k=$(sed -n 's/^commands //p' "${TMPDIR:-/tmp}/pages-cmds.$$")
    rm -f "${TMPDIR:-/tmp}/pages-cmds.$$"
    if [ "$k" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + k)); fi
done

# No page or code comment cites a Markdown document the repository does not have
# (cli.h once sent the reader to the course authors' own conventions file).
for src in README.md docs/*.md chapters/*/README.md common/*.[ch] chapters/*/*.[ch]; do
    for doc in $(grep -oE '\b[A-Za-z][A-Za-z0-9_./-]*\.md\b' "$src" | sort -u); do
        if [ -e "$doc" ] || [ -e "$(dirname "$src")/$doc" ]; then
            passed=$((passed + 1))
        else
            echo "FAIL $src cites $doc, which the repository does not have"
            failed=$((failed + 1))
        fi
    done
done

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
