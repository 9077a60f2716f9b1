# Chapter 04: softmax regression's ten weight vectors as 28x28 pictures: what each class adds up.
load "plots/style.gp"
set datafile nocolumnheaders
f = data."/templates.dat"
set terminal pngcairo size 900,400 font "DejaVu Sans,11" enhanced
set output out."/ch04-templates.png"
stats f matrix using 3 nooutput
m = (abs(STATS_min) > abs(STATS_max) ? abs(STATS_min) : abs(STATS_max))

set title "Softmax regression: the weights of each class (blue: a bright pixel adds to it, red: takes away)"
set size ratio -1
set yrange [*:*] reverse
unset xtics
unset ytics
unset border
unset grid
set palette defined (-1 "#b2182b", -0.5 "#ef8a62", 0 "#f7f7f7", 0.5 "#67a9cf", 1 "#2166ac")
set cbrange [-m:m]
set cblabel "weight"
set key off
plot f matrix with image, \
     data."/templates.csv" using 2:($3 + 2.5):4 with labels font "DejaVu Sans,10"
