# Chapter 09: the time of one MPI_Allreduce against the size of what it adds up, measured and modelled.
load "plots/style.gp"
set output out."/ch09-allreduce.png"
set title "MPI\\_Allreduce of doubles: measured on 2 ranks here, and the ring model"
set xlabel "bytes on each rank"
set ylabel "seconds"
set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set key top left
set arrow from 636096, graph 0 to 636096, graph 1 nohead dt 2 lc rgb C_FAINT
set label "chapter 04's gradient" at 636096, graph 0.05 offset 0.5,0 textcolor rgb "#666666"
plot data."/allreduce/allreduce.csv" using 1:2 with linespoints lw 2 pt 7 lc rgb C_POS title "measured: 2 ranks, one machine", \
     data."/allreduce/allreduce.csv" using 1:5 with lines lw 2 dt 2 lc rgb C_NEG title "model: 2 machines, 10 Gbit/s", \
     data."/allreduce/allreduce.csv" using 1:6 with lines lw 2 dt 3 lc rgb C_LINE title "model: 64 machines, 10 Gbit/s"
