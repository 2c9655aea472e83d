/* Order statistics, mean and standard deviation of cycle samples (docs/results.md). */
#ifndef VB_STATS_H
#define VB_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a guest `result` record reports about its n kept samples. */
struct vb_summary {
	uint64_t n, min, p50, p90, p99, max, sum;
	uint64_t ssq;	   /* sum of squared differences from min */
	bool ssq_overflow; /* ssq did not fit 64 bits */
	bool sum_overflow; /* only possible when computed here from samples */
};

/* Nearest rank: the ceil(pct/100 * n)-th smallest of n sorted values (n > 0). */
uint64_t vb_stats_rank(const uint64_t *sorted, size_t n, unsigned pct);

/* Summarizes n > 0 raw samples the way the guest does; v is left untouched. */
void vb_stats_summarize(const uint64_t *v, size_t n, struct vb_summary *out);

/* sum / n. */
double vb_stats_mean(uint64_t n, uint64_t sum);

/*
 * Sample standard deviation (n - 1) from n, sum, min and ssq = sum((x - min)^2),
 * computed exactly in 128-bit integers before the final division. Returns -1
 * when it is undefined (n < 2) or the numbers cannot come from real samples.
 */
int vb_stats_stddev(uint64_t n, uint64_t sum, uint64_t min, uint64_t ssq, double *out);

/* The same two from raw samples, by the textbook two-pass formulas (for cross-checks). */
double vb_stats_mean_raw(const uint64_t *v, size_t n);
double vb_stats_stddev_raw(const uint64_t *v, size_t n);

#endif
