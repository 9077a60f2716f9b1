# Chapter 05: accuracy per epoch of a run with a validation set, and the epoch early stopping kept.
# drawn for: a run with --val, such as make ch05 ARGS="--preset best"
load "plots/style.gp"
set terminal pngcairo size 720,720 font "DejaVu Sans,11" enhanced
set output out."/ch05-best.png"

stats data."/best.csv" using 1 nooutput
best = STATS_max
stats data."/epochs.csv" using 1 nooutput
set xrange [0.5:STATS_max + 0.5]
set lmargin 10
set multiplot layout 2,1 title "Accuracy and loss per epoch; dashed: the best validation loss (--early-stop keeps it)"
set arrow 1 from best, graph 0 to best, graph 1 nohead dt 2 lw 2 lc rgb C_LINE
set label 1 sprintf("epoch %d", best) at best, graph 0.92 offset 0.5, 0 font "DejaVu Sans,10"
set ylabel "accuracy (%)"
set format x ""
set key bottom right
plot data."/epochs.csv" using 1:4 with linespoints lw 2 pt 7 lc rgb C_FAINT title "training (during the epoch)", \
     data."/epochs.csv" using 1:6 with linespoints lw 2 pt 5 lc rgb C_POS title "validation", \
     data."/epochs.csv" using 1:8 with linespoints lw 2 pt 9 lc rgb C_NEG title "test"
set format x "%g"
set xlabel "epoch"
set ylabel "mean cross-entropy"
set key top right
plot data."/epochs.csv" using 1:3 with linespoints lw 2 pt 7 lc rgb C_FAINT title "training", \
     data."/epochs.csv" using 1:5 with linespoints lw 2 pt 5 lc rgb C_POS title "validation", \
     data."/epochs.csv" using 1:7 with linespoints lw 2 pt 9 lc rgb C_NEG title "test"
unset multiplot
