# Chapter 06: speed-up of kernel 5 and of OpenBLAS against the number of threads.
# drawn for: a measuring run (make ch06)
load "plots/style.gp"
set output out."/ch06-threads.png"
stats data."/threads.csv" using 1 nooutput
most = STATS_max
stats data."/threads.csv" using 6 nooutput
cores = STATS_max
stats data."/threads.csv" using ($3 > $5 ? $3 : $5) nooutput
top = STATS_max > cores ? STATS_max : cores
set terminal pngcairo size 720,580 font "DejaVu Sans,11" enhanced
set title "Threads on this machine's cores: speed-up over one thread (double)"
set xlabel "threads"
set ylabel "speed-up"
set xtics 1
set xrange [0.5:most + 0.5]
set yrange [0:top * 1.15]                # the perfect line's top, and the best speed-up, below the border
# the key under the x label, in a band of its own: no point hides behind it
set bmargin at screen 0.2
set key at screen 0.5, screen 0.015 center bottom maxrows 3
plot (x < cores ? x : cores) with lines dt 2 lc rgb C_FAINT title sprintf("perfect: a core per thread, %d cores", cores), \
     data."/threads.csv" using 1:3 with linespoints lw 2 pt 5 lc rgb C_POS title "kernel 5 (packed, OpenMP)", \
     data."/threads.csv" using 1:5 with linespoints lw 2 pt 7 lc rgb C_NEG title "OpenBLAS"
