/* Order statistics, mean and standard deviation of cycle samples. */
#include "stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef unsigned __int128 vb_u128;

uint64_t vb_stats_rank(const uint64_t *sorted, size_t n, unsigned pct)
{
	/* Integer ceil: no floating point rounding can move a rank. */
	size_t rank = (size_t)(((vb_u128)pct * n + 99) / 100);

	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return sorted[rank - 1];
}

static int vb_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

void vb_stats_summarize(const uint64_t *v, size_t n, struct vb_summary *out)
{
	uint64_t *s = vb_xmalloc(n * sizeof(*s));

	memset(out, 0, sizeof(*out));
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), vb_cmp_u64);
	out->n = n;
	out->min = s[0];
	out->max = s[n - 1];
	out->p50 = vb_stats_rank(s, n, 50);
	out->p90 = vb_stats_rank(s, n, 90);
	out->p99 = vb_stats_rank(s, n, 99);
	for (size_t i = 0; i < n; i++) {
		uint64_t d = s[i] - out->min, sq;

		if (__builtin_add_overflow(out->sum, s[i], &out->sum))
			out->sum_overflow = true;
		if (__builtin_mul_overflow(d, d, &sq) ||
		    __builtin_add_overflow(out->ssq, sq, &out->ssq))
			out->ssq_overflow = true;
	}
	free(s);
}

double vb_stats_mean(uint64_t n, uint64_t sum)
{
	/* long double holds any 64-bit sum exactly on x86-64 */
	return (double)((long double)sum / (long double)n);
}

int vb_stats_stddev(uint64_t n, uint64_t sum, uint64_t min, uint64_t ssq, double *out)
{
	vb_u128 base = (vb_u128)n * min, d, nssq, dd;

	if (n < 2 || sum < base)
		return -1;
	/*
	 * With d_i = x_i - min and D = sum(d_i) = sum - n*min:
	 * sum((x_i - mean)^2) = ssq - D^2/n, so the variance is (n*ssq - D^2) / (n(n-1)).
	 */
	d = (vb_u128)sum - base;
	if (d > UINT64_MAX)
		return -1;
	nssq = (vb_u128)n * ssq;
	dd = d * d;
	if (nssq < dd)
		return -1;
	*out = (double)sqrtl((long double)(nssq - dd) / ((long double)n * (long double)(n - 1)));
	return 0;
}

static long double vb_mean_ld(const uint64_t *v, size_t n)
{
	long double s = 0;

	for (size_t i = 0; i < n; i++)
		s += v[i];
	return s / n;
}

double vb_stats_mean_raw(const uint64_t *v, size_t n)
{
	return (double)vb_mean_ld(v, n);
}

double vb_stats_stddev_raw(const uint64_t *v, size_t n)
{
	long double m = vb_mean_ld(v, n), s = 0;

	if (n < 2)
		return NAN;
	for (size_t i = 0; i < n; i++)
		s += (v[i] - m) * (v[i] - m);
	return (double)sqrtl(s / (n - 1));
}
