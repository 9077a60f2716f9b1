# Chapter 01: the samples and the decision line w1 x1 + w2 x2 + b = 0 after each epoch.
load "plots/style.gp"
set output out."/ch01-boundary.png"

# lines.csv: epoch, w1, w2, b, the line's end points (xa, ya) and (xb, yb) in the view,
# and shown = 0 when the line misses the view; read into arrays, row i at index i
stats data."/lines.csv" using 1 nooutput
n = STATS_records
array EP[n]
array W1[n]
array W2[n]
array B[n]
array XA[n]
array YA[n]
array XB[n]
array YB[n]
array SH[n]
i = 0
stats data."/lines.csv" using (i = i + 1, EP[i] = $1, W1[i] = $2, W2[i] = $3, B[i] = $4, \
    XA[i] = $5, YA[i] = $6, XB[i] = $7, YB[i] = $8, SH[i] = $9, 0) nooutput
last = EP[n]

# An epoch without a mistake leaves the line where it was: epochs whose lines are
# equal and consecutive share one line and one label ("2-3"), or the later ones
# would hide under it. A line that misses the square is named under the title.
# With more than MAX_LABELS lines only the first, the last and the final are labelled.
MAX_LABELS = 8
groups = 0
do for [i=1:n] {
    if (i == n || W1[i+1] != W1[i] || W2[i+1] != W2[i] || B[i+1] != B[i]) { groups = groups + 1 }
}
mid = 0
off = ""
n_off = 0
g0 = 1
k = 0
do for [i=1:n] {
    if (i == n || W1[i+1] != W1[i] || W2[i+1] != W2[i] || B[i+1] != B[i]) {
        k = k + 1
        lab = g0 == i ? sprintf("%d", EP[i]) : sprintf("%d-%d", EP[g0], EP[i])
        if (SH[i] > 0) {
            if (i == n) {
                set arrow from XA[i], YA[i] to XB[i], YB[i] nohead lw 4 lc rgb C_LINE front
            } else {
                if (EP[g0] == 0) {
                    set arrow from XA[i], YA[i] to XB[i], YB[i] nohead lw 1.5 dt 2 lc rgb C_FAINT
                } else {
                    set arrow from XA[i], YA[i] to XB[i], YB[i] nohead lw 1.5 lc rgb C_FAINT
                    mid = mid + 1
                }
            }
            # labels at staggered places along their lines, so that near lines keep them apart
            f = 0.92 - 0.14 * (k % 4)
            if (groups <= MAX_LABELS || k <= 2 || k >= groups - 1) {
                set label lab at f * XB[i] + (1 - f) * XA[i], f * YB[i] + (1 - f) * YA[i] \
                    offset 0.6, 0.4 textcolor rgb "#444444" front
            }
        } else {
            n_off = n_off + 1
            if (n_off <= 2) {
                off = off . sprintf("%s%s (%.3g x_1 + %.3g x_2 + %.3g = 0)", n_off > 1 ? "; " : "", \
                    EP[g0] == 0 && g0 == i ? "initial" : "after epoch ".lab, W1[i], W2[i], B[i])
            }
        }
        g0 = i + 1
    }
}
if (n_off > 2) { off = off . sprintf("; and %d more", n_off - 2) }

set title "Perceptron: the decision line after each epoch (labels: epochs)". \
    (n_off > 0 ? "\n{/=9 outside this square, not drawn: ".off."}" : "")
set xlabel "x_1"
set ylabel "x_2"
set size ratio -1
set xrange [-2:2]
set yrange [-2:2]
set key below horizontal

plot NaN with lines lw 1.5 dt 2 lc rgb C_FAINT title (SH[1] > 0 && groups > 1 ? "initial (0)" : ""), \
     NaN with lines lw 1.5 lc rgb C_FAINT title (mid > 0 ? "after epoch k" : ""), \
     NaN with lines lw 4 lc rgb C_LINE title (SH[n] > 0 ? sprintf("final (after epoch %d)", last) : ""), \
     data."/samples.csv" using ($3 > 0 ? $1 : NaN):2 with points pt 7 ps 2.5 lc rgb C_POS \
         title "t = 1", \
     data."/samples.csv" using ($3 < 0 ? $1 : NaN):2 with points pt 5 ps 2.5 lc rgb C_NEG \
         title "t = -1"
