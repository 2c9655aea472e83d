# One metric across revisions: one curve per configuration, error bars from the
# median's confidence interval (none where a run had no raw samples), and the
# points that regressed against the previous run of their curve circled in red.
#
# Data (vbench history plot writes history.dat): one block per curve, blocks
# separated by two blank lines; each block starts with a header row whose
# second field is the curve's title, then rows of:
#   run_index  "revision"  median  ci_lo  ci_hi  regression(0/1)
# Variables: data (default 'history.dat'), ncurves, subtitle, cstyle (array: each curve's
# world style, common.gp); term and out as in common.gp. The legend is short (target and
# world, the configuration only when curves differ in it) and inside the image.
if (!exists("data")) data = 'history.dat'
if (!exists("ncurves")) ncurves = 1
if (!exists("subtitle")) subtitle = ''
if (!exists("cstyle")) { array cstyle[ncurves]; do for [i=1:ncurves] { cstyle[i] = 5 } }
load 'common.gp'
# a world's second curve (another target, configuration) gets a dash of its own
array cdash[ncurves]
do for [i=1:ncurves] {
    cdash[i] = 1
    do for [j=1:i-1] { if (cstyle[j] == cstyle[i]) { cdash[i] = cdash[i] + 1 } }
}
set title "History\n".subtitle
set xlabel 'run (revision)'
set ylabel 'median (cycles)'
set xtics rotate by -30
set key inside top left opaque box
set offsets 0.3, 0.3, 0, 0
plot for [i=0:ncurves-1] data index i using 1:3:4:5:xtic(2) with yerrorlines \
         lt cstyle[i+1] dt cdash[i+1] title columnheader(2), \
     for [i=0:ncurves-1] data index i using 1:($6 > 0 ? $3 : NaN) with points pt 6 ps 3 \
         lw 2 lc rgb 'red' title (i == 0 ? 'regression' : '')
