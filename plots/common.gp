# Shared by every vbench chart: the terminal and the output file.
# Variables (vbench sets them with -e): term = 'png' or 'svg', out = output file.
if (!exists("term")) term = 'png'
if (!exists("out")) out = 'chart.' . term
if (term eq 'svg') {
    set terminal svg size 960,540 noenhanced font 'Sans,11' background rgb 'white'
} else {
    if (strstrt(GPVAL_TERMINALS, 'pngcairo') > 0) {
        set terminal pngcairo size 960,540 noenhanced font 'Sans,10' background rgb 'white'
    } else {
        set terminal png size 960,540 noenhanced
    }
}
set output out
set grid ytics lc rgb '#dddddd'
set border 3
set tics nomirror
