# Chapter 01: the samples and the decision line w1 x1 + w2 x2 + b = 0 after each epoch.
load "plots/style.gp"
set output out."/ch01-boundary.png"

stats data."/lines.csv" using 1 nooutput
last = STATS_max

set title "Perceptron: the decision line after each epoch (numbers: epochs)"
set xlabel "x_1"
set ylabel "x_2"
set size ratio -1
set xrange [-2:2]
set yrange [-2:2]
set key below horizontal

# lines.csv: epoch, w1, w2, b, the line's end points (xa, ya) and (xb, yb) in the view,
# and shown = 0 when the line misses the view
plot data."/lines.csv" using ($1 == 0 && $9 > 0 ? $5 : NaN):6:($7-$5):($8-$6) with vectors nohead \
         lw 1.5 dt 2 lc rgb C_FAINT title "initial", \
     data."/lines.csv" using ($1 > 0 && $1 < last && $9 > 0 ? $5 : NaN):6:($7-$5):($8-$6) with vectors \
         nohead lw 1.5 lc rgb C_FAINT title "after epoch k", \
     data."/lines.csv" using ($1 == last && $9 > 0 ? $5 : NaN):6:($7-$5):($8-$6) with vectors nohead \
         lw 4 lc rgb C_LINE title "final", \
     data."/lines.csv" using ($9 > 0 ? 0.9*$7+0.1*$5 : NaN):(0.9*$8+0.1*$6):(sprintf("%d", $1)) with labels \
         offset 0.8,0 textcolor rgb "#666666" notitle, \
     data."/samples.csv" using ($3 > 0 ? $1 : NaN):2 with points pt 7 ps 2.5 lc rgb C_POS \
         title "t = 1", \
     data."/samples.csv" using ($3 < 0 ? $1 : NaN):2 with points pt 5 ps 2.5 lc rgb C_NEG \
         title "t = -1"
