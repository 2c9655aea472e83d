# Virtualized/native overhead (ratio of medians) as a heat map over stage-1 x
# stage-2 page sizes, for one target, policy and benchmark.
#
# Data (vbench writes heatmap-<name>.dat): a header row, then one row per cell:
#   x_index  y_index  ratio  "stage-1 page size"  "stage-2 page size"  rows
# where rows is how many measurements the cell's ratio is the geometric mean of.
# Variables: data, subtitle; term and out as in common.gp.
if (!exists("data")) data = 'heatmap.dat'
if (!exists("subtitle")) subtitle = ''
load 'common.gp'
set title "Virtualized / native\n".subtitle
set xlabel 'stage-1 page size'
set ylabel 'stage-2 page size'
set offsets 0.5, 0.5, 0.5, 0.5
set palette defined (0 '#f7fbff', 1 '#6baed6', 2 '#08306b')
set cblabel 'virt / native'
set style fill solid 1.0 border lc rgb 'white'
set key off
set grid noytics
plot data using 1:2:(0.5):(0.5):3:xtic(4):ytic(5) skip 1 with boxxyerror fc palette, \
     data using 1:2:(sprintf('%.2fx', $3)) skip 1 with labels font ',12'
