/* Statistics: nearest-rank percentiles, mean, sample standard deviation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "base/stats.h"

static void test_uniform_1_to_1000(void **state)
{
	uint64_t v[1000];
	struct vb_summary s;
	double sd;

	(void)state;
	/* Shuffled, so the summary has to sort. */
	for (size_t i = 0; i < 1000; i++)
		v[i] = (i * 379) % 1000 + 1;
	vb_stats_summarize(v, 1000, &s);
	assert_int_equal(s.n, 1000);
	assert_int_equal(s.min, 1);
	assert_int_equal(s.p50, 500);
	assert_int_equal(s.p90, 900);
	assert_int_equal(s.p99, 990);
	assert_int_equal(s.max, 1000);
	assert_int_equal(s.sum, 500500);
	/* ssq = sum over k=0..999 of k^2 = 999*1000*1999/6 */
	assert_int_equal(s.ssq, 332833500);
	assert_false(s.ssq_overflow);
	vbt_near(vb_stats_mean(s.n, s.sum), 500.5, 1e-12);
	/* sample variance of 1..n is n(n+1)/12 */
	assert_int_equal(vb_stats_stddev(s.n, s.sum, s.min, s.ssq, &sd), 0);
	vbt_near(sd, sqrt(1000.0 * 1001.0 / 12.0), 1e-9);
	vbt_near(sd, 288.8194360957494, 1e-9);
	vbt_near(vb_stats_mean_raw(v, 1000), 500.5, 1e-12);
	vbt_near(vb_stats_stddev_raw(v, 1000), sd, 1e-9);
}

static void test_hand_computed(void **state)
{
	const uint64_t v[] = { 9, 2, 4, 4, 5, 4, 7, 5 };
	struct vb_summary s;
	double sd;

	(void)state;
	vb_stats_summarize(v, 8, &s);
	/* sorted 2 4 4 4 5 5 7 9: ranks ceil(4)=4, ceil(7.2)=8, ceil(7.92)=8 */
	assert_int_equal(s.p50, 4);
	assert_int_equal(s.p90, 9);
	assert_int_equal(s.p99, 9);
	assert_int_equal(s.sum, 40);
	assert_int_equal(s.ssq, 104); /* (0,2,2,2,3,3,5,7)^2 */
	vbt_near(vb_stats_mean(8, 40), 5.0, 0);
	assert_int_equal(vb_stats_stddev(8, 40, 2, 104, &sd), 0);
	vbt_near(sd, sqrt(32.0 / 7.0), 1e-12);
	vbt_near(vb_stats_stddev_raw(v, 8), sqrt(32.0 / 7.0), 1e-12);
}

