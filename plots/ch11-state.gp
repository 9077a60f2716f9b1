# Chapter 11: one hidden unit's value under the characters it has read (the unit that follows a feature of the text best).
load "plots/style.gp"
set terminal pngcairo size 1100,520 font "DejaVu Sans Mono,10" enhanced
set output out."/ch11-state.png"
set palette defined (-1 "#d6604d", 0 "#f7f7f7", 1 "#4393c3")
set cbrange [-1:1]
unset grid
unset xtics
unset ytics
unset border
unset colorbox
set key top center outside font "DejaVu Sans,11" noenhanced nobox samplen 0   # the key is the title: which unit, what it follows
set yrange [*:*] reverse
set size ratio -1
set style fill solid noborder
plot data."/state.csv" using 1:2:(0.5):(0.5):3 with boxxyerror fc palette title columnheader(3), \
     data."/state.csv" using 1:2:4 with labels font "DejaVu Sans Mono,9" noenhanced notitle
