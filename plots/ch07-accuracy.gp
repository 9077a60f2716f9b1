# Chapter 07: test accuracy per epoch, with chapter 05's best network when its run is there.
load "plots/style.gp"
set output out."/ch07-accuracy.png"
set title "Test accuracy per epoch"
set xlabel "epoch"
set ylabel "test accuracy (%)"
set xtics 1
set key bottom right
# (chapter 05's --preset best run, which make docs keeps in build/ch05-best; without it, no entry)
c5 = data."/"."../ch05-best/epochs.csv"
have5 = system("test -s '".c5."' && echo 1 || echo 0") + 0
if (have5) {
    stats c5 using 8 nooutput
    best5 = STATS_max
    plot data."/epochs.csv" using 1:4 with linespoints lw 2 pt 7 lc rgb C_POS title "this run (test)", \
         best5 with lines dt 2 lw 2 lc rgb C_NEG title sprintf("chapter 05's best MLP (%.1f%%)", best5)
} else {
    plot data."/epochs.csv" using 1:4 with linespoints lw 2 pt 7 lc rgb C_POS title "this run (test)"
}
