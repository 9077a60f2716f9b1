# Chapter 05: the gradient of each layer's weights at the start, for three ways to build a 6-layer network.
load "plots/style.gp"
set output out."/ch05-vanishing.png"

set title "The gradient |dE/dW_l| of each layer at the start (784-100-100-100-100-100-10)"
set xlabel "layer l (1: the first, next to the pixels)"
set ylabel "|dE/dW_l|"
set logscale y
set format y "10^{%L}"
set xtics 1
set key bottom right
set yrange [1e-3:1e2]
plot data."/vanishing-sigmoid/gradnorms.csv" using 1:2 with linespoints lw 2 pt 7 dt 2 lc rgb C_NEG title "sigmoid, normal N(0, 1)", \
     data."/vanishing-sigmoid-glorot/gradnorms.csv" using 1:2 with linespoints lw 2 pt 7 lc rgb C_NEG title "sigmoid, Glorot", \
     data."/vanishing-tanh/gradnorms.csv" using 1:2 with linespoints lw 2 pt 5 lc rgb C_POS title "tanh, Glorot", \
     data."/vanishing-relu/gradnorms.csv" using 1:2 with linespoints lw 2 pt 9 lc rgb "#2ca02c" title "ReLU, He"
