# Chapter 02: the network's output over the input square, its 0.5 contour, and the samples.
load "plots/style.gp"
stats data."/samples.csv" using 1 nooutput
PS = STATS_records <= 10 ? 2.5 : 1.2 # four large samples, or many small ones
set output out."/ch02-boundary.png"

# the samples, then the 0.5 contour of the grid, into whitespace-separated datablocks
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

set title "The network's output y (colour) and its boundary y = 0.5"
set xlabel "x_1"
set ylabel "x_2"
set size ratio -1
# the square the program chose for this data ([-0.5, 1.5] for XOR): the grid's
stats data."/grid.dat" using 1:2 nooutput
set xrange [STATS_min_x:STATS_max_x]
set yrange [STATS_min_y:STATS_max_y]
set cbrange [0:1]
set cblabel "output y"
set key below horizontal
plot data."/grid.dat" using 1:2:3 with image notitle, \
     $boundary using 1:2 with lines lw 3 lc rgb C_LINE title "y = 0.5", \
     $samples using ($3 > 0.5 ? $1 : NaN):2 with points pt 7 ps PS lc rgb C_POS \
         title "t = 1", \
     $samples using ($3 <= 0.5 ? $1 : NaN):2 with points pt 5 ps PS lc rgb C_NEG \
         title "t = 0"
