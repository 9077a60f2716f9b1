# Chapter 07: one test image through the layers: every channel of each layer's output.
# drawn for: a training run whose first four layers are convolutions and poolings
load "plots/style.gp"
set datafile nocolumnheaders
set terminal pngcairo size 900,1000 font "DejaVu Sans,11" enhanced
set output out."/ch07-featuremaps.png"
unset xtics
unset ytics
unset border
unset grid
unset colorbox
set key off
set palette gray
set multiplot layout 5,1 title "The first test image through the network: each layer's channels (white: large)"
files = data."/features0.dat ".data."/features1.dat ".data."/features2.dat ".data."/features3.dat ".data."/features4.dat"
do for [l = 0:4] {
    f = word(files, l + 1)
    set title (l == 0 ? "the input" : sprintf("after layer %d (the report numbers the layers)", l)) font "DejaVu Sans,10"
    set size ratio -1
    set yrange [*:*] reverse
    plot f matrix with image
}
unset multiplot
