# Chapter 10: each character's embedding (its row of C), projected on the two directions along
# which the 27 rows vary most (principal components; with a 2-D embedding, the embedding itself,
# turned), vowels in their own colour.
# drawn from the run embed2 when there is one (make ch10's model with --embed 2); else this run's own
load "plots/style.gp"
set terminal pngcairo size 720,640 font "DejaVu Sans,11" enhanced
set output out."/ch10-embedding.png"
share = system("sed -n 's/^# the two directions hold \\(.*\\) of the variance/\\1/p' ".data."/embedding.csv")
D = int(system("sed -n 's/^C 27 //p' ".data."/weights.txt"))
if (D == 2) {
    set title "The 27 characters' embeddings, from a model trained with D = 2\n(vowels in orange)"
} else {
    set title sprintf("The 27 embeddings (D = %d), projected on their two main directions\n(which hold %s of their variance; vowels in orange)", D, share)
}
set xlabel "first direction"
set ylabel "second direction"
set key off
set offsets graph 0.08, graph 0.08, graph 0.08, graph 0.08
plot data."/embedding.csv" using 2:($4 == 0 ? $3 : NaN):1 with labels font "DejaVu Sans Mono,14" tc rgb C_POS, \
     '' using 2:($4 == 1 ? $3 : NaN):1 with labels font "DejaVu Sans Mono,14" tc rgb C_NEG
