# Chapter 01: how many samples each epoch misclassified.
load "plots/style.gp"
set output out."/ch01-errors.png"

set title "Perceptron: misclassified samples per epoch"
set xlabel "epoch"
set ylabel "misclassified samples"
set style fill solid 0.7 border lc rgb "#444444"
set boxwidth 0.6
set yrange [0:*]
set xtics 1
set ytics 1
set key off
plot data."/errors.csv" using 1:2 with boxes lc rgb C_POS
