# Trap and interrupt costs as bars: one cluster per benchmark, one bar per world
# (native, hyp-min lean, hyp-min full, kvm: colours from common.gp), whiskers from
# p10 to p90, the median's value above each bar and its whisker; log scale, so a
# 10-instruction path and a 500-instruction one are both readable. A slot without a
# number says why (na, ...).
#
# Data (vbench writes traps-<target>.dat): a header row, then one row per cluster:
#   "label"  <series 1: median p10 p90 "slot">  <series 2: ...> ...
# NaN where a series has no number; "slot" is the text for an empty slot ("" if none).
# Variables: data, nseries, wstyle (array: each series' world style, 1..5), title,
#            subtitle, ytitle; term and out as in common.gp.
if (!exists("data")) data = 'traps.dat'
if (!exists("nseries")) nseries = 3
if (!exists("wstyle")) { array wstyle[nseries]; do for [i=1:nseries] { wstyle[i] = i } }
if (!exists("ytitle")) ytitle = 'cycles (log scale)'
if (!exists("title")) title = 'Trap and interrupt costs'
if (!exists("subtitle")) subtitle = ''
load 'common.gp'
set title title."\n".subtitle
set ylabel ytitle
set logscale y
set yrange [0.5:*]
set xrange [-0.6:*]
set offsets 0, 0.6, 0, 0
set style fill solid 0.85 border -1
set key outside right top vertical autotitle columnheader
set xtics rotate by -30 left
set datafile missing 'NaN'
bw = 0.8 / nseries
set boxwidth bw * 0.9 absolute
x(c, i) = c + (i - (nseries - 1) / 2.0) * bw
plot data using ($0):(0.5):xtic(1) with points ps 0 notitle, \
     for [i=0:nseries-1] data using (x($0, i)):(column(2+4*i)) with boxes \
         lt wstyle[i+1] title columnheader(2+4*i), \
     for [i=0:nseries-1] data using (x($0, i)):(column(3+4*i)):(0):(column(4+4*i)-column(3+4*i)) \
         with vectors nohead lc rgb '#333333' lw 1 notitle, \
     for [i=0:nseries-1] data using (x($0, i)):(column(4+4*i) > column(2+4*i) ? column(4+4*i) : \
         column(2+4*i)):(sprintf('%.0f', column(2+4*i))) \
         with labels offset 0,0.6 font ',7' notitle, \
     for [i=0:nseries-1] data using (x($0, i)):(0.6):(stringcolumn(5+4*i)) \
         with labels rotate by 90 left font ',7' tc lt wstyle[i+1] notitle
