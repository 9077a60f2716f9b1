# Chapter 02: where each hidden unit switches (w1j x1 + w2j x2 + b1j = 0), over the samples.
load "plots/style.gp"
set output out."/ch02-hidden.png"

set title "XOR: each hidden unit's line, where its output crosses 0.5"
set xlabel "x_1"
set ylabel "x_2"
set size ratio -1
set xrange [-0.5:1.5]
set yrange [-0.5:1.5]
set key below horizontal
# hidden.csv: unit, w1, w2, b, then the line's end points in the view
plot data."/hidden.csv" using 5:6:($7-$5):($8-$6):1 with vectors nohead lw 3 lc variable \
         title "hidden units (colour: unit)", \
     data."/hidden.csv" using (0.85*$7+0.15*$5):(0.85*$8+0.15*$6):(sprintf("h%d", $1)) \
         with labels offset 1,0.6 notitle, \
     data."/samples.csv" using ($3 > 0.5 ? $1 : NaN):2 with points pt 7 ps 2.5 lc rgb C_POS \
         title "t = 1", \
     data."/samples.csv" using ($3 <= 0.5 ? $1 : NaN):2 with points pt 5 ps 2.5 lc rgb C_NEG \
         title "t = 0"
