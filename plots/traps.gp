# Trap and interrupt costs as bars: one cluster per benchmark (and target),
# one bar per world (native, virt lean, virt full), whiskers from p10 to p90.
#
# Data (vbench writes traps.dat): a header row, then one row per cluster:
#   "label"  <series 1: median p10 p90>  <series 2: median p10 p90> ...
# NaN where a series has no number (e.g. hvc_null natively).
# Variables: data (default 'traps.dat'), nseries (number of series),
#            ytitle, subtitle; term and out as in common.gp.
if (!exists("data")) data = 'traps.dat'
if (!exists("nseries")) nseries = 3
if (!exists("ytitle")) ytitle = 'cycles'
if (!exists("subtitle")) subtitle = ''
load 'common.gp'
set title "Trap and interrupt costs\n".subtitle
set ylabel ytitle
set yrange [0:*]
set style data histograms
set style histogram errorbars gap 2 lw 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set key top left autotitle columnheader
set xtics rotate by -20
set datafile missing 'NaN'
plot for [i=0:nseries-1] data using (column(2+3*i)):(column(3+3*i)):(column(4+3*i)):xtic(1) \
     title columnheader(2+3*i)
