# Chapter 10: the network's training and validation loss per epoch, against the counting model's.
load "plots/style.gp"
set output out."/ch10-loss.png"
stats data."/counting.csv" every ::0::0 using 3 nooutput
counted = STATS_min
set title "Mean cross-entropy per character (nats)"
set xlabel "epoch"
set ylabel "loss"
stats data."/epochs.csv" using 1 nooutput
if (STATS_records < 2) { set xrange [0.5:1.5] }     # one epoch: one point, in the middle
set xtics 1
set arrow from graph 0, first counted to graph 1, first counted nohead dt 2 lc rgb C_LINE
set label sprintf("counting (bigrams), validation: %.4f", counted) at graph 0.02, first counted \
    offset 0, -0.8 font "DejaVu Sans,10"
set yrange [*:counted + 0.1]
set key bottom left
plot data."/epochs.csv" using 1:3 with linespoints lw 2 pt 7 lc rgb C_POS title "training, mean over the epoch", \
     data."/epochs.csv" using 1:4 with linespoints lw 2 pt 5 lc rgb C_NEG title "validation, after the epoch"
