# Chapter 07: the first convolution's kernels after training, each a small picture.
# drawn for: a training run whose first layer is a convolution
load "plots/style.gp"
set datafile nocolumnheaders
f = data."/filters.dat"
set terminal pngcairo size 720,300 font "DejaVu Sans,11" enhanced
set output out."/ch07-filters.png"
stats f matrix using 3 nooutput
m = (abs(STATS_min) > abs(STATS_max) ? abs(STATS_min) : abs(STATS_max))
set title "The first layer's kernels (blue: a bright pixel adds, red: takes away)"
set size ratio -1
set yrange [*:*] reverse
unset xtics
unset ytics
unset border
unset grid
set palette defined (-1 "#b2182b", -0.5 "#ef8a62", 0 "#f7f7f7", 0.5 "#67a9cf", 1 "#2166ac")
set cbrange [-m:m]
set cblabel "weight"
set cbtics m / 2 format "%.2f"
set key off
plot f matrix with image
