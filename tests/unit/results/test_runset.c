/* Run folders read back (results/runset.c): numbers that are not measurements are refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "results/runset.h"

#define HEAD "bench,config,status,n,min,median,p90,max\n"

/* A run folder with summary.csv and, if samples is not NULL, samples.csv. */
static char *make_run(const char *summary, const char *samples)
{
	char *dir = vbt_tmpdir(), *p = vb_xasprintf("%s/summary.csv", dir);

	vbt_write(p, summary);
	free(p);
	if (samples) {
		p = vb_xasprintf("%s/samples.csv", dir);
		vbt_write(p, samples);
		free(p);
	}
	return dir;
}

static int add(const char *summary, const char *samples, struct vb_error *e)
{
	struct vb_set s = { 0 };
	char *dir = make_run(summary, samples);
	int r = vb_set_add(&s, dir, e);

	vb_set_free(&s);
	vbt_rmdir(dir);
	return r;
}

static void expect_bad(const char *summary, const char *samples, const char *msg)
{
	struct vb_error e;

	assert_int_equal(add(summary, samples, &e), -1);
	vbt_contains(e.msg, msg);
}

static void test_good(void **state)
{
	struct vb_set s = { 0 };
	struct vb_error e;
	char *dir = make_run(HEAD "a,c,ok,3,1,2,3,3\nb,c,na,,,,,\n",
			     "bench,config,index,value\na,c,0,3\na,c,1,1\na,c,2,2\n");

	(void)state;
	assert_int_equal(vb_set_add(&s, dir, &e), 0);
	assert_int_equal(s.nrows, 2);
	assert_int_equal(s.rows[0].nsamples, 3);
	vbt_near(s.rows[0].samples[0], 1, 0);
	vbt_near(s.rows[0].median, 2, 0);
	vb_set_free(&s);
	vbt_rmdir(dir);
}

/*
 * samples.csv as vbench writes it: each row names its summary row by number
 * (docs/results.md), rows of one result follow each other, numbers unquoted.
 * Two results with the same bench and config differ only by that number.
 */
static void test_rows_by_number(void **state)
{
	struct vb_set s = { 0 };
	struct vb_error e;
	char *dir = make_run(HEAD "a,c,ok,3,1,2,3,3\nb,c,na,,,,,\na,c,ok,2,5,5,6,6\n",
			     "\"row\",\"index\",\"value\"\n1,0,3\n1,1,1\n1,2,2\n3,0,6\n3,1,5\n");

	(void)state;
	assert_int_equal(vb_set_add(&s, dir, &e), 0);
	assert_int_equal(s.nrows, 3);
	assert_int_equal(s.rows[0].nsamples, 3);
	vbt_near(s.rows[0].samples[2], 3, 0);
	assert_int_equal(s.rows[1].nsamples, 0);
	assert_int_equal(s.rows[2].nsamples, 2);
	vbt_near(s.rows[2].samples[0], 5, 0);
	vbt_near(s.rows[2].samples[1], 6, 0);
	vb_set_free(&s);
	vbt_rmdir(dir);

	/* a number naming another row gives this one nothing */
	dir = make_run(HEAD "a,c,ok,3,1,2,3,3\n", "row,index,value\n2,0,3\n");
	assert_int_equal(vb_set_add(&s, dir, &e), 0);
	assert_int_equal(s.rows[0].nsamples, 0);
	vb_set_free(&s);
	vbt_rmdir(dir);
}

/* strtod reads "nan", "inf" and 1e999: none is a measurement. */
static void test_not_finite(void **state)
{
	(void)state;
	expect_bad(HEAD "a,c,ok,3,1,nan,3,3\n", NULL, "summary.csv: row 2: column median");
	expect_bad(HEAD "a,c,ok,3,1,2,3,3\nb,c,ok,3,-inf,2,3,3\n", NULL,
		   "summary.csv: row 3: column min");
	expect_bad(HEAD "a,c,ok,3,1,2,1e999,3\n", NULL, "row 2: column p90");
	expect_bad(HEAD "a,c,ok,3,1,2,3,3\n", "bench,config,index,value\na,c,0,1\na,c,1,NaN\n",
		   "samples.csv: row 3: column value: 'NaN' is not a number");
	expect_bad(HEAD "a,c,ok,3,1,2,3,3\n", "bench,config,index,value\na,c,0,inf\n",
		   "samples.csv: row 2: column value");
}

/* (size_t)1e300 is undefined; on x86 it dropped every sample, silently. */
static void test_bad_n(void **state)
{
	static const char *const bad[] = { "1e300", "-1", "0", "2.5", "nan", "x" };
	const char *smp = "bench,config,index,value\na,c,0,1\n";

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *sum = vb_xasprintf(HEAD "a,c,ok,%s,1,1,1,1\n", bad[i]);
		char *msg = vb_xasprintf("summary.csv: row 2: column n: '%s' is not a sample count",
					 bad[i]);

		expect_bad(sum, smp, msg);
		free(msg);
		free(sum);
	}
}

/* A CSV that fails to parse: the run it was read into belongs to the set, which frees it. */
static void test_parse_error_keeps_run(void **state)
{
	struct vb_set s = { 0 };
	struct vb_error e;
	char *dir = make_run(HEAD "a,c,ok,3,1,\"2,3,3\n", NULL);

	(void)state;
	assert_int_equal(vb_set_add(&s, dir, &e), -1);
	vbt_contains(e.msg, "summary.csv");
	assert_int_equal(s.nruns, 1); /* the old code lost it: LSan counted the leak */
	vb_set_free(&s);
	vbt_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_rows_by_number),
		cmocka_unit_test(test_not_finite),
		cmocka_unit_test(test_bad_n),
		cmocka_unit_test(test_parse_error_keeps_run),
	};

	return cmocka_run_group_tests_name("runset", tests, NULL, NULL);
}
