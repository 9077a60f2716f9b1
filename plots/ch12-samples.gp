# Chapter 12: the text the trained model made up at three temperatures, printed as samples.txt holds it.
load "plots/style.gp"
# samples.txt, a line of it a line here: "H|Temperature 0.5" for a heading, "T|  text" for the text, its tabs
# expanded to stops every 8 columns. Read with system() and drawn as labels: gnuplot's data files would take
# a quote in the text for the start of a quoted field.
all = system("LC_ALL=C awk '/^Temperature/ { sub(/:$/, \"\"); print \"H|\" $0; next } /^$/ { next } \
    { s = \"\"; for (i = 1; i <= length($0); i++) { c = substr($0, i, 1); \
        if (c == \"\\t\") { do s = s \" \"; while (length(s) % 8) } else s = s c } print \"T|\" s }' ".data."/samples.txt")."\n"
# the count of lines and the longest, for the picture's size
lines = 0
widest = 40
rest = all
while (strlen(rest) > 0) {
    p = strstrt(rest, "\n")
    lines = lines + 1
    widest = p - 3 > widest ? p - 3 : widest
    rest = rest[p + 1:]
}
heads = int(system("grep -c '^Temperature' ".data."/samples.txt"))
last = lines + 0.6 * (heads - 1)           # a heading after a text has 0.6 of a line more above it
set terminal pngcairo size 40 + 8.4 * widest, 100 + 17 * (last + 1) font "DejaVu Sans,11" enhanced
set output out."/ch12-samples.png"
set title "Text made up by the model at three temperatures\n(tabs to stops every 8 columns; control and non-ASCII bytes as \\xNN, as samples.txt writes them)" noenhanced
unset border
unset tics
unset grid
set key off
set lmargin at screen 0
set rmargin at screen 1
set tmargin 4
set bmargin 1
set xrange [0 : 40 + 8.4 * widest]       # in pixels
set yrange [last + 0.6 : -0.7]
y = -1
rest = all
k = 0
while (strlen(rest) > 0) {
    p = strstrt(rest, "\n")
    line = rest[1:p - 1]
    rest = rest[p + 1:]
    k = k + 1
    if (line[1:1] eq "H") {
        y = y + (y < 0 ? 1 : 1.6)
        set label k line[3:] at 15, y left font "DejaVu Sans:Bold,11" tc rgb C_NEG noenhanced
    } else {
        y = y + 1
        set label k line[3:] at 15, y left font "DejaVu Sans Mono,10" tc rgb C_LINE noenhanced
    }
}
plot NaN notitle
