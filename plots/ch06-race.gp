# Chapter 06: samples per second of one training epoch, three or four ways (bars).
load "plots/style.gp"
set output out."/ch06-race.png"
set title "784-256-10, batches of 64, one thread: training samples per second"
set ylabel "samples/s"
set style data histograms
set style fill solid 0.8 border -1
set boxwidth 0.6
set yrange [0:*]
stats data."/race.csv" using 2 nooutput
set xrange [-0.6:STATS_records - 0.4]   # the bars, and no empty slot beside them
set offsets 0, 0, graph 0.08, 0         # room above the tallest bar for its number
set xtics nomirror
set bmargin 4                           # the names take two lines
unset key
# a trainer's name on two lines, broken at its last space ("packed kernel" over "(float)"):
# four names side by side fit 720 pixels only so
last_space(s, i) = i < 1 ? 0 : (s[i:i] eq " " ? i : last_space(s, i - 1))
two_lines(s) = (p = last_space(s, strlen(s)), p > 0 ? s[1:p - 1]."\n".s[p + 1:*] : s)
plot data."/race.csv" using 2:xtic(two_lines(strcol(1))) lc rgb C_POS, \
     "" using 0:2:(sprintf("%.0f", $2)) with labels offset 0,0.7 notitle
