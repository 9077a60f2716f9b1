# Chapter 11: the LSTM (the default run) and a tanh RNN with about as many weights (the run `rnn`), against the bigram counts.
load "plots/style.gp"
set output out."/ch11-loss.png"
stats data."/summary.csv" using 6 nooutput
bigram = STATS_min
set title "Loss per byte (nats): the same weights, the same steps"
set xlabel "step"
set ylabel "mean cross-entropy"
set arrow from graph 0, first bigram to graph 1, first bigram nohead dt 2 lc rgb C_LINE
set label sprintf("bigram counts: %.3f", bigram) at graph 0.6, first bigram offset 0, 0.8 font "DejaVu Sans,10"
set yrange [1.2:3.6]
set key top right
plot data."/loss.csv" using 1:2 with lines lw 1.5 lc rgb C_POS title "LSTM, training", \
     data."/loss.csv" using 1:3 with linespoints lw 2 pt 7 ps 0.6 lc rgb C_POS title "LSTM, validation slice", \
     data."/rnn/loss.csv" using 1:2 with lines lw 1.5 lc rgb C_NEG title "RNN, training", \
     data."/rnn/loss.csv" using 1:3 with linespoints lw 2 pt 5 ps 0.6 lc rgb C_NEG title "RNN, validation slice"
