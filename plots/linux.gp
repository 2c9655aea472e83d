# vbench-linux's page chase: cost per access against the footprint (log scale),
# a panel per mapping (4 KiB pages, THP, hugetlb 64 KiB / 2 MiB / 1 GiB where
# measured), a curve per run: the host's (native's style), a guest's (KVM's style),
# one whose in_guest is unknown (other); whiskers p10 to p90. Where the core
# counted TLB events, a second panel per mapping beside it draws each event per
# access, one dash per event. Styles are common.gp's; one legend, beside the panels.
#
# Data (vbench writes linux-<target>.dat): one block per curve, blocks separated
# by two blank lines, panel after panel; each block starts with a header row whose
# second field is the curve's title, then rows of:  footprint_bytes  value  p10  p90
# (an event's p10 and p90 are its value: summary.csv has its median only).
# Variables: data, title, subtitle; npanels, ncols; arrays pfirst and pcount (each
# panel's first block, from 0, and how many), ptitle, pytitle and pymax (each
# panel's title, y axis title and top), cstyle and cdash (each block's world style
# and dash); nlegend and arrays lname, lstyle, ldash (the legend); xmin, xmax
# (footprints measured); width, height, term and out as in common.gp.
if (!exists("data")) data = 'linux.dat'
if (!exists("title")) title = 'Linux page chase against footprint'
if (!exists("subtitle")) subtitle = ''
load 'common.gp'
set datafile missing 'NaN'
nrows = int((npanels + ncols - 1) / ncols)
top = 0.1 * 540.0 / height + 0.02
keyw = 0.22
pw = (1.0 - keyw) / ncols
ph = (1.0 - top) / nrows
set multiplot title title."\n".subtitle
set logscale x 2
set xrange [xmin / 1.5 : xmax * 1.5]
set xtics ()
do for [k=0:40] {
    fp = 4096 * 4**k
    if (fp >= xmin / 1.01 && fp <= xmax * 1.01) {
        lbl = fp >= 2**30 ? sprintf('%.0fG', fp / 2**30) : fp >= 2**20 ? sprintf('%.0fM', fp / 2**20) : sprintf('%.0fk', fp / 2**10)
        set xtics add (lbl fp)
    }
}
set key off
set lmargin 9
set rmargin 2
do for [p=1:npanels] {
    set origin ((p - 1) % ncols) * pw, 1.0 - top - (int((p - 1) / ncols) + 1) * ph
    set size pw, ph
    set title ptitle[p]
    set yrange [0 : pymax[p]]
    set xlabel (p > npanels - ncols ? 'footprint (bytes, log scale)' : '')
    set ylabel pytitle[p]
    plot for [i=pfirst[p]:pfirst[p]+pcount[p]-1] data index i using 1:2:3:4 \
         with yerrorlines lt cstyle[i+1] dt cdash[i+1] notitle
}
# the legend: one entry per curve name, in its world's style, beside the panels
set origin 1.0 - keyw, 0
set size keyw, 1.0 - top
unset title
unset xlabel
unset ylabel
unset logscale x
unset border
unset tics
unset grid
set xrange [0:1]
set yrange [0:1]
set key at graph 0.02, graph 0.98 left top Left reverse samplen 2 spacing 1.3
plot for [i=1:nlegend] NaN with linespoints lt lstyle[i] dt ldash[i] title lname[i]
unset multiplot
