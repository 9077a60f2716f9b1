# Chapter 06: samples per second of one training epoch, four ways (bars).
load "plots/style.gp"
set output out."/ch06-race.png"
set title "784-256-10, batches of 64, one thread: training samples per second"
set ylabel "samples/s"
set style data histograms
set style fill solid 0.8 border -1
set boxwidth 0.6
set yrange [0:*]
set xtics nomirror
unset key
plot data."/race.csv" using 2:xtic(1) lc rgb C_POS, \
     "" using 0:2:(sprintf("%.0f", $2)) with labels offset 0,0.7 notitle
