# Chapter 06: GFLOP/s against n for each kernel and OpenBLAS, under the peak: in double,
# or in float when the run measured float alone (--precision float).
# drawn for: a measuring run (make ch06)
load "plots/style.gp"
set output out."/ch06-gflops.png"
stats data."/gflops.csv" using (strcol(1) eq "double" ? 1 : 0) nooutput
prec = STATS_sum > 0 ? "double" : "float"
stats data."/machine.csv" using (strcol(1) eq "peak_".prec ? $2 : NaN) nooutput
peak = STATS_max
# a key entry only for a kernel the run measured (--matmul N measures one and OpenBLAS)
rows(name) = (strcol(1) eq prec && strcol(2) eq name) ? 1 : 0
stats data."/gflops.csv" using (rows("naive")) nooutput
has_naive = STATS_sum > 0
stats data."/gflops.csv" using (rows("ikj")) nooutput
has_ikj = STATS_sum > 0
stats data."/gflops.csv" using (rows("blocked")) nooutput
has_blocked = STATS_sum > 0
stats data."/gflops.csv" using (rows("packed")) nooutput
has_packed = STATS_sum > 0
stats data."/gflops.csv" using (rows("threads")) nooutput
has_threads = STATS_sum > 0
stats data."/gflops.csv" using 3 nooutput
n_min = STATS_min
n_max = STATS_max
set title sprintf("C = A B in %s, one core (kernel 5: several threads), from the program's run", prec)
set xlabel "n (the matrices are n x n)"
set ylabel "GFLOP/s"
# the key under the x label, in a band of its own (gnuplot's "key below" draws its box over the label)
set bmargin at screen 0.225
set key at screen 0.5, screen 0.015 center bottom maxrows 4 width -2
set terminal pngcairo size 720,660 font "DejaVu Sans,11" enhanced
set yrange [0:*]
set logscale x 2
set format x "%g"
if (n_min == n_max) { set xrange [n_min / 2 : n_max * 2] }    # one size (--sizes 512): an octave each side
sel(name) = (strcol(1) eq prec && strcol(2) eq name) ? $4 : NaN
plot peak with lines dt 2 lw 2 lc rgb C_LINE title sprintf("peak of one core, %.0f GFLOP/s", peak), \
     2 * peak with lines dt 3 lw 1 lc rgb C_LINE title "peak of two cores", \
     data."/gflops.csv" using 3:(sel("OpenBLAS")) with linespoints lw 3 pt 7 lc rgb C_FAINT title "OpenBLAS, one thread", \
     data."/gflops.csv" using 3:(sel("naive")) with linespoints lw 2 pt 4 lc rgb "#9467bd" title (has_naive ? "1 naive (i-j-k)" : ""), \
     data."/gflops.csv" using 3:(sel("ikj")) with linespoints lw 2 pt 6 lc rgb "#2ca02c" title (has_ikj ? "2 i-k-j" : ""), \
     data."/gflops.csv" using 3:(sel("blocked")) with linespoints lw 2 pt 8 lc rgb "#8c564b" title (has_blocked ? "3 blocked" : ""), \
     data."/gflops.csv" using 3:(sel("packed")) with linespoints lw 2 pt 5 lc rgb C_POS title (has_packed ? "4 packed SIMD" : ""), \
     data."/gflops.csv" using 3:(sel("threads")) with linespoints lw 2 pt 9 lc rgb C_NEG title (has_threads ? "5 packed, threads" : "")
