# Chapter 12: the transformer's training and validation loss against steps and against seconds, with chapter 11's best LSTM and the bigram counts as yardsticks.
load "plots/style.gp"
set terminal pngcairo size 1100,520 font "DejaVu Sans,11" enhanced
set output out."/ch12-loss.png"
stats data."/summary.csv" using 9 nooutput
bigram = STATS_min
stats data."/summary.csv" using 10 nooutput
lstm = STATS_min
stats data."/summary.csv" using 6 nooutput
steps = STATS_min
stats data."/summary.csv" using 7 nooutput
whole = STATS_min
stats data."/loss.csv" using 1 nooutput
rows = STATS_records
every = STATS_min                     # the first row's step: the steps each training mean covers
last_step = STATS_max
stats data."/loss.csv" using 5 nooutput
last_s = STATS_max
stats data."/loss.csv" using ($2 > $3 ? $2 : $3) nooutput
top = STATS_max
stats data."/loss.csv" using ($2 < $3 ? $2 : $3) nooutput
bottom = STATS_min
bottom = bottom < lstm ? bottom : lstm
bottom = bottom < whole ? bottom : whole
top = top > bigram ? top : bigram
pad = 0.05 * (top - bottom)
set yrange [bottom - pad : top + pad]  # both yardsticks and every point inside the frame
set ylabel "mean cross-entropy (nats a byte)"
# the key under both panels, in a band of its own
set bmargin at screen 0.24
set tmargin at screen 0.88
set key at screen 0.5, screen 0.015 center bottom maxrows 3 reverse Left width 3 samplen 3
set multiplot layout 1,2 title "The small GPT's loss per byte (nats)" font ",13"
set lmargin at screen 0.08
set rmargin at screen 0.48
set title "against steps"
set xlabel "step"
if (rows < 2) { set xrange [last_step - 1 : last_step + 1] } else { set xrange [0 : 1.04 * (steps > last_step ? steps : last_step)] }   # room for the end's triangle
plot bigram with lines dt 2 lw 1.5 lc rgb C_LINE title sprintf("bigram counts, validation: %.3f", bigram), \
     lstm with lines dt 4 lw 1.5 lc rgb "#2ca02c" title sprintf("chapter 11's best LSTM, validation: %.3f", lstm), \
     data."/loss.csv" using 1:2 with lines lw 1.5 lc rgb C_POS title sprintf("training, mean over the last %d steps", every), \
     data."/loss.csv" using 1:3 with linespoints lw 2 pt 7 ps 0.6 lc rgb C_NEG title "validation slice", \
     data."/summary.csv" using 6:7 with points pt 9 ps 1.8 lc rgb C_NEG title sprintf("the whole validation text, at the end: %.3f", whole)
set lmargin at screen 0.57
set rmargin at screen 0.97
set title "against training seconds"
set xlabel "seconds of training"
set ylabel ""
if (rows < 2) { set xrange [last_s * 0.9 : last_s * 1.1] } else { set xrange [0 : 1.04 * last_s] }
set key off
plot bigram with lines dt 2 lw 1.5 lc rgb C_LINE notitle, \
     lstm with lines dt 4 lw 1.5 lc rgb "#2ca02c" notitle, \
     data."/loss.csv" using 5:2 with lines lw 1.5 lc rgb C_POS notitle, \
     data."/loss.csv" using 5:3 with linespoints lw 2 pt 7 ps 0.6 lc rgb C_NEG notitle, \
     data."/summary.csv" using (last_s):7 with points pt 9 ps 1.8 lc rgb C_NEG notitle
unset multiplot
