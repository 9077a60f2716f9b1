# Chapter 04: accuracy per epoch on the training set (during the epoch) and the test set (after it).
load "plots/style.gp"
set output out."/ch04-accuracy.png"

set title "Accuracy: share of images whose largest output is their class"
set xlabel "epoch"
set ylabel "accuracy (%)"
set xtics 1
set key bottom right
plot data."/epochs.csv" using 1:3 with linespoints lw 2 pt 7 lc rgb C_POS title "training set, during the epoch", \
     data."/epochs.csv" using 1:5 with linespoints lw 2 pt 5 lc rgb C_NEG title "test set, after the epoch"
