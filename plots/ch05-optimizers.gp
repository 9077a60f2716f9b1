# Chapter 05: the training loss per epoch for the three optimisers, same network, same start.
load "plots/style.gp"
set output out."/ch05-optimizers.png"

set title "SGD, momentum and Adam from the same start (784-128-10 ReLU, 10 000 images)"
set xlabel "epoch"
set ylabel "training loss (mean cross-entropy)"
set xtics 1
set key top right
plot data."/opt-sgd/epochs.csv" using 1:3 with linespoints lw 2 pt 7 lc rgb C_NEG title "SGD", \
     data."/opt-momentum/epochs.csv" using 1:3 with linespoints lw 2 pt 5 lc rgb C_POS title "momentum", \
     data."/opt-adam/epochs.csv" using 1:3 with linespoints lw 2 pt 9 lc rgb "#2ca02c" title "Adam"
