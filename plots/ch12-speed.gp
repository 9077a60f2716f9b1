# Chapter 12: tokens a second of training and of generation with and without the KV cache, and make bench's training figures (C, PyTorch, numpy) when make bench has written them (build/ch12-bench.csv, beside the run's directory).
load "plots/style.gp"
bench = sprintf("%s/../ch12-bench.csv", data)    # make bench's, optional: a name built with sprintf, which plot.sh does not require
have_bench = system(sprintf("test -s '%s' && echo 1 || echo 0", bench)) + 0
stats data."/speed.csv" using 2 nooutput
ns = STATS_records
lo = STATS_min
hi = STATS_max
nb = 0
if (have_bench) {
    stats bench using 2 nooutput
    nb = STATS_records
    lo = STATS_min < lo ? STATS_min : lo
    hi = STATS_max > hi ? STATS_max : hi
}
gap = nb > 0 ? 0.6 : 0                   # a little room between this run's bars and the benchmark's
set terminal pngcairo size 820, 190 + 46 * (ns + nb) font "DejaVu Sans,11" enhanced
set output out."/ch12-speed.png"
set title nb > 0 ? "Tokens (bytes) a second: this run, and below it\nmake bench's training of the same model (median of 3)" \
                 : "Tokens (bytes) a second of this run"
set xlabel "tokens a second"
set yrange [ns + nb + gap - 0.4 : -0.6]  # the first bar at the top
set ytics scale 0 noenhanced
set grid noytics xtics
set key off
logx = hi / lo > 30                      # more than a factor 30 between the bars: a log scale, else bars from 0
if (logx) {
    base = 10 ** floor(log10(lo))
    set logscale x
    set xrange [base : hi * 4]
    set format x "10^{%L}"
    set mxtics 10
} else {
    base = 0
    set xrange [0 : hi * 1.18]           # room for the numbers at the bars' ends
}
set style fill solid 0.85 noborder
# colours: the course's C blue, PyTorch orange, numpy green
colour(s) = strstrt(s, "PyTorch") ? 0xe6550d : strstrt(s, "numpy") ? 0x2ca02c : 0x1f77b4
left(v) = logx ? sqrt(base * v) : v / 2              # a bar from base to v, as a centre and a half width
half(v) = logx ? v - sqrt(base * v) : v / 2
name(s) = s eq "training" ? "training (this run)" : s eq "generation without it" ? "generation without the KV cache" : s
if (nb > 0) {
plot data."/speed.csv" using (left($2)):0:(half($2)):(0.32):(colour(strcol(1))):ytic(name(strcol(1))) \
         with boxxyerror fc rgb variable, \
     '' using 2:0:(sprintf(" %.0f", $2)) with labels left font ",10", \
     bench using (left($2)):($0 + ns + gap):(half($2)):(0.32):(colour(strcol(1))):ytic("training, ".strcol(1)) \
         with boxxyerror fc rgb variable, \
     '' using 2:($0 + ns + gap):(sprintf(" %.0f", $2)) with labels left font ",10"
} else {
plot data."/speed.csv" using (left($2)):0:(half($2)):(0.32):(colour(strcol(1))):ytic(name(strcol(1))) \
         with boxxyerror fc rgb variable, \
     '' using 2:0:(sprintf(" %.0f", $2)) with labels left font ",10"
}
