# Chapter 04: the loss during training: every batch (faint), each epoch's mean, and the test set's.
load "plots/style.gp"
set output out."/ch04-loss.png"

stats data."/batches.csv" using 1:2 nooutput
per_epoch = STATS_max_x / STATS_max_y     # batches in one epoch

set title "Mean cross-entropy during training"
set xlabel "epoch"
set ylabel "loss"
set yrange [0:3<*]                 # at least up to chance level, more if a run goes above it
set xrange [-0.02 * STATS_max_y:STATS_max_y]   # a little room on the left: the first batches start near log 10
set xtics 1
set key top right
chance = log(10)
set arrow from graph 0, first chance to graph 1, first chance nohead dt 2 lc rgb C_LINE
set label "chance: log 10 = 2.30" at graph 0.02, first chance + 0.08 font "DejaVu Sans,10"
plot data."/batches.csv" using ($1 / per_epoch):3 with lines lw 0.5 lc rgb C_FAINT title "each batch", \
     data."/epochs.csv" using 1:2 with linespoints lw 2 pt 7 lc rgb C_POS title "training set, mean over the epoch", \
     data."/epochs.csv" using 1:4 with linespoints lw 2 pt 5 lc rgb C_NEG title "test set, after the epoch"
