# Chapter 02: the output and its 0.5 boundary as the network learns (one frame per snapshot).
load "plots/style.gp"
stats data."/samples.csv" using 1 nooutput
PS = STATS_records <= 10 ? 2.5 : 1.2 # four large samples, or many small ones
set terminal gif animate delay 25 loop 0 optimize size 540,540 font "DejaVu Sans,11"
set output out."/ch02-training.gif"

stats data."/frames.csv" using 2 nooutput
frames = STATS_records
array epoch[frames]
do for [i=1:frames] {
    stats data."/frames.csv" every ::i-1::i-1 using 2 nooutput
    epoch[i] = int(STATS_max)
}

# the samples into a datablock (whitespace-separated), so that one plot per frame reads both files
set table $samples
plot data."/samples.csv" using 1:2:3 with table
unset table
set datafile separator whitespace
set datafile nocolumnheaders

# the square the program chose for this data ([-0.5, 1.5] for XOR): the frames'
stats data."/frames.dat" index 0 using 1:2 nooutput
set xrange [STATS_min_x:STATS_max_x]
set yrange [STATS_min_y:STATS_max_y]
set cbrange [0:1]
set size ratio -1
set xlabel "x_1"
set ylabel "x_2"
set key off
unset colorbox
do for [i=0:frames-1] {
    set title sprintf("epoch %d", epoch[i+1])
    plot data."/frames.dat" index i using 1:2:3 with image, \
         $samples using ($3 > 0.5 ? $1 : NaN):2 with points pt 7 ps PS lc rgb C_POS, \
         $samples using ($3 <= 0.5 ? $1 : NaN):2 with points pt 5 ps PS lc rgb C_NEG
}
