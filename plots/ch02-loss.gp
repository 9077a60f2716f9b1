# Chapter 02: the loss E after each epoch, on a log scale.
load "plots/style.gp"
set output out."/ch02-loss.png"

set title "The loss E = 1/2 {/Symbol S} (y - t)^2 during training"
set xlabel "epoch"
set ylabel "E"
set logscale y
set format y "10^{%L}"
set key off
plot data."/loss.csv" using 1:2 with lines lw 2 lc rgb C_POS
