/* The median's confidence interval from order statistics, and small helpers. */
#include "ci.h"

#include <math.h>
#include <stdlib.h>

/* log of C(n, k) / 2^n */
static double vb_log_binom_half(size_t n, size_t k)
{
	return lgamma((double)n + 1) - lgamma((double)k + 1) - lgamma((double)(n - k) + 1) -
	       (double)n * log(2.0);
}

size_t vb_ci_rank(size_t n, double level)
{
	double alpha = (1.0 - level) / 2.0, cdf = 0;
	size_t j = 0;

	/* Grow j while P(B <= j) stays within alpha: then [x_(j+1), x_(n-j)] is wide enough. */
	for (size_t k = 0; k < n; k++) {
		cdf += exp(vb_log_binom_half(n, k));
		if (cdf > alpha)
			break;
		j = k + 1;
	}
	return j;
}

int vb_ci_median(const double *sorted, size_t n, double level, double *lo, double *hi)
{
	size_t j = vb_ci_rank(n, level);

	if (j < 1 || j > n - j + 1)
		return -1;
	*lo = sorted[j - 1];
	*hi = sorted[n - j];
	return 0;
}

double vb_ci_pct(const double *sorted, size_t n, unsigned pct)
{
	size_t rank = (pct * n + 99) / 100;

	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return sorted[rank - 1];
}

static int vb_cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

void vb_ci_sort(double *v, size_t n)
{
	size_t i = 1;

	while (i < n && v[i - 1] <= v[i]) /* deterministic runs: often all equal, so sorted */
		i++;
	if (i < n)
		qsort(v, n, sizeof(*v), vb_cmp_d);
}

double vb_ci_rel_width(double lo, double hi, double median)
{
	if (hi == lo)
		return 0;
	if (median == 0)
		return -1;
	return 100.0 * (hi - lo) / fabs(median);
}
