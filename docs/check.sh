#!/bin/bash
# What a reader sees, checked after Doxygen has run (docs/build.sh calls it):
# the README reads right as plain Markdown, the rendered pages hold no raw
# commands, no internal paths, no broken image, no link that runs into its
# sentence, and the numbers a page states are those of the run it quotes.
#   bash docs/check.sh          exit 1 and one line per problem
set -u
html=build/docs/html
problems=0
bad() { echo "docs: $*" >&2; problems=$((problems + 1)); }

# --- the README, as a forge or any Markdown viewer shows it ---
raw=$(grep -nE '[@\\](subpage|ref|page|snippet|image)\b|\\f[$[]' README.md | head -1)
[ -z "$raw" ] || bad "README.md:$raw: a Doxygen command, raw text on a forge (link the Markdown file)"
for target in $(grep -o '\]([^)#]*' README.md | sed 's/^](//' | grep -v '^[a-z]*:'); do
    [ -e "$target" ] || bad "README.md links to $target, which does not exist"
done

# --- the rendered pages ---
pages=("$html/index.html" "$html"/chapter[0-9][0-9].html "$html/notation.html")   # (not the sources: chapters_2...)
for page in "${pages[@]}"; do
    name=$(basename "$page")
    # visible text only: tags dropped; MathJax's own \( \) are not Doxygen commands
    text=$(sed -e 's/<[^>]*>//g' "$page")
    raw=$(grep -oE '[@\\](subpage|ref|snippet|verbinclude|image)\b[^ ]*|\\f[$[][^ ]*' <<<"$text" | head -1)
    [ -z "$raw" ] || bad "$name shows a raw command: $raw"
    grep -q 'build/docs-run' "$page" && bad "$name shows an internal path (build/docs-run): quote what make chNN prints"
    for img in $(grep -o '<img src="[^"]*"' "$page" | sed 's/<img src="//; s/"$//'); do
        [ -e "$html/$img" ] || bad "$name shows image $img, which was not copied (IMAGE_PATH?)"
    done
    # "Next: <a>Chapter 02: ...</a> adds a layer" reads as one title: the link ends its phrase
    runon=$(grep -oE '(Next|Previous): <a [^>]*>[^<]*</a>[^<·]*[[:alnum:]]' "$page" | head -1)
    [ -z "$runon" ] || bad "$name: a link runs into the sentence after it: $(sed 's/<[^>]*>//g' <<<"$runon")"
done

# --- program output quoted on the pages: it fits a 1280 px window without a scroll box ---
for src in chapters/*/README.md; do
    for quoted in $(sed -n 's/^\\verbinclude \([^ ]*\).*/\1/p' "$src"); do
        file=$quoted
        [ -f "$file" ] || file=build/docs-run/$quoted
        if [ ! -f "$file" ]; then
            bad "$src quotes $quoted, which no run wrote"
            continue
        fi
        longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$file")
        [ "$longest" -le 110 ] || bad "$src quotes $quoted, whose lines reach $longest characters (at most 110 fit)"
    done
    # "1. `a` and 2. `b`" is one item to Markdown, and Doxygen renumbers the rest: one item a line
    line=$(grep -nE '^ *[0-9]+\. .* [0-9]+\. `' "$src" | head -1)
    [ -z "$line" ] || bad "$src:$line: two numbered items on one line (Doxygen renders one and renumbers)"
    # a bare python3 may be a version manager's, without numpy: the course's is /usr/bin/python3
    line=$(grep -nE '^    python3? ' "$src" | head -1)
    [ -z "$line" ] || bad "$src:$line: run the tutorials with /usr/bin/python3 (a bare python3 may lack numpy)"
done

# --- the studies: a page's "N seeds" is the number of seeds make chNN studied ---
for study in build/ch*/study-*.txt; do
    [ -f "$study" ] || continue
    nn=$(basename "$(dirname "$study")" | sed 's/^ch//')
    seeds=$(sed -n 's/.* study: \([0-9]*\) networks.*/\1/p' "$study")
    for src in README.md chapters/"$nn"-*/README.md; do
        for n in $(tr -s '\n ' '  ' <"$src" | grep -oE '\b[0-9]+ seeds\b' | cut -d' ' -f1 | sort -u); do
            [ "$n" = "$seeds" ] || bad "$src speaks of $n seeds, but make ch$nn studies $seeds ($study)"
        done
    done
done

[ $problems = 0 ] || { echo "docs: $problems problem(s) in what a reader sees" >&2; exit 1; }
