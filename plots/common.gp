# Shared by every vbench chart: the terminal, the output file, and the style of
# each world, the same in every chart (vbench numbers them: analysis/context.h):
#   1 native   2 hyp-min lean   3 hyp-min full   4 kvm   5 any other
# Variables (vbench sets them with -e): term = 'png' or 'svg', out = output file;
# width and height in pixels (default 960 x 540).
if (!exists("term")) term = 'png'
if (!exists("out")) out = 'chart.' . term
if (!exists("width")) width = 960
if (!exists("height")) height = 540
if (term eq 'svg') {
    set terminal svg size width,height noenhanced font 'Sans,11' background rgb 'white'
} else {
    if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
        set terminal pngcairo size width,height noenhanced font 'Sans,10' background rgb 'white'
    } else {
        set terminal png size width,height noenhanced
    }
}
set output out
set linetype 1 lc rgb '#555555' lw 2 pt 7 ps 0.9 dt 1
set linetype 2 lc rgb '#1f77b4' lw 2 pt 5 ps 0.9 dt 1
set linetype 3 lc rgb '#d62728' lw 2 pt 9 ps 1.1 dt 1
set linetype 4 lc rgb '#2ca02c' lw 2 pt 13 ps 1.1 dt 1
set linetype 5 lc rgb '#9467bd' lw 2 pt 11 ps 1.0 dt 1
set grid ytics lc rgb '#dddddd'
set border 3
set tics nomirror
