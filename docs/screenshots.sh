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
pages=${*:-index $(cd "$html" && ls chapter[0-9][0-9].html | sed 's/\.html$//')}
# a copy of each page that records, once laid out, which code boxes are wider than
# their box (clipped: a scroll box) and how many lines had to wrap
probe='<script>window.addEventListener("load", function () { setTimeout(function () {
  var clipped = 0, wrapped = 0;
  document.querySelectorAll("div.fragment, pre.fragment").forEach(function (f) {
    if (f.scrollWidth > f.clientWidth + 1) clipped++;
    var lines = f.querySelectorAll("div.line"), least = 1e9;
    lines.forEach(function (l) { if (l.offsetHeight > 0) least = Math.min(least, l.offsetHeight); });
    lines.forEach(function (l) { if (l.offsetHeight > 1.5 * least) wrapped++; }); });
  document.body.setAttribute("data-probe", "clipped " + clipped + ", wrapped lines " + wrapped);
}, 3000); });</script>'
for page in $pages; do
    printf '%s\n' "$probe" >"$html/probe.js.html"
    sed "/<\/body>/{
r $html/probe.js.html
}" "$html/$page.html" >"$html/$page-probe.html"
    for width in 1280 1000 400; do
        result=$(timeout 120 chromium --headless --no-sandbox --disable-gpu --virtual-time-budget=10000 \
            --window-size=$width,2000 --dump-dom "file://$PWD/$html/$page-probe.html" 2>/dev/null |
            sed -n 's/.*data-probe="\([^"]*\)".*/\1/p')
        echo "$page at $width px: code boxes ${result:-not measured}"
    done
    rm -f "$html/$page-probe.html" "$html/probe.js.html"
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
