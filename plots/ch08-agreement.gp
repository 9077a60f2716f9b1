# Chapter 08: every parameter's gradient, by the tape against chapter 03's hand-written backward pass.
load "plots/style.gp"
set output out."/ch08-agreement.png"
stats data."/agreement.csv" using 7 nooutput
worst = STATS_max
n = STATS_records
set title sprintf("Spirals, 2-8-8-1: the %d gradients of the starting weights\nlargest relative difference %.3g", n, worst)
set xlabel "dE/dw by hand (chapter 03's backward pass)"
set ylabel "dE/dw by the tape (chapter 08)"
set size ratio -1
set key top left
plot x with lines dt 2 lw 1 lc rgb C_FAINT title "the same value", \
     data."/agreement.csv" using 6:5 with points pt 7 ps 1.0 lc rgb C_POS title "one parameter"
