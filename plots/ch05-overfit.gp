# Chapter 05: training and validation loss on 1 000 training images, plain and regularised.
load "plots/style.gp"
set terminal pngcairo size 760,540 font "DejaVu Sans,11" enhanced
set output out."/ch05-overfit.png"

set title "1 000 training images: training loss (solid) and validation loss (dashed)"
set xlabel "epoch"
set ylabel "mean cross-entropy"
set yrange [0:*]
set key top right
plot data."/overfit-none/epochs.csv" using 1:3 with lines lw 2 lc rgb C_NEG title "no regularisation", \
     data."/overfit-none/epochs.csv" using 1:5 with lines lw 2 dt 2 lc rgb C_NEG notitle, \
     data."/overfit-decay/epochs.csv" using 1:3 with lines lw 2 lc rgb C_POS title "weight decay", \
     data."/overfit-decay/epochs.csv" using 1:5 with lines lw 2 dt 2 lc rgb C_POS notitle, \
     data."/overfit-dropout/epochs.csv" using 1:3 with lines lw 2 lc rgb "#2ca02c" title "dropout", \
     data."/overfit-dropout/epochs.csv" using 1:5 with lines lw 2 dt 2 lc rgb "#2ca02c" notitle