static void test_nearest_rank_edges(void **state)
{
	const uint64_t one[] = { 7 };
	const uint64_t three[] = { 1, 2, 3 };
	const uint64_t ten[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

	(void)state;
	assert_int_equal(vb_stats_rank(one, 1, 50), 7);
	assert_int_equal(vb_stats_rank(one, 1, 99), 7);
	assert_int_equal(vb_stats_rank(three, 3, 50), 2); /* ceil(1.5) */
	assert_int_equal(vb_stats_rank(three, 3, 0), 1);  /* rank at least 1 */
	assert_int_equal(vb_stats_rank(ten, 10, 50), 5);  /* ceil(n/2): the lower median */
	assert_int_equal(vb_stats_rank(ten, 10, 90), 9);  /* exactly 9, no rounding up */
	assert_int_equal(vb_stats_rank(ten, 10, 99), 10); /* ceil(9.9) */
	assert_int_equal(vb_stats_rank(ten, 10, 100), 10);
}

static void test_stddev_undefined_or_impossible(void **state)
{
	double sd = -1;

	(void)state;
	assert_int_equal(vb_stats_stddev(1, 5, 5, 0, &sd), -1);	 /* n = 1 */
	assert_int_equal(vb_stats_stddev(3, 10, 5, 0, &sd), -1); /* sum < n*min */
	assert_int_equal(vb_stats_stddev(3, 18, 5, 1, &sd), -1); /* ssq below D^2/n */
	assert_int_equal(vb_stats_stddev(3, 15, 5, 0, &sd), 0);	 /* all equal */
	vbt_near(sd, 0.0, 0);
}

static void test_exact_for_large_values(void **state)
{
	/* Cycle counts near 2^40 with a spread of a few cycles: no cancellation. */
	const uint64_t base = 1ull << 40;
	uint64_t v[4] = { base + 1, base + 2, base + 3, base + 4 };
	struct vb_summary s;
	double sd;

	(void)state;
	vb_stats_summarize(v, 4, &s);
	assert_int_equal(vb_stats_stddev(s.n, s.sum, s.min, s.ssq, &sd), 0);
	vbt_near(sd, sqrt(5.0 / 3.0), 1e-12);
	vbt_near(vb_stats_mean(s.n, s.sum), (double)base + 2.5, 0);
}

static void test_overflow_flags(void **state)
{
	uint64_t v[3] = { 0, 1ull << 33, UINT64_MAX };
	struct vb_summary s;

	(void)state;
	vb_stats_summarize(v, 3, &s);
	assert_true(s.ssq_overflow);
	assert_true(s.sum_overflow);
	v[1] = 1ull << 32; /* (2^32)^2 = 2^64: one too many */
	vb_stats_summarize(v, 2, &s);
	assert_true(s.ssq_overflow);
	assert_false(s.sum_overflow);
	v[1] = (1ull << 32) - 1;
	vb_stats_summarize(v, 2, &s);
	assert_false(s.ssq_overflow);
	assert_true(s.ssq == ((1ull << 32) - 1) * ((1ull << 32) - 1));
}

/* The one-pass sums (values below 2^32) against the sums term by term, overflow included. */
static void test_sums_one_pass(void **state)
{
	static uint64_t v[3000];
	uint64_t seed = 12345;

	(void)state;
	for (int round = 0; round < 200; round++) {
		size_t n = 1 + (size_t)(seed % 3000);
		uint64_t top = round % 4 == 0 ? UINT32_MAX : 1 + seed % 100000;
		uint64_t sum = 0, ssq = 0, min = UINT64_MAX;
		bool sov = false, qov = false;
		struct vb_summary s;

		for (size_t i = 0; i < n; i++) {
			seed = seed * 6364136223846793005ull + 1442695040888963407ull;
			v[i] = (seed >> 11) % (top + 1);
			min = v[i] < min ? v[i] : min;
		}
		for (size_t i = 0; i < n; i++) {
			uint64_t d = v[i] - min, sq;

			sov |= __builtin_add_overflow(sum, v[i], &sum);
			qov |= __builtin_mul_overflow(d, d, &sq) ||
			       __builtin_add_overflow(ssq, sq, &ssq);
		}
		vb_stats_summarize(v, n, &s);
		assert_true(s.min == min);
		assert_true(s.sum_overflow == sov);
		assert_true(s.ssq_overflow == qov);
		assert_true(s.sum == sum);
		if (!qov)
			assert_true(s.ssq == ssq);
	}
	/* at the edge: two squares of (2^32 - 1) overflow 64 bits, one does not */
	v[0] = 0, v[1] = UINT32_MAX, v[2] = UINT32_MAX;
	{
		struct vb_summary s;

		vb_stats_summarize(v, 2, &s);
		assert_false(s.ssq_overflow);
		vb_stats_summarize(v, 3, &s);
		assert_true(s.ssq_overflow);
		assert_false(s.sum_overflow);
	}
}

/* vb_catf (base/util): pieces are cut at the end of the buffer, never written past it. */
static void test_catf_stays_inside(void **state)
{
	char buf[8 + 4];
	size_t off;

	(void)state;
	memset(buf, 'X', sizeof(buf));
	off = vb_catf(buf, 8, 0, "%s", "abc");
	assert_int_equal(off, 3);
	off = vb_catf(buf, 8, off, "%d", 12345678); /* cut: 4 of 8 digits fit */
	assert_int_equal(off, 7);
	assert_string_equal(buf, "abc1234");
	off = vb_catf(buf, 8, off, "more"); /* full: nothing moves */
	assert_int_equal(off, 7);
	off = vb_catf(buf, 8, 100, "beyond"); /* an offset past the end is clamped */
	assert_int_equal(off, 7);
	assert_string_equal(buf, "abc1234");
	for (size_t i = 8; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 'X');
	assert_int_equal(vb_catf(buf, 0, 0, "x"), 0);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/*
 * The sort behind vb_stats_summarize against qsort: values differing in low
 * bytes only, in high bytes only, across all 64 bits, and all equal; close
 * together (counted: 0xff, 0x7ff, near the top of the range) or not (radix).
 */
static void test_sort_matches_qsort(void **state)
{
	static const uint64_t masks[] = { 0xffull, 0x7ffull, 0xffffull, 0xff00000000000000ull,
					  ~0ull,   0 };
	static const uint64_t bases[] = { 0, 3000, ~0ull - 0x7ff };
	uint64_t v[777], sorted[777], x = 88172645463325252ull;

	(void)state;
	for (size_t m = 0; m < 3 * sizeof(masks) / sizeof(masks[0]); m++) {
		uint64_t mask = masks[m / 3], base = bases[m % 3];
		struct vb_summary s;

		if (mask > 0x7ff && base)
			continue; /* base + mask would wrap */
		for (size_t i = 0; i < 777; i++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			v[i] = base + 0x1234000000000000ull * (mask == 0) + (x & mask);
		}
		memcpy(sorted, v, sizeof(v));
		qsort(sorted, 777, sizeof(sorted[0]), cmp_u64);
		vb_stats_summarize(v, 777, &s);
		assert_true(s.min == sorted[0] && s.max == sorted[776]);
		assert_true(s.p50 == sorted[388]); /* ceil(0.5 * 777) = 389th */
		assert_true(s.p90 == sorted[699]); /* ceil(0.9 * 777) = 700th */
		assert_true(s.p99 == sorted[769]); /* ceil(0.99 * 777) = 770th */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_uniform_1_to_1000),
		cmocka_unit_test(test_hand_computed),
		cmocka_unit_test(test_nearest_rank_edges),
		cmocka_unit_test(test_stddev_undefined_or_impossible),
		cmocka_unit_test(test_exact_for_large_values),
		cmocka_unit_test(test_overflow_flags),
		cmocka_unit_test(test_sums_one_pass),
		cmocka_unit_test(test_catf_stays_inside),
		cmocka_unit_test(test_sort_matches_qsort),
	};

	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
