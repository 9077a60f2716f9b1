# Chapter 01: how many samples each epoch misclassified.
load "plots/style.gp"
set output out."/ch01-errors.png"

# one column per stats: two would fit a line, and warn when a run has one epoch
stats data."/errors.csv" using 1 nooutput
epochs = int(STATS_max)
stats data."/errors.csv" using 2 nooutput
most = int(STATS_max)

set title "Perceptron: misclassified samples per epoch"
set xlabel "epoch"
set ylabel "misclassified samples"
set yrange [0:most > 0 ? most + 0.5 : 1]
set xrange [0.4:epochs + 0.6]
set key off
# a tic and an outlined bar per epoch while they fit; for long runs, touching bars and
# tics where gnuplot puts them
if (epochs <= 25) {
    set xtics 1
    set boxwidth 0.6
    set style fill solid 0.7 border lc rgb "#444444"
} else {
    set xtics out
    set boxwidth 1.0
    set style fill solid 0.7 noborder
}
if (most <= 12) { set ytics 1 }
plot data."/errors.csv" using 1:2 with boxes lc rgb C_POS
