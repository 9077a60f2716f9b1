# Chapter 02: where each hidden unit switches (w1j x1 + w2j x2 + b1j = 0), over the samples.
load "plots/style.gp"
stats data."/samples.csv" using 1 nooutput
PS = STATS_records <= 10 ? 2.5 : 1.2 # four large samples, or many small ones
set output out."/ch02-hidden.png"

set title "Each hidden unit's line, where its output crosses 0.5"
set xlabel "x_1"
set ylabel "x_2"
set size ratio -1
# the square the program chose for this data ([-0.5, 1.5] for XOR): the grid's
set datafile separator whitespace
set datafile nocolumnheaders
stats data."/grid.dat" using 1:2 nooutput
set xrange [STATS_min_x:STATS_max_x]
set yrange [STATS_min_y:STATS_max_y]
set datafile separator ","
set datafile columnheaders
set key below horizontal
# hidden.csv: unit, w1, w2, b, then the line's end points in the view.
# Unit j is marked at its own place along its line (f), so that two units with
# nearly the same line keep their labels apart; the arrow points along (w1, w2),
# to the side where the unit is on (output above 0.5), the label sits on the other.
f(j) = 0.15 + 0.7 * ((int(j) - 1) % 4) / 3.0
px(j, xa, xb) = xa + f(j) * (xb - xa)
nrm(w1, w2) = sqrt(w1**2 + w2**2)
L = 0.08 * (STATS_max_x - STATS_min_x) # the arrows: 0.16 on the XOR square
plot data."/hidden.csv" using 5:6:($7-$5):($8-$6):1 with vectors nohead lw 3 lc variable \
         title "hidden unit j's line (colour: j)", \
     data."/hidden.csv" using (px($1, $5, $7)):(px($1, $6, $8)):(L*$2/nrm($2, $3)):(L*$3/nrm($2, $3)):1 \
         with vectors head filled size 0.05,25 lw 2 lc variable title "the side where it is on", \
     data."/hidden.csv" using (px($1, $5, $7) - 0.6*L*$2/nrm($2, $3)):(px($1, $6, $8) - 0.6*L*$3/nrm($2, $3)):(sprintf("h%d", $1)) \
         with labels font ",12" notitle, \
     data."/samples.csv" using ($3 > 0.5 ? $1 : NaN):2 with points pt 7 ps PS lc rgb C_POS \
         title "t = 1", \
     data."/samples.csv" using ($3 <= 0.5 ? $1 : NaN):2 with points pt 5 ps PS lc rgb C_NEG \
         title "t = 0"
