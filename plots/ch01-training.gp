# Chapter 01: an animation, one frame per update of the weights.
load "plots/style.gp"
set terminal gif animate delay 80 loop 0 optimize size 540,540 font "DejaVu Sans,11"
set output out."/ch01-training.gif"

stats data."/updates.csv" using 1 nooutput
frames = STATS_records

set xlabel "x_1"
set ylabel "x_2"
set size ratio -1
set xrange [-2:2]
set yrange [-2:2]
set key off

do for [i=0:frames-1] {
    set title (i == 0 ? "the initial line" : sprintf("update %d of %d", i, frames - 1))
    # (a frame whose line misses the view shows only the samples)
    plot data."/updates.csv" every ::(i>0 ? i-1 : 0)::(i>0 ? i-1 : 0) using ($13 > 0 ? $9 : NaN):10:($11-$9):($12-$10) \
             with vectors nohead lw 1.5 dt 2 lc rgb C_FAINT, \
         data."/updates.csv" every ::i::i using ($13 > 0 ? $9 : NaN):10:($11-$9):($12-$10) \
             with vectors nohead lw 3 lc rgb C_LINE, \
         data."/samples.csv" using ($3 > 0 ? $1 : NaN):2 with points pt 7 ps 2.5 lc rgb C_POS, \
         data."/samples.csv" using ($3 < 0 ? $1 : NaN):2 with points pt 5 ps 2.5 lc rgb C_NEG, \
         data."/updates.csv" every ::i::i using ($5 != 0 ? $3 : NaN):4 \
             with points pt 6 ps 4.5 lw 2 lc rgb C_LINE
}
