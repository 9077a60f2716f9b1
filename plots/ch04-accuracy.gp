# Chapter 04: accuracy per epoch on the training set (during the epoch) and the test set (after it).
load "plots/style.gp"
set output out."/ch04-accuracy.png"

stats data."/epochs.csv" using 1 nooutput
set xrange [0.5:STATS_max + 0.5]        # room around the points, even for a run of one epoch
set offsets 0, 0, graph 0.1, graph 0.1
set title "Accuracy: share of images whose largest output is their class"
set xlabel "epoch"
set ylabel "accuracy (%)"
set xtics 1
set key bottom right
plot data."/epochs.csv" using 1:3 with linespoints lw 2 pt 7 lc rgb C_POS title "training set, during the epoch", \
     data."/epochs.csv" using 1:5 with linespoints lw 2 pt 5 lc rgb C_NEG title "test set, after the epoch"
