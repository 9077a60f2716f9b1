# Chapter 05: the learning rate and the training loss under the three schedules.
load "plots/style.gp"
set terminal pngcairo size 760,640 font "DejaVu Sans,11" enhanced
set output out."/ch05-schedule.png"

set multiplot layout 2,1 title "Learning-rate schedules (SGD, 784-128-10 ReLU, 10 000 images)"
set xtics 1
set key top right
set ylabel "learning rate"
set format x ""
set xlabel ""
plot data."/schedule-constant/epochs.csv" using 1:2 with linespoints lw 2 pt 7 lc rgb C_NEG title "constant", \
     data."/schedule-step/epochs.csv" using 1:2 with linespoints lw 2 pt 5 lc rgb C_POS title "step", \
     data."/schedule-cosine/epochs.csv" using 1:2 with linespoints lw 2 pt 9 lc rgb "#2ca02c" title "cosine"
set format x "%g"
set xlabel "epoch"
set ylabel "training loss"
plot data."/schedule-constant/epochs.csv" using 1:3 with linespoints lw 2 pt 7 lc rgb C_NEG title "constant", \
     data."/schedule-step/epochs.csv" using 1:3 with linespoints lw 2 pt 5 lc rgb C_POS title "step", \
     data."/schedule-cosine/epochs.csv" using 1:3 with linespoints lw 2 pt 9 lc rgb "#2ca02c" title "cosine"
unset multiplot
