# Chapter 05: accuracy per epoch of a run with a validation set, and the epoch early stopping kept.
# drawn for: a run with --val, such as make ch05 ARGS="--preset best"
load "plots/style.gp"
set output out."/ch05-best.png"

stats data."/best.csv" using 1 nooutput
best = STATS_max
stats data."/epochs.csv" using 1 nooutput
set xrange [0.5:STATS_max + 0.5]
set title "Accuracy per epoch; the dashed line: the best validation loss, whose weights are kept"
set xlabel "epoch"
set ylabel "accuracy (%)"
set key bottom right
set arrow from best, graph 0 to best, graph 1 nohead dt 2 lw 2 lc rgb C_LINE
set label sprintf("epoch %d", best) at best, graph 0.95 offset 0.5, 0 font "DejaVu Sans,10"
plot data."/epochs.csv" using 1:4 with linespoints lw 2 pt 7 lc rgb C_FAINT title "training (during the epoch)", \
     data."/epochs.csv" using 1:6 with linespoints lw 2 pt 5 lc rgb C_POS title "validation", \
     data."/epochs.csv" using 1:8 with linespoints lw 2 pt 9 lc rgb C_NEG title "test"
