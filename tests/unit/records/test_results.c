/* Result and samples records: consistency, and the independent check against raw samples. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

static const uint64_t vals_a[] = { 12, 10, 11, 10, 40, 10, 12, 11, 10, 13 };
static const uint64_t vals_b[] = { 100, 101, 102 };
#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_samples_checked(void **state)
{
	struct vbt_gen g = { 0 };
	struct vb_stream_opts need = { .require_samples = true };
	struct vb_stream s;
	struct vb_error e;
	uint64_t many[40];

	(void)state;
	for (size_t i = 0; i < N(many); i++)
		many[i] = 1000 + (i * 37) % 11;
	vbt_prologue(&g, "virt", 2);
	vbt_samples(&g, "a", many, N(many));
	vbt_result(&g, "a", many, N(many));
	vbt_samples(&g, "b", vals_b, N(vals_b));
	vbt_result(&g, "b", vals_b, N(vals_b));
	vbt_end(&g);
	assert_int_equal(vbt_verify(g.b.s, g.b.len, &need, &e, &s), 0);
	assert_true(s.data.any_samples);
	assert_int_equal(s.data.results[0].nsamples, 40);
	assert_int_equal(s.data.results[0].samples[17], many[17]);
	vb_stream_free(&s);
	vbt_free(&g);

	/* The guest's p90 disagrees with its own samples. */
	vbt_prologue(&g, "virt", 1);
	vbt_samples(&g, "b", vals_b, N(vals_b));
	vbt_g(&g, "result bench=b config=s1-4k_s2-4k unit=cycles status=ok n=3 warmup=16 "
		  "min=100 p50=101 p90=101 p99=102 max=102 sum=303 ssq=5");
	vbt_end(&g);
	vbt_expect_fail(&g, NULL, "g:2 result b/s1-4k_s2-4k: p90=101 but the samples give 102");

	/* Raw samples asked for, none sent. */
	vbt_prologue(&g, "virt", 1);
	vbt_result(&g, "b", vals_b, N(vals_b));
	vbt_end(&g);
	vbt_expect_fail(&g, &need, "no samples records, but raw samples were asked for");

	/* A samples record lost: first= jumps. */
	vbt_prologue(&g, "virt", 1);
	vbt_g(&g, "samples bench=b config=s1-4k_s2-4k first=0 v=100");
	vbt_g(&g, "samples bench=b config=s1-4k_s2-4k first=2 v=102");
	vbt_expect_fail(&g, NULL, "first=2, expected 1");

	/* An empty value in v= (a lost digit group). */
	vbt_prologue(&g, "virt", 1);
	vbt_g(&g, "samples bench=b config=s1-4k_s2-4k first=0 v=100,,101");
	vbt_expect_fail(&g, NULL, "v= must hold 1 to 16 comma-separated values");

	/* n disagrees with the number of samples. */
	vbt_prologue(&g, "virt", 1);
	vbt_samples(&g, "b", vals_b, 2);
	vbt_result(&g, "b", vals_b, N(vals_b));
	vbt_expect_fail(&g, NULL, "n=3 but 2 samples were sent");

	/* Samples left without a result when the end comes. */
	vbt_prologue(&g, "virt", 0);
	vbt_samples(&g, "b", vals_b, N(vals_b));
	vbt_end(&g);
	vbt_expect_fail(&g, NULL, "samples for b/s1-4k_s2-4k without a result record");
}

static void test_result_consistency(void **state)
{
	struct vbt_gen g = { 0 };

	(void)state;
	vbt_prologue(&g, "virt", 1);
	vbt_g(&g, "result bench=b config=c unit=cycles status=ok n=3 warmup=0 min=5 p50=4 "
		  "p90=6 p99=6 max=6 sum=15 ssq=2");
	vbt_expect_fail(&g, NULL, "min <= p50 <= p90 <= p99 <= max does not hold");
	vbt_prologue(&g, "virt", 1);
	vbt_g(&g, "result bench=b config=c unit=cycles status=ok n=3 warmup=0 min=5 p50=5 "
		  "p90=6 p99=6 max=6 sum=30 ssq=2");
	vbt_expect_fail(&g, NULL, "sum=30 is outside n*min..n*max");
	vbt_prologue(&g, "virt", 1);
	vbt_g(&g, "result bench=b config=c unit=cycles status=ok n=3 warmup=0 min=5 p50=5 "
		  "p90=8 p99=8 max=8 sum=18 ssq=1");
	vbt_expect_fail(&g, NULL, "ssq=1 is too small for sum=18");
	vbt_prologue(&g, "virt", 1);
	vbt_g(&g, "result bench=b config=c unit=cycles status=ok n=3");
	vbt_expect_fail(&g, NULL, "g:1 result: missing field 'warmup'");
	vbt_prologue(&g, "virt", 1);
	vbt_g(&g, "result bench=b config=c unit=cycles status=maybe");
	vbt_expect_fail(&g, NULL, "unknown status 'maybe'");
	vbt_prologue(&g, "virt", 2);
	vbt_result(&g, "a", vals_a, N(vals_a));
	vbt_result(&g, "a", vals_a, N(vals_a));
	vbt_expect_fail(&g, NULL, "g:2 result a/s1-4k_s2-4k: reported twice");
}

