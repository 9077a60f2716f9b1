# Chapter 02: final loss of each seed, the chapter's defaults against the tutorial's settings.
load "plots/style.gp"
set output out."/ch02-study.png"

stats data."/study-default/study.csv" using 2 nooutput
n_def = STATS_records
ok_def = STATS_sum
stats data."/study-tutorial/study.csv" using 2 nooutput
n_tut = STATS_records
ok_tut = STATS_sum

set title "XOR: final loss of each seed (a point above the band: not learned)"
set xlabel "seed"
set ylabel "final loss E"
set logscale y
set format y "10^{%L}"
set key below horizontal
set xlabel offset 0,0.3
plot data."/study-tutorial/study.csv" using 1:3 with points pt 7 ps 0.6 lc rgb C_NEG \
         title sprintf("tutorial: H = 3, N(0,1), lr 0.1, 10000 epochs: learned %d/%d", ok_tut, n_tut), \
     data."/study-default/study.csv" using 1:3 with points pt 7 ps 0.6 lc rgb C_POS \
         title sprintf("defaults: H = 4, uniform, lr 2, 5000 epochs: learned %d/%d", ok_def, n_def)
