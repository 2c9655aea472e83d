# TLB-miss cost against the memory footprint (log scale), one curve per
# page-size configuration, whiskers from p10 to p90.
#
# Data (vbench writes tlb.dat): one block per curve, blocks separated by two
# blank lines; each block starts with a header row whose second field is the
# curve's title, then rows of:  footprint_bytes  median  p10  p90
# Variables: data (default 'tlb.dat'), ncurves, ytitle, subtitle; term and out
# as in common.gp.
if (!exists("data")) data = 'tlb.dat'
if (!exists("ncurves")) ncurves = 1
if (!exists("ytitle")) ytitle = 'cycles per access'
if (!exists("subtitle")) subtitle = ''
load 'common.gp'
set title "TLB-miss cost against footprint\n".subtitle
set xlabel 'footprint (bytes, log scale)'
set ylabel ytitle
set logscale x 2
set format x '%.0b %BB'
set yrange [0:*]
set key below
plot for [i=0:ncurves-1] data index i using 1:2:3:4 with yerrorlines lw 2 pt 7 ps 0.8 \
     title columnheader(2)
