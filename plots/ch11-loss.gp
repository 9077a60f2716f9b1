# Chapter 11: the run's loss (by default the LSTM) against the bigram counts, and, when the run has it
# (make ch11 without ARGS), the tanh RNN with about as many weights (the run `rnn`, in DIR/rnn).
load "plots/style.gp"
set output out."/ch11-loss.png"
stats data."/summary.csv" using 6 nooutput
bigram = STATS_min
cell = system(sprintf("tail -1 '%s/summary.csv' | cut -d, -f1 | tr a-z A-Z", data))
rnn_file = sprintf("%s/rnn/loss.csv", data)
have_rnn = system(sprintf("test -s '%s' && echo 1 || echo 0", rnn_file)) + 0
set title have_rnn ? "Loss per byte (nats): the same weights, the same steps" : "Loss per byte (nats)"
set xlabel "step"
stats data."/loss.csv" using 1 nooutput
if (STATS_records < 2) { set xrange [STATS_min - 1:STATS_min + 1] }     # one line: one point, in the middle
set ylabel "mean cross-entropy"
set arrow from graph 0, first bigram to graph 1, first bigram nohead dt 2 lc rgb C_LINE
set label sprintf("bigram counts: %.3f", bigram) at graph 0.6, first bigram offset 0, 0.8 font "DejaVu Sans,10"
set yrange [*:3.6]
set key top right
if (have_rnn) {
plot data."/loss.csv" using 1:2 with lines lw 1.5 lc rgb C_POS title cell.", training", \
     data."/loss.csv" using 1:3 with linespoints lw 2 pt 7 ps 0.6 lc rgb C_POS title cell.", validation slice", \
     rnn_file using 1:2 with lines lw 1.5 lc rgb C_NEG title "RNN, training", \
     rnn_file using 1:3 with linespoints lw 2 pt 5 ps 0.6 lc rgb C_NEG title "RNN, validation slice"
} else {
plot data."/loss.csv" using 1:2 with lines lw 1.5 lc rgb C_POS title cell.", training", \
     data."/loss.csv" using 1:3 with linespoints lw 2 pt 7 ps 0.6 lc rgb C_POS title cell.", validation slice"
}
