# Chapter 07: each convolution's time per image, by its definition and as im2col + a matrix product.
load "plots/style.gp"
set output out."/ch07-speed.png"
set title "Each convolution: milliseconds per image"
set ylabel "ms per image"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set yrange [0:*]
set key top left
plot data."/speed.csv" using 3:xtic(sprintf("layer %d (%s)", $1, strcol(2))) lc rgb C_NEG title "direct (the definition)", \
     "" using 4 lc rgb C_POS title "im2col + matrix product"
