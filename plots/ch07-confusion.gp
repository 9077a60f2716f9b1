# Chapter 07: per-class test accuracy of this run, beside chapter 04's MLP when its run is there.
load "plots/style.gp"
set output out."/ch07-confusion.png"
set title "Right answers per class on the test set"
set ylabel "right (%)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set yrange [50:100]
set xtics rotate by 30 right
set key below
c4 = data."/"."../ch04/confusion.csv"
have4 = system("test -s '".c4."' && echo 1 || echo 0") + 0
# the diagonal of each confusion table as a percentage of its row
right(f, c) = sprintf("< awk -F, 'NR > 1 { all[$1] += $3; if ($1 == $2) ok[$1] = $3; n[$1] = $4 } END { print \"class,name,right\"; for (i = 0; i < 10; i++) printf \"%%d,%%s,%%.2f\\n\", i, n[i], 100 * ok[i] / all[i] }' %s", f)
if (have4) {
    plot right(data."/confusion.csv", 0) using 3:xtic(2) lc rgb C_POS title "convolutional (this run)", \
         right(c4, 0) using 3 lc rgb C_FAINT title "chapter 04's default network (784-100-10)"
} else {
    plot right(data."/confusion.csv", 0) using 3:xtic(2) lc rgb C_POS title "convolutional (this run; make ch04 adds chapter 04's)"
}
