# Chapter 10: words the trained model made up at three temperatures; words of the list in bold.
load "plots/style.gp"
set terminal pngcairo size 720,520 font "DejaVu Sans,11" enhanced
set output out."/ch10-samples.png"
set title "Words made up by the model at three temperatures (words of the list in bold)"
unset border
unset tics
unset grid
set key off
set xrange [0.5:3.5]
set yrange [12:-1]
set label 1 "τ = 0.5" at 1, -0.5 center font "DejaVu Sans,12"
set label 2 "τ = 1" at 2, -0.5 center font "DejaVu Sans,12"
set label 3 "τ = 1.5" at 3, -0.5 center font "DejaVu Sans,12"
col(t) = t < 0.75 ? 1 : t < 1.25 ? 2 : 3
# a word longer than a column shows its first 18 letters and an ellipsis
fit(w) = strlen(w) > 20 ? w[1:18]."…" : w
plot data."/samples.csv" using (col($1)):($4 == 0 ? $2 + 0.2 : NaN):(fit(stringcolumn(3))) with labels \
         font "DejaVu Sans Mono,12" tc rgb C_LINE, \
     '' using (col($1)):($4 == 1 ? $2 + 0.2 : NaN):(fit(stringcolumn(3))) with labels font "DejaVu Sans Mono:Bold,12" \
         tc rgb C_NEG
