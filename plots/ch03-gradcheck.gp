# Chapter 03: worst relative error of finite differences against backprop, for each step eps.
load "plots/style.gp"
set output out."/ch03-gradcheck.png"

set title "Gradient check: how the step eps of the finite difference trades errors"
set xlabel "step eps"
set ylabel "worst relative error over all parameters"
set logscale xy
set format x "10^{%L}"
set format y "10^{%L}"
set xrange [*:*] reverse
set key top center
set arrow from graph 0, first 1e-7 to graph 1, first 1e-7 nohead dt 2 lc rgb C_FAINT
set label "1e-7" at graph 0.02, first 1.6e-7 textcolor rgb "#666666"
plot data."/eps.csv" using 1:2 with linespoints pt 7 lw 2 lc rgb C_POS \
         title "central: (E(w+eps) - E(w-eps)) / 2 eps", \
     data."/eps.csv" using 1:3 with linespoints pt 5 lw 2 lc rgb C_NEG \
         title "forward: (E(w+eps) - E(w)) / eps"
