/* Statistics for analysis: the median's confidence interval, percentiles, stability. */
#ifndef VB_CI_H
#define VB_CI_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Distribution-free confidence interval of the median from order statistics:
 * with B ~ Binomial(n, 1/2), the interval [x_(j), x_(n-j+1)] covers the true
 * median with probability 1 - 2 P(B <= j-1); j is the largest rank keeping that
 * at least `level` (0.95). `sorted` is ascending. Returns -1 when n is too small
 * for any interval to reach the level (n < 6 at 95%).
 */
int vb_ci_median(const double *sorted, size_t n, double level, double *lo, double *hi);

/* The rank j above (1-based), or 0 if none reaches the level. */
size_t vb_ci_rank(size_t n, double level);

/* Nearest-rank percentile of ascending values, as summary.csv defines them. */
double vb_ci_pct(const double *sorted, size_t n, unsigned pct);

/* Sorts doubles ascending. */
void vb_ci_sort(double *v, size_t n);

/* (hi - lo) / |median| as a percentage; 0 when hi == lo; -1 for a 0 median with hi != lo. */
double vb_ci_rel_width(double lo, double hi, double median);

#endif
