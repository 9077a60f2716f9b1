# Chapter 04: the data first: ten training images of each class, a row per class.
load "plots/style.gp"
set terminal pngcairo size 720,660 font "DejaVu Sans,11" enhanced
set output out."/ch04-samples.png"
set datafile nocolumnheaders     # the mosaic has no header; a label file's header line is skipped as non-numeric

set title "Fashion-MNIST: the first ten training images of each class"
set size ratio -1
set yrange [*:*] reverse          # the picture's first row at the top
set lmargin 16
unset xtics
unset ytics
unset colorbox
unset border
unset grid
set palette gray negative         # ink on paper: pixel 0 white, 1 black
set cbrange [0:1]
set key off
plot data."/samples.dat" matrix with image, \
     data."/samples.csv" using (-2):1:2 with labels right font "DejaVu Sans,11"
