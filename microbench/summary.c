/* Order statistics and sums of one benchmark's samples, in integers. */
#include <summary.h>
#include <vb/record.h>

static void sift_down(uint32_t *a, unsigned root, unsigned n)
{
	for (unsigned child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && a[child + 1] > a[child])
			child++;
		if (a[root] >= a[child])
			return;
		uint32_t t = a[root];
		a[root] = a[child];
		a[child] = t;
	}
}

/* Heapsort: no recursion, no extra memory, n log n. */
static void sort_u32(uint32_t *a, unsigned n)
{
	for (unsigned i = n / 2; i-- > 0;)
		sift_down(a, i, n);
	for (unsigned end = n; end-- > 1;) {
		uint32_t t = a[0];
		a[0] = a[end];
		a[end] = t;
		sift_down(a, 0, end);
	}
}

/* Nearest rank: the ceil(p/100 * n)-th smallest. */
static uint32_t rank(const uint32_t *sorted, unsigned n, unsigned p)
{
	unsigned r = (unsigned)(((uint64_t)p * n + 99) / 100);

	return sorted[r ? r - 1 : 0];
}

void summarize(uint32_t *samples, unsigned n, struct summary *s)
{
	sort_u32(samples, n);
	s->min = samples[0];
	s->p50 = rank(samples, n, 50);
	s->p90 = rank(samples, n, 90);
	s->p99 = rank(samples, n, 99);
	s->max = samples[n - 1];
	s->sum = 0;
	s->ssq = 0;
	s->ssq_overflow = 0;
	for (unsigned i = 0; i < n; i++) {
		uint64_t d = samples[i] - s->min, sq;

		s->sum += samples[i];
		if (__builtin_mul_overflow(d, d, &sq) ||
		    __builtin_add_overflow(s->ssq, sq, &s->ssq))
			s->ssq_overflow = 1;
	}
}

void summary_record(struct record *r, const struct summary *s)
{
	rec_u64(r, "min", s->min);
	rec_u64(r, "p50", s->p50);
	rec_u64(r, "p90", s->p90);
	rec_u64(r, "p99", s->p99);
	rec_u64(r, "max", s->max);
	rec_u64(r, "sum", s->sum);
	if (s->ssq_overflow)
		rec_str(r, "ssq", "overflow");
	else
		rec_u64(r, "ssq", s->ssq);
}
