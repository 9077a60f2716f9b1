# Chapter 09: one epoch's time on 1, 2 and 4 ranks as measured here, and the model's speed-up on a cluster.
load "plots/style.gp"
set terminal pngcairo size 1100,520 font "DejaVu Sans,11" enhanced
set output out."/ch09-scaling.png"
set multiplot layout 1,2
set bmargin 8

set title "Measured here: an epoch of 20 000 images (the fastest of three)"
set xlabel "ranks (processes; 4 share the 2 cores)"
set ylabel "seconds"
set xtics ("1" 1, "2" 2, "4" 4)
set xrange [0.7:4.3]
set yrange [0:*]
set key below horizontal maxrows 2
plot data."/scaling.csv" using ($2 == 32 ? $1 : NaN):3 with linespoints lw 2 pt 7 lc rgb C_POS title "epoch, batch 32", \
     data."/scaling.csv" using ($2 == 32 ? $1 : NaN):4 with linespoints lw 1 dt 2 pt 6 lc rgb C_POS title "of it communicating", \
     data."/scaling.csv" using ($2 == 256 ? $1 : NaN):3 with linespoints lw 2 pt 5 lc rgb C_NEG title "epoch, batch 256", \
     data."/scaling.csv" using ($2 == 256 ? $1 : NaN):4 with linespoints lw 1 dt 2 pt 4 lc rgb C_NEG title "of it communicating"

set title "A model: machines on a 10 Gbit/s network"
set xlabel "machines"
set ylabel "speed-up over one machine"
set logscale xy 2
set xtics 1,2,64
set ytics ("1/4" 0.25, "1/2" 0.5, "1" 1, "2" 2, "4" 4, "8" 8, "16" 16, "32" 32, "64" 64)
unset xrange
set xrange [1:64]
set yrange [0.2:80]
set key below horizontal maxrows 2
# model.csv: for each number of machines, a row for batch 32, then one for batch 1024
plot x with lines dt 3 lc rgb C_FAINT title "perfect", \
     data."/allreduce/model.csv" every 2::0 using 1:6 with linespoints lw 2 pt 7 lc rgb C_POS title "batch 32", \
     data."/allreduce/model.csv" every 2::1 using 1:6 with linespoints lw 2 pt 5 lc rgb C_NEG title "batch 1024"
unset multiplot
