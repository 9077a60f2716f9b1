# Chapter 11: how far back a gradient reaches in a tanh RNN, and what clipping changes (the run `study`).
# drawn for: make ch11 without ARGS (its run `study`), or a run of --study in DIR/study
load "plots/style.gp"
set terminal pngcairo size 1100,480 font "DejaVu Sans,11" enhanced
set output out."/ch11-gradients.png"
set multiplot layout 1,2
set title "|dE_T / dh_t|, E_T the loss of the chunk's last character"
set xlabel "steps back from the last character, T - 1 - t"
set ylabel "norm"
set logscale y
set format y "10^{%L}"
set key bottom left font ",10"
set yrange [1e-32:1e8]
set ytics 1e-32, 1e8    # one label every 8 decades, no minor ticks: 40 decades would crowd them
set mytics 1
set xrange [0:63]
plot data."/study/gradnorm.csv" using 1:2 with lines lw 2 lc rgb C_POS title "start, Whh scale 0.5: vanishes", \
     data."/study/gradnorm.csv" using 1:3 with lines lw 2 lc rgb C_NEG title "start, Whh scale 3: explodes", \
     data."/study/gradnorm.csv" using 1:4 with lines lw 2 dt 2 lc rgb C_NEG title "scale 3 trained, no clipping", \
     data."/study/gradnorm.csv" using 1:5 with lines lw 2 dt 2 lc rgb "#2ca02c" title "scale 3 trained, clipped"
set title "Training from the scale-3 start"
set autoscale x
set autoscale y
set ytics autofreq
set mytics default
set xlabel "step"
set ylabel "training loss (nats a byte)"
unset logscale y
set format y "%g"
set key top right
plot data."/study/clip.csv" using 1:2 with lines lw 1.5 lc rgb C_NEG title "without clipping", \
     data."/study/clip.csv" using 1:4 with lines lw 1.5 lc rgb "#2ca02c" title "clipped to global norm 1"
unset multiplot
