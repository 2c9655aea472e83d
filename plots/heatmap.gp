# Virtualized/native (ratio of medians) as a heat map over stage-1 x stage-2 page
# sizes, both axes in order of size, for one target, policy, benchmark (and variant:
# walk_cache's pattern) and one facet: the rest of the configuration (start level,
# walk attributes), said in the subtitle.
#
# Data (vbench writes heatmap-<name>.dat): a header row, then one row per cell:
#   x_index  y_index  ratio  "stage-1 page size"  "stage-2 page size"  rows
# where rows is how many measurements the cell's ratio is the geometric mean of.
# Variables: data, title, subtitle, cbmin and cbmax (the colour range: the data's,
# from at most 1); term and out as in common.gp.
if (!exists("data")) data = 'heatmap.dat'
if (!exists("title")) title = 'Virtualized / native'
if (!exists("subtitle")) subtitle = ''
load 'common.gp'
set title title."\n".subtitle
set xlabel 'stage-1 page or block size'
set ylabel 'stage-2 page or block size'
set offsets 0.5, 0.5, 0.5, 0.5
set palette defined (0 '#deebf7', 1 '#6baed6', 2 '#08306b')
if (exists("cbmin") && exists("cbmax")) { set cbrange [cbmin:cbmax] }
mid = exists("cbmin") ? (cbmin + cbmax) / 2 : 1
set cblabel 'virt / native'
set style fill solid 1.0 border lc rgb 'white'
set key off
set grid noytics
plot data using 1:2:(0.5):(0.5):3:xtic(4):ytic(5) skip 1 with boxxyerror fc palette, \
     data using 1:2:(sprintf('%.2fx', $3)):($3 > mid ? 0xffffff : 0x000000) skip 1 \
         with labels font ',12' tc rgb variable
