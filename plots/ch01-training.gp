# Chapter 01: an animation, one frame per update of the weights.
load "plots/style.gp"
set terminal gif animate delay 80 loop 0 optimize size 540,620 font "DejaVu Sans,11"
set output out."/ch01-training.gif"

# updates.csv: frame, epoch, the sample (x1, x2, t) that moved the line, w1, w2, b,
# the line's end points in the view and shown (0: the line misses the view)
stats data."/updates.csv" using 1 nooutput
frames = STATS_records
array W1[frames]
array W2[frames]
array B[frames]
array SH[frames]
array EP[frames]
i = 0
stats data."/updates.csv" using (i = i + 1, EP[i] = $2, W1[i] = $6, W2[i] = $7, B[i] = $8, SH[i] = $13, 0) nooutput
# a long run (XOR never stops) would make a GIF of minutes: its first updates tell the story
MAX_FRAMES = 60
shown = frames < MAX_FRAMES ? frames : MAX_FRAMES

set xlabel "x_1"
set ylabel "x_2"
set size ratio -1
set xrange [-2:2]
set yrange [-2:2]
set key below horizontal maxrows 3 width -2
set style textbox opaque noborder
set label 1 "" at graph 0.5, graph 0.9 center front boxed

do for [i=0:shown-1] {
    set title (i == 0 ? "the initial line" : \
        sprintf("update %d of %d%s, in epoch %d", i, frames - 1, \
                frames > MAX_FRAMES ? sprintf(" (the first %d shown)", MAX_FRAMES - 1) : "", EP[i+1]))
    # a line that cannot be drawn is named, not left out silently
    note = SH[i+1] > 0 ? "" : sprintf("{/=10 the %s line is outside this square:}\n{/=10 %.3g x_1 + %.3g x_2 + %.3g = 0}", \
        i == 0 ? "initial" : "new", W1[i+1], W2[i+1], B[i+1])
    if (i > 0 && SH[i] == 0) {
        note = note . (note eq "" ? "" : "\n") . "{/=10 (the line before this update is outside this square)}"
    }
    set label 1 note
    plot data."/updates.csv" every ::(i>0 ? i-1 : 0)::(i>0 ? i-1 : 0) \
             using (i > 0 && $13 > 0 ? $9 : NaN):10:($11-$9):($12-$10) \
             with vectors nohead lw 1.5 dt 2 lc rgb C_FAINT title "the line before the update", \
         data."/updates.csv" every ::i::i using ($13 > 0 ? $9 : NaN):10:($11-$9):($12-$10) \
             with vectors nohead lw 3 lc rgb C_LINE title "the line after it", \
         data."/updates.csv" every ::i::i using ($5 != 0 ? $3 : NaN):4 \
             with points pt 6 ps 4.5 lw 2 lc rgb C_LINE title "the mistake that moved it", \
         data."/samples.csv" using ($3 > 0 ? $1 : NaN):2 with points pt 7 ps 2.5 lc rgb C_POS title "t = 1", \
         data."/samples.csv" using ($3 < 0 ? $1 : NaN):2 with points pt 5 ps 2.5 lc rgb C_NEG title "t = -1"
}
