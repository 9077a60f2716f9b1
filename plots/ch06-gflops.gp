# Chapter 06: GFLOP/s against n for each kernel and OpenBLAS, double, under the peak.
# drawn for: a measuring run (make ch06)
load "plots/style.gp"
set output out."/ch06-gflops.png"
peak = 0
stats data."/machine.csv" using (strcol(1) eq "peak_double" ? $2 : NaN) nooutput
peak = STATS_max
set title "C = A B in double, one core (kernel 5: every core), from the program's run"
set xlabel "n (the matrices are n x n)"
set ylabel "GFLOP/s"
set key below maxrows 4 width -2
set terminal pngcairo size 720,640 font "DejaVu Sans,11" enhanced
set yrange [0:*]
set logscale x 2
set format x "%g"
sel(name) = (strcol(1) eq "double" && strcol(2) eq name) ? $4 : NaN
plot peak with lines dt 2 lw 2 lc rgb C_LINE title sprintf("peak of one core, %.0f GFLOP/s", peak), \
     2 * peak with lines dt 3 lw 1 lc rgb C_LINE title "peak of two cores", \
     data."/gflops.csv" using 3:(sel("OpenBLAS")) with linespoints lw 3 pt 7 lc rgb C_FAINT title "OpenBLAS, one thread", \
     data."/gflops.csv" using 3:(sel("naive")) with linespoints lw 2 pt 4 lc rgb "#9467bd" title "1 naive (i-j-k)", \
     data."/gflops.csv" using 3:(sel("ikj")) with linespoints lw 2 pt 6 lc rgb "#2ca02c" title "2 i-k-j", \
     data."/gflops.csv" using 3:(sel("blocked")) with linespoints lw 2 pt 8 lc rgb "#8c564b" title "3 blocked", \
     data."/gflops.csv" using 3:(sel("packed")) with linespoints lw 2 pt 5 lc rgb C_POS title "4 packed SIMD", \
     data."/gflops.csv" using 3:(sel("threads")) with linespoints lw 2 pt 9 lc rgb C_NEG title "5 packed, threads"
