# Chapter 03: the loss during training on the two spirals, on a log scale.
load "plots/style.gp"
set output out."/ch03-loss.png"

set title "Two spirals: the loss E = 1/2 {/Symbol S} (y - t)^2 during training"
set xlabel "epoch"
set ylabel "E"
set logscale y
set format y "10^{%L}"
set key off
plot data."/loss.csv" using 1:2 with lines lw 2 lc rgb C_POS
