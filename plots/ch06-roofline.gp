# Chapter 06: the roofline of one core, double (float when the run measured float alone):
# the peak and the bandwidth of each memory level as ceilings, each one-thread kernel a
# point at the intensity of its inner loop.
# drawn for: a measuring run (make ch06)
load "plots/style.gp"
set output out."/ch06-roofline.png"
stats data."/roofline.csv" using (strcol(1) eq "double" ? 1 : 0) nooutput
prec = STATS_sum > 0 ? "double" : "float"
val(name) = (strcol(1) eq name ? $2 : NaN)
stats data."/machine.csv" using (val("peak_".prec)) nooutput
peak = STATS_max
stats data."/machine.csv" using (val("bandwidth_L1")) nooutput
l1 = STATS_max
stats data."/machine.csv" using (val("bandwidth_L2")) nooutput
l2 = STATS_max
stats data."/machine.csv" using (val("bandwidth_memory")) nooutput
mem = STATS_max
# a key entry only for a kernel the run measured (--matmul N measures one)
rows(name) = (strcol(1) eq prec && strcol(2) eq name) ? 1 : 0
stats data."/roofline.csv" using (rows("naive")) nooutput
has_naive = STATS_sum > 0
stats data."/roofline.csv" using (rows("ikj")) nooutput
has_ikj = STATS_sum > 0
stats data."/roofline.csv" using (rows("blocked")) nooutput
has_blocked = STATS_sum > 0
stats data."/roofline.csv" using (rows("packed")) nooutput
has_packed = STATS_sum > 0
set terminal pngcairo size 720,640 font "DejaVu Sans,11" enhanced
set title sprintf("The roofline of one core, %s: ceilings measured by the triad and the FMA loop", prec)
set xlabel "intensity of the inner loop (floating-point operations per byte it loads or stores)"
set ylabel "GFLOP/s"
set logscale xy 2
set xrange [0.03:8]
set yrange [0.25:2 ** ceil(log(peak * 1.2) / log(2))]   # the peak, and room above it
set format x "%g"
set format y "%g"
# the key under the x label, in a band of its own: no point can hide behind it
set bmargin at screen 0.225
set key at screen 0.5, screen 0.015 center bottom maxrows 4 width -2
roof(x, bw) = (x * bw < peak ? x * bw : peak)
set samples 400
sel(name) = (strcol(1) eq prec && strcol(2) eq name) ? $5 : NaN
plot roof(x, l1) with lines lw 2 lc rgb C_LINE title sprintf("L1: %.0f GB/s, peak %.0f GFLOP/s", l1, peak), \
     roof(x, l2) with lines lw 2 dt 2 lc rgb "#666666" title sprintf("L2: %.0f GB/s", l2), \
     roof(x, mem) with lines lw 2 dt 3 lc rgb C_FAINT title sprintf("memory: %.0f GB/s", mem), \
     data."/roofline.csv" using 4:(sel("naive")) with points pt 4 ps 2 lw 2 lc rgb "#9467bd" title (has_naive ? "1 naive" : ""), \
     data."/roofline.csv" using 4:(sel("ikj")) with points pt 6 ps 2 lw 2 lc rgb "#2ca02c" title (has_ikj ? "2 i-k-j" : ""), \
     data."/roofline.csv" using 4:(sel("blocked")) with points pt 8 ps 2 lw 2 lc rgb "#8c564b" title (has_blocked ? "3 blocked" : ""), \
     data."/roofline.csv" using 4:(sel("packed")) with points pt 5 ps 2 lw 2 lc rgb C_POS title (has_packed ? "4 packed SIMD" : "")
