# Chapter 12: the attention weights of every head of layer 1 over the first bytes of the validation text, one heat map a head (rows attend to columns; the causal mask in grey).
load "plots/style.gp"
L = 1                                    # the layer drawn (the file also holds the last layer's heads)
stats data."/attention.csv" using ($1 == L ? $2 : NaN) nooutput
heads = int(STATS_max)
stats data."/attention.csv" using ($1 == L ? $3 : NaN) nooutput
n = int(STATS_max) + 1                   # bytes of the prompt
# a byte as a character one cell wide: space, newline and tab shown as signs, other control bytes and non-ASCII as ·
ch(b) = b == 32 ? "␣" : b == 10 ? "↵" : b == 9 ? "⇥" : (b < 32 || b > 126) ? "·" : sprintf("%c", int(b))
array C[n]                               # the byte at each column, and at each row
array R[n]
stats data."/attention.csv" using ($1 == L && $2 == 1 && $3 == 0 ? (C[$4 + 1] = $7, $4) : NaN) nooutput
stats data."/attention.csv" using ($1 == L && $2 == 1 && $4 == 0 ? (R[$3 + 1] = $6, $3) : NaN) nooutput
prompt = ""
set xtics ()
set ytics ()
do for [i = 0:n - 1] {
    prompt = prompt.ch(C[i + 1])
    set xtics add (ch(C[i + 1]) i)
    set ytics add (ch(R[i + 1]) i)
}
nc = int(ceil(sqrt(heads)))
nr = int(ceil(1.0 * heads / nc))
set terminal pngcairo size 1100, 100 + 500 * nr font "DejaVu Sans,11" enhanced
set output out."/ch12-attention.png"
unset grid
unset key
set palette defined (0 "#ffffff", 0.1 "#deebf7", 0.3 "#9ecae1", 0.6 "#3182bd", 1 "#08306b")
set cbrange [0:1]
set cblabel "attention weight"
set xrange [-0.5 : n - 0.5]
set yrange [n - 0.5 : -0.5]              # the first byte at the top
set xtics scale 0 font "DejaVu Sans Mono,8" noenhanced offset 0, 0.3
set ytics scale 0 font "DejaVu Sans Mono,8" noenhanced offset 0.5, 0
set style fill solid noborder
top = 1.0 - 90.0 / (100 + 500 * nr)    # below the title
# the masked cells (a byte never attends to a later one) are the grey behind; the others are drawn over it,
# each a little wider than its cell so that no seam shows between them
set object 1 rectangle from graph 0, 0 to graph 1, 1 behind fc rgb "#d9d9d9" fs solid noborder
set multiplot title sprintf("Attention of layer %d's %d heads over the first %d bytes of the validation text,\n\"%s\":\nrow: the byte attending; column: the byte attended (grey: masked, the later bytes)", L, heads, n, prompt) noenhanced font ",12"
w = 0.84 / nc                            # a head's share of the width; the colour bar right of them all
hh = top / nr
do for [h = 1:heads] {
    i = (h - 1) % nc
    j = (h - 1) / nc
    set lmargin at screen 0.04 + i * w + 0.035
    set rmargin at screen 0.04 + (i + 1) * w - 0.01
    set tmargin at screen top - j * hh - 0.04
    set bmargin at screen top - (j + 1) * hh + 0.03
    set title sprintf("head %d", h)
    if (h == 1) { set colorbox user origin screen 0.905, screen 0.3 size screen 0.02, screen 0.4 } else { unset colorbox }
    plot data."/attention.csv" using ($1 == L && $2 == h && $4 <= $3 ? $4 : NaN):3:(0.52):(0.52):5 with boxxyerror fc palette
}
unset multiplot
