# The course's plot style: loaded by every plots/chNN-*.gp script.
# Scripts are run from the repository's top directory as
#   gnuplot -e "data='build/chNN'; out='build/plots'" plots/chNN-name.gp

set terminal pngcairo size 720,540 font "DejaVu Sans,11" enhanced
set datafile separator ","
set datafile columnheaders
set border lw 1 lc rgb "#444444"
set grid lw 0.5 lc rgb "#dddddd"
set key opaque box lc rgb "#cccccc"
set tics nomirror

# classes: target 1 (or 1 for 0/1 data) blue circles, the other class orange squares
C_POS = "#1f77b4"
C_NEG = "#e6550d"
C_LINE = "#111111"
C_FAINT = "#b0b0b0"
# sequential palette for heat maps (light to dark blue through white at 0.5)
set palette defined (0 "#f4a582", 0.5 "#f7f7f7", 1 "#92c5de")
