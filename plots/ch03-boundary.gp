# Chapter 03: the trained network's output over the plane, its 0.5 contour, and the two spirals.
load "plots/style.gp"
set output out."/ch03-boundary.png"

set table $samples
plot data."/samples.csv" using 1:2:3 with table
unset table
set datafile separator whitespace
set datafile nocolumnheaders
set contour base
set cntrparam levels discrete 0.5
unset surface
set table $boundary
splot data."/grid.dat" using 1:2:3 with lines
unset table
unset contour

set title "Two spirals: the trained network's output and its boundary y = 0.5"
set xlabel "x_1"
set ylabel "x_2"
set size ratio -1
set autoscale xfix
set autoscale yfix
set cbrange [0:1]
set cblabel "output y"
set key below horizontal
plot data."/grid.dat" using 1:2:3 with image notitle, \
     $boundary using 1:2 with lines lw 3 lc rgb C_LINE title "y = 0.5", \
     $samples using ($3 > 0.5 ? $1 : NaN):2 with points pt 7 ps 1.2 lc rgb C_POS title "t = 1", \
     $samples using ($3 <= 0.5 ? $1 : NaN):2 with points pt 5 ps 1.2 lc rgb C_NEG title "t = 0"