/* VB_DIGITS_* of a value's text: its digits from the low byte, their count on top. */
static uint64_t digits_word(const char *t)
{
	uint64_t w = 0;

	memcpy(&w, t, strlen(t));
	return w | (uint64_t)strlen(t) << 56;
}

/*
 * v= read eight bytes at a time (a parsed record, with slack after its text)
 * or byte by byte (a copy, without): the same values either way; the text
 * kept for samples.csv only where it is the value's own form.
 */
static void test_values_with_and_without_slack(void **state)
{
	char *line = vbt_record("g 1 samples bench=b config=c first=0 "
				"v=5,0012,123456789,77,0,1234567,12345678,4294967295,0x1f");
	const uint64_t v[] = { 5, 12, 123456789, 77, 0, 1234567, 12345678, 4294967295ull, 31 };
	const size_t n = sizeof(v) / sizeof(v[0]);
	struct vb_rundata d = { 0 }, d2 = { 0 };
	struct vb_record r, copy;
	struct vb_error e;

	(void)state;
	assert_int_equal(vb_record_parse(line, strlen(line), &r, &e), 1);
	assert_true(r.textcap >= r.textlen + VB_RECORD_SLACK - 1);
	vb_record_copy(&copy, &r);
	assert_true(copy.textcap < copy.textlen + VB_RECORD_SLACK - 1);
	assert_int_equal(vb_collect_samples(&d, &r, &e), 0);
	assert_int_equal(vb_collect_samples(&d2, &copy, &e), 0);
	assert_int_equal(d.pending[0].n, n);
	assert_int_equal(d2.pending[0].n, n);
	for (size_t i = 0; i < n; i++) {
		assert_true(d.pending[0].v[i] == v[i]);
		assert_true(d2.pending[0].v[i] == v[i]);
		assert_true(d2.pending[0].digits[i] == 0); /* formatted from the value */
	}
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	assert_true(d.pending[0].digits[0] == digits_word("5"));
	assert_true(d.pending[0].digits[1] == 0); /* leading zeros: not the value's form */
	assert_true(d.pending[0].digits[2] == 0); /* 9 digits: more than a word keeps */
	assert_true(d.pending[0].digits[3] == digits_word("77"));
	assert_true(d.pending[0].digits[4] == digits_word("0"));
	assert_true(d.pending[0].digits[5] == digits_word("1234567"));
	assert_true(d.pending[0].digits[6] == 0);
	assert_true(d.pending[0].digits[8] == 0); /* hex */
#endif
	vb_rundata_free(&d);
	vb_rundata_free(&d2);
	vb_record_free(&r);
	vb_record_free(&copy);
	free(line);

	/* A value that is not a number fails either way, named. */
	line = vbt_record("g 1 samples bench=b config=c first=0 v=5,12a4,6");
	assert_int_equal(vb_record_parse(line, strlen(line), &r, &e), 1);
	vb_record_copy(&copy, &r);
	assert_int_equal(vb_collect_samples(&d, &r, &e), -1);
	assert_non_null(strstr(e.msg, "value '12a4' is not a number"));
	assert_int_equal(vb_collect_samples(&d2, &copy, &e), -1);
	assert_non_null(strstr(e.msg, "value '12a4' is not a number"));
	vb_rundata_free(&d);
	vb_rundata_free(&d2);
	vb_record_free(&r);
	vb_record_free(&copy);
	free(line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples_checked),
		cmocka_unit_test(test_result_consistency),
		cmocka_unit_test(test_values_with_and_without_slack),
	};

	return cmocka_run_group_tests_name("results", tests, NULL, NULL);
}
