# Chapter 10: the bigram counts of the training words, 27 x 27, as a heat map of their logarithm.
load "plots/style.gp"
set terminal pngcairo size 760,700 font "DejaVu Sans,11" enhanced
set output out."/ch10-bigram.png"
set title "Bigram counts of the training words: how often the column's character follows the row's"
set size ratio -1
set xrange [-0.5:26.5]
set yrange [26.5:-0.5]
set xtics scale 0 font "DejaVu Sans Mono,10"
set ytics scale 0 font "DejaVu Sans Mono,10"
set xlabel "next character (. ends a word)"
set ylabel "previous character (. starts a word)"
unset grid
set palette defined (0 "#ffffff", 1 "#c6dbef", 2 "#6baed6", 3 "#2171b5", 4.5 "#08306b")
set cbrange [0:4.5]
set cblabel "log_{10}(1 + count)"
set key off
plot data."/bigram.csv" using 2:1:(log10(1 + $3)) with image, \
     '' using 2:(NaN):xtic(stringcolumn(5)) with points, \
     '' using (NaN):1:ytic(stringcolumn(4)) with points
