/*
 * What the numbers mean: overhead subtraction, the median's confidence
 * interval, a stability verdict, and virtualized/native pairs (docs/analysis.md).
 */
#ifndef VB_ANALYSIS_H
#define VB_ANALYSIS_H

#include <stdio.h>

#include "results/runset.h"

/* The benchmark whose median every other row includes once. */
#define VB_OVERHEAD_BENCH "counter_overhead"

struct vb_analysis_opts {
	double level;	   /* confidence level of the intervals: 0.95 */
	double stable_pct; /* a row is stable when its interval (or runs' spread) is within this % */
};

void vb_analysis_defaults(struct vb_analysis_opts *o);

/* Fills every row's overhead, interval, stability and native pair. */
void vb_analyze(struct vb_set *s, const struct vb_analysis_opts *o);

/* median - overhead, when both exist. */
int vb_row_corrected(const struct vb_row *r, double *out);

/*
 * For a virt row (or a linux row run in a guest) with a paired native row (the
 * host's): ratio and difference; basis "corrected" or "raw".
 */
int vb_row_pair(const struct vb_row *r, double *ratio, double *diff, const char **basis);

/*
 * The pair's intervals, conservative from both medians' intervals (as compare's):
 * virt - native in [dlo, dhi], virt / native in [qlo, qhi] (NaN unless native's
 * interval is above 0), on the pair's basis. -1 without a pair; -1 with *why set
 * when a side has no interval.
 */
int vb_row_pair_ci(const struct vb_row *r, double *dlo, double *dhi, double *qlo, double *qhi,
		   const char **why);

/* What the clock makes of the numbers ("emulated: cycles are instructions", ...). */
const char *vb_row_caveat(const struct vb_row *r);

/* "%g"-like: integers without decimals, others with 3. */
void vb_fmt_num(char *buf, size_t len, double v);

/* analysis.csv: the summary columns of every run (their union), then the added ones. */
int vb_analysis_write(FILE *f, const struct vb_set *s);

/* Reads every run folder (or folder of runs) and analyzes them. */
int vb_load_runs(struct vb_set *s, char **paths, int n, const struct vb_analysis_opts *o,
		 struct vb_error *e);

/* --level (c 'l') or --stable-pct (c 's'). */
int vb_analysis_opt(int c, const char *arg, struct vb_analysis_opts *o, struct vb_error *e);

#endif
