# Chapter 08: training on the spirals through the tape and by hand (chapter 03), from the same weights.
load "plots/style.gp"
set output out."/ch08-loss.png"
set title "Spirals: E during training, through the tape and by hand, from the same start"
set xlabel "epoch"
set ylabel "E = 1/2 {/Symbol S} (y - t)^2"
set logscale y
set format y "10^{%L}"
set key top right
plot data."/hand/loss.csv" using 1:2 with lines lw 6 lc rgb C_FAINT title "by hand (chapter 03)", \
     data."/loss.csv" using 1:2 with lines lw 2 lc rgb C_POS title "through the tape (chapter 08)"
