# Chapter 08: each parameter's gradient by the tape against chapter 03's hand-written backward
# pass, as their relative difference on a log scale: what could have differed, beside the size of
# one rounding and the tests' bound. A difference of exactly 0 has no logarithm: it is drawn on
# the floor line at the bottom.
load "plots/style.gp"
set output out."/ch08-agreement.png"
stats data."/agreement.csv" using 7 nooutput
n = STATS_records
worst = STATS_max
stats data."/agreement.csv" using ($7 == 0 ? 1 : 0) nooutput
exact = int(STATS_sum)
floor = 1e-18
set title sprintf("Spirals, 2-8-8-1: the tape's %d gradients against chapter 03's\n%d equal to the last bit, largest relative difference %.2g", n, exact, worst)
set xlabel "parameter, matrix by matrix (W1 b1 W2 b2 W3 b3)"
set ylabel "|tape - hand| / |hand|"
set logscale y
set format y "10^{%L}"
set yrange [floor / 30 : 1]
set xrange [-2 : n + 1]
set key top right
# a tic under the first parameter of each matrix, named after it
prev = ""
first(m) = (m eq prev) ? "" : (prev = m, m)
plot 1e-12 with lines dt 3 lw 2 lc rgb C_NEG title "the tests' bound (1e-12)", \
     2.2e-16 with lines dt 2 lw 1 lc rgb C_LINE title "one rounding of a double (2.2e-16)", \
     data."/agreement.csv" using 1:($7 > 0 ? $7 : NaN):xtic(first(strcol(2))) with points pt 7 ps 1.0 lc rgb C_POS \
         title (exact < n ? "differs" : ""), \
     data."/agreement.csv" using 1:($7 > 0 ? NaN : floor) with points pt 6 ps 1.0 lc rgb C_POS \
         title "equal to the last bit (drawn at 10^{-18})"
