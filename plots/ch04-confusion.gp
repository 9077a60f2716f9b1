# Chapter 04: the confusion matrix of the test set, with counts and class names.
load "plots/style.gp"
set terminal pngcairo size 760,680 font "DejaVu Sans,11" enhanced
set output out."/ch04-confusion.png"

set title "Confusion matrix on the test set: how often class (row) was called class (column)"
set size ratio -1
set xrange [-0.5:9.5]
set yrange [9.5:-0.5]
set xtics rotate by 40 right scale 0
set ytics scale 0
set xlabel "predicted class"
set ylabel "true class"
unset grid
set palette defined (0 "#ffffff", 1 "#c6dbef", 2 "#6baed6", 3 "#08519c")
set cbrange [0:3]
set cblabel "log_{10}(1 + count)"
set key off
plot data."/confusion.csv" using 2:1:(log10(1 + $3)) with image, \
     '' using 2:1:(sprintf("%d", $3)):($3 > 300 ? 0xffffff : 0x222222) with labels tc rgb variable font "DejaVu Sans,9", \
     '' using 2:(NaN):xtic(5) with points, \
     '' using (NaN):1:ytic(4) with points
