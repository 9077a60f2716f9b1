# Chapter 04: the loss during training: every batch (faint), each epoch's mean, and the test set's.
load "plots/style.gp"
set output out."/ch04-loss.png"

stats data."/batches.csv" using 1:2 nooutput
per_epoch = STATS_max_x / STATS_max_y     # batches in one epoch

set title "Mean cross-entropy during training"
set xlabel "epoch"
set ylabel "loss"
set yrange [0:*]
set xrange [0:*]
set key top right
plot data."/batches.csv" using ($1 / per_epoch):3 with lines lw 0.5 lc rgb C_FAINT title "each batch", \
     data."/epochs.csv" using 1:2 with linespoints lw 2 pt 7 lc rgb C_POS title "training set, mean over the epoch", \
     data."/epochs.csv" using 1:4 with linespoints lw 2 pt 5 lc rgb C_NEG title "test set, after the epoch"
