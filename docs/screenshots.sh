#!/bin/sh
# Screenshots of the built pages, to look at them as a reader would: each page
# at 1280 and 400 px wide, light and dark (needs chromium; not part of make check).
#   sh docs/screenshots.sh [PAGE...]     PAGE: index chapter01 ... (default: all chapters)
set -eu
html=build/docs/html
out=build/docs/screenshots
[ -f "$html/index.html" ] || { echo "screenshots: run make docs first" >&2; exit 1; }
command -v chromium >/dev/null 2>&1 || { echo "screenshots: needs chromium (apt-get install chromium)" >&2; exit 1; }
mkdir -p "$out"
pages=${*:-index $(cd "$html" && ls chapter*.html | sed 's/\.html$//')}
for page in $pages; do
    for width in 1280 400; do
        for scheme in light dark; do
            dark=""
            [ $scheme = dark ] && dark=--force-dark-mode # prefers-color-scheme: dark
            # MathJax typesets after load: give it virtual time, or the formulas are raw TeX
            timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars $dark \
                --virtual-time-budget=10000 --window-size=$width,3000 \
                --screenshot="$out/$page-$width-$scheme.png" "file://$PWD/$html/$page.html" >/dev/null 2>&1
        done
    done
done
echo "Screenshots: $out/"
