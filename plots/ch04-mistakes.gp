# Chapter 04: the test images the network was surest of and got wrong.
load "plots/style.gp"
set terminal pngcairo size 960,380 font "DejaVu Sans,11" enhanced
set output out."/ch04-mistakes.png"
set datafile nocolumnheaders

set title "The surest mistakes on the test set: the true class, then what the network said and how sure it was"
set size ratio -1
set yrange [*:*] reverse
unset xtics
unset ytics
unset colorbox
unset border
unset grid
set palette gray negative
set cbrange [0:1]
set key off
plot data."/mistakes.dat" matrix with image, \
     data."/mistakes.csv" using 3:($4 + 3):(strcol(5)) with labels font "DejaVu Sans,9", \
     data."/mistakes.csv" using 3:($4 + 6.5):(sprintf("{/:Italic %s} %.0f%%", strcol(6), 100 * $7)) \
         with labels tc rgb C_NEG font "DejaVu Sans,9"
