/* Order statistics, mean and standard deviation of cycle samples. */
#include "stats.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef unsigned __int128 vb_u128;

/* The nearest rank of pct in n values, 1 to n. */
static size_t vb_rank(size_t n, unsigned pct)
{
	/* Integer ceil: no floating point rounding can move a rank. */
	size_t rank = (size_t)(((vb_u128)pct * n + 99) / 100);

	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return rank;
}

uint64_t vb_stats_rank(const uint64_t *sorted, size_t n, unsigned pct)
{
	return sorted[vb_rank(n, pct) - 1];
}

/*
 * Sorts v (n values) with tmp as scratch: LSD radix sort, a byte at a time,
 * skipping bytes in which all values agree (cycle counts use two or three).
 * Linear: every run's samples are sorted once, so this sets `vbench parse`'s pace.
 * Returns v or tmp, whichever holds the result.
 */
static uint64_t *vb_radix_sort(uint64_t *v, uint64_t *tmp, size_t n)
{
	size_t count[8][256];
	unsigned shift[8], k = 0;
	uint64_t differ = 0; /* bits in which some value differs from the first */

	for (size_t i = 1; i < n; i++)
		differ |= v[i] ^ v[0];
	for (unsigned b = 0; b < 8; b++)
		if ((differ >> (8 * b)) &
		    0xff) /* all values agree in the others: the order stays */
			shift[k++] = 8 * b;
	/* only the bytes that vary are counted, all of them in one pass */
	memset(count, 0, k * sizeof(count[0]));
	for (size_t i = 0; i < n; i++)
		for (unsigned j = 0; j < k; j++)
			count[j][(v[i] >> shift[j]) & 0xff]++;
	for (unsigned j = 0; j < k; j++) {
		size_t pos = 0;

		for (unsigned c = 0; c < 256; c++) {
			size_t m = count[j][c];

			count[j][c] = pos;
			pos += m;
		}
		for (size_t i = 0; i < n; i++)
			tmp[count[j][(v[i] >> shift[j]) & 0xff]++] = v[i];
		{
			uint64_t *t = v;

			v = tmp;
			tmp = t;
		}
	}
	return v;
}

/*
 * p50, p90 and p99 of n values between lo and lo + span, from how many there
 * are of each: for samples close together (span within about 2n, as cycle
 * counts are), nothing is sorted or moved.
 */
static void vb_ranks_counted(const uint64_t *v, size_t n, uint64_t lo, uint64_t span,
			     struct vb_summary *out)
{
	uint32_t *count = vb_xcalloc((size_t)span + 1, sizeof(*count));
	const size_t want[3] = { vb_rank(n, 50), vb_rank(n, 90), vb_rank(n, 99) };
	uint64_t *dst[3] = { &out->p50, &out->p90, &out->p99 };
	size_t got = 0, seen = 0;

	for (size_t i = 0; i < n; i++)
		count[v[i] - lo]++;
	for (uint64_t x = 0; got < 3; x++) /* the 99th percentile's rank is at most n */
		for (seen += count[x]; got < 3 && seen >= want[got]; got++)
			*dst[got] = lo + x;
	free(count);
}

/* The same from the values sorted. */
static void vb_ranks_sorted(const uint64_t *v, size_t n, struct vb_summary *out)
{
	uint64_t *buf = vb_xmalloc(2 * n * sizeof(*buf)), *s;

	memcpy(buf, v, n * sizeof(*buf));
	s = vb_radix_sort(buf, buf + n, n);
	out->p50 = vb_stats_rank(s, n, 50);
	out->p90 = vb_stats_rank(s, n, 90);
	out->p99 = vb_stats_rank(s, n, 99);
	free(buf);
}

/* The sums the old way, each square from the min checked: for values of more than 32 bits. */
static void vb_sums_checked(const uint64_t *v, size_t n, struct vb_summary *out)
{
	out->sum = out->ssq = 0;
	out->sum_overflow = out->ssq_overflow = false;
	/* sums in any order: unsigned and growing, they overflow in one order if in all */
	for (size_t i = 0; i < n; i++) {
		uint64_t d = v[i] - out->min, sq;

		if (__builtin_add_overflow(out->sum, v[i], &out->sum))
			out->sum_overflow = true;
		if (__builtin_mul_overflow(d, d, &sq) ||
		    __builtin_add_overflow(out->ssq, sq, &out->ssq))
			out->ssq_overflow = true;
	}
}

void vb_stats_summarize(const uint64_t *v, size_t n, struct vb_summary *out)
{
	vb_u128 sum = 0, sq = 0, ssq;
	uint64_t min, max;

	memset(out, 0, sizeof(*out));
	out->n = n;
	if (!n)
		return;
	/*
	 * One pass for min, max and the sums of values and squares, exact in 128
	 * bits while values fit 32 (n < 2^64 squares below 2^64 each); then
	 * ssq = sum((x - min)^2) = sq - 2 min sum + n min^2, and each sum
	 * overflowed 64 bits iff its exact total exceeds them (every term is >= 0).
	 */
	min = max = v[0];
	for (size_t i = 0; i < n; i++) {
		min = v[i] < min ? v[i] : min;
		max = v[i] > max ? v[i] : max;
		sum += v[i];
		sq += (vb_u128)(v[i] * v[i]); /* exact while v[i] < 2^32; checked below */
	}
	out->min = min;
	out->max = max;
	if (max <= UINT32_MAX) {
		ssq = sq - 2 * (vb_u128)min * sum + (vb_u128)n * min * min;
		out->sum = (uint64_t)sum;
		out->sum_overflow = sum > UINT64_MAX;
		out->ssq = (uint64_t)ssq;
		out->ssq_overflow = ssq > UINT64_MAX;
	} else {
		vb_sums_checked(v, n, out);
	}
	if (n <= UINT32_MAX && max - min <= 2 * (uint64_t)n + 1024)
		vb_ranks_counted(v, n, min, max - min, out);
	else
		vb_ranks_sorted(v, n, out);
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
