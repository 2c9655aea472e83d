/* CSV output, read back with libcsv's parser. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results/csvout.h"
#include "helpers.h"

static const uint64_t vals[] = { 12, 10, 11, 10, 40, 10, 12, 11, 10, 13 };

/* A verified stream with one ok row (with samples) and one na row. */
static void make_run(struct vb_stream *s)
{
	struct vbt_gen g = { 0 };
	struct vb_error e;

	vbt_prologue(&g, "virt", 2);
	vbt_samples(&g, "counter_overhead", vals, 10);
	vbt_result(&g, "counter_overhead", vals, 10);
	vbt_g(&g, "result bench=hvc_null config=native unit=cycles status=na reason=no_el2");
	vbt_end(&g);
	assert_int_equal(vbt_verify(g.b.s, g.b.len, NULL, &e, s), 0);
	vbt_free(&g);
}

static void test_quoting_round_trip(void **state)
{
	const char *fields[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "", "  spaced " };
	char *dir = vbt_tmpdir(), *path = vb_xasprintf("%s/q.csv", dir), *text;
	struct vb_csv_table t;
	struct vb_error e;
	FILE *f = fopen(path, "wb");

	(void)state;
	assert_non_null(f);
	assert_int_equal(vb_csv_row(f, fields, 6), 0);
	assert_int_equal(vb_csv_row(f, fields, 2), 0);
	fclose(f);
	text = vbt_read(path);
	vbt_contains(text, "\"say \"\"hi\"\"\""); /* quotes doubled inside quotes */
	assert_int_equal(vb_csv_read(path, &t, &e), 0);
	assert_int_equal(t.nrows, 2);
	assert_int_equal(t.rows[0].n, 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(t.rows[0].f[i], fields[i]);
	assert_int_equal(t.rows[1].n, 2);
	assert_string_equal(t.rows[1].f[1], "a,b");
	vb_csv_free(&t);
	free(text);
	free(path);
	vbt_rmdir(dir);
}

static void test_summary(void **state)
{
	char *dir = vbt_tmpdir(), *path = vb_xasprintf("%s/summary.csv", dir);
	struct vb_csv_table t;
	struct vb_stream s;
	struct vb_error e;

	(void)state;
	make_run(&s);
	assert_int_equal(vb_csvout_summary(path, "run-1", &s.data, &e), 0);
	assert_int_equal(vb_csv_read(path, &t, &e), 0);
	assert_int_equal(t.nrows, 3);
	assert_int_equal(t.rows[0].n, 51);
	for (size_t i = 0; vb_summary_column(i); i++)
		assert_string_equal(t.rows[0].f[i], vb_summary_column(i));
	assert_null(vb_summary_column(51));
	assert_string_equal(t.rows[0].f[12], "min");
	assert_string_equal(vb_csv_cell(&t, 1, "run_id"), "run-1");
	assert_string_equal(vb_csv_cell(&t, 1, "target"), "qemu-a72");
	assert_string_equal(vb_csv_cell(&t, 1, "arch"), "armv8");
	assert_string_equal(vb_csv_cell(&t, 1, "mode"), "virt");
	assert_string_equal(vb_csv_cell(&t, 1, "bench"), "counter_overhead");
	assert_string_equal(vb_csv_cell(&t, 1, "variant"), "");	       /* a row without variants */
	assert_string_equal(vb_csv_cell(&t, 1, "s2_granule"), "4096"); /* from the hyp record */
	assert_string_equal(vb_csv_cell(&t, 1, "policy"), "lean");     /* from the hyp record */
	assert_string_equal(vb_csv_cell(&t, 1, "status"), "ok");
	assert_string_equal(vb_csv_cell(&t, 1, "n"), "10");
	assert_string_equal(vb_csv_cell(&t, 1, "warmup"), "16");
	assert_string_equal(vb_csv_cell(&t, 1, "min"), "10");
	assert_string_equal(vb_csv_cell(&t, 1, "median"), "11");
	assert_string_equal(vb_csv_cell(&t, 1, "p90"), "13");
	assert_string_equal(vb_csv_cell(&t, 1, "p99"), "40");
	assert_string_equal(vb_csv_cell(&t, 1, "max"), "40");
	assert_string_equal(vb_csv_cell(&t, 1, "mean"), "13.900");
	/* sample sd of vals: sqrt(766.9 / 9) */
	assert_string_equal(vb_csv_cell(&t, 1, "stddev"), "9.231");
	assert_string_equal(vb_csv_cell(&t, 1, "emulated"), "yes");
	assert_string_equal(vb_csv_cell(&t, 1, "clock"), "icount");
	/* PMU events: the guest's count, or the word that says why there is none */
	assert_string_equal(vb_csv_cell(&t, 1, "inst_retired"), "31");
	assert_string_equal(vb_csv_cell(&t, 1, "exc_taken"), "unsupported");
	assert_string_equal(vb_csv_cell(&t, 2, "inst_retired"), "");
	assert_string_equal(vb_csv_cell(&t, 2, "status"), "na");
	for (const char *const *c = (const char *const[]){ "n", "warmup", "min", "median", "p90",
							   "p99", "max", "mean", "stddev", NULL };
	     *c; c++)
		assert_string_equal(vb_csv_cell(&t, 2, *c), ""); /* not measured: empty, never 0 */
	vb_csv_free(&t);
	vb_stream_free(&s);
	free(path);
	vbt_rmdir(dir);
}

static const char *meta_value(const struct vb_csv_table *t, const char *key)
{
	for (size_t i = 1; i < t->nrows; i++)
		if (!strcmp(t->rows[i].f[0], key))
			return t->rows[i].f[1];
	return NULL;
}

static void test_meta_and_samples(void **state)
{
	char *dir = vbt_tmpdir(), *meta = vb_xasprintf("%s/meta.csv", dir);
	char *samples = vb_xasprintf("%s/samples.csv", dir);
	struct vb_meta m = { .run_id = "run-1",
			     .version = "9",
			     .target = "qemu-a72",
			     .command = "qemu-system-aarch64 -M virt,gic-version=3 -cpu x",
			     .image_bytes = "1234" };
	struct vb_csv_table t;
	struct vb_stream s;
	struct vb_error e;

	(void)state;
	make_run(&s);
	assert_int_equal(vb_csvout_meta(meta, &m, &s.data, &e), 0);
	assert_int_equal(vb_csv_read(meta, &t, &e), 0);
	assert_string_equal(t.rows[0].f[0], "key");
	assert_string_equal(meta_value(&t, "run_id"), "run-1");
	assert_string_equal(meta_value(&t, "command"), m.command);
	assert_string_equal(meta_value(&t, "image"), "");
	assert_string_equal(meta_value(&t, "begin.cpu"), "cortex-a72");
	assert_string_equal(meta_value(&t, "begin.cntfrq"), "62500000");
	assert_string_equal(meta_value(&t, "hyp.vtcr"), "0x80023560");
	assert_null(meta_value(&t, "source"));
	vb_csv_free(&t);

	assert_int_equal(vb_csvout_samples(samples, &s.data, &e), 0);
	assert_int_equal(vb_csv_read(samples, &t, &e), 0);
	assert_int_equal(t.nrows, 11);
	for (size_t i = 0; vb_samples_columns[i]; i++)
		assert_string_equal(t.rows[0].f[i], vb_samples_columns[i]);
	assert_string_equal(vb_csv_cell(&t, 5, "index"), "4");
	assert_string_equal(vb_csv_cell(&t, 5, "value"), "40");
	/* the summary.csv row the samples belong to: counter_overhead, the first */
	assert_string_equal(vb_csv_cell(&t, 10, "row"), "1");
	vb_csv_free(&t);
	vb_stream_free(&s);
	free(meta);
	free(samples);
	vbt_rmdir(dir);
}

/*
 * samples.csv copies a value's digits from its record when they are its own
 * form (1 to 7 digits, no leading zero); any other form is formatted from the
 * value: the file holds the same bytes either way.
 */
static void test_samples_value_text(void **state)
{
	static const char *const text[] = { "0",	"7",	     "007",	"1234567",
					    "12345678", "123456789", "0x10",	"42949672",
					    "10",	"00",	     "9999999", "10000000" };
	static const char *const want[] = { "0",	"7",	     "7",	"1234567",
					    "12345678", "123456789", "16",	"42949672",
					    "10",	"0",	     "9999999", "10000000" };
	const uint64_t v[] = { 0,  7,	     7,	 1234567, 12345678, 123456789,
			       16, 42949672, 10, 0,	  9999999,  10000000 };
	char *dir = vbt_tmpdir(), *samples = vb_xasprintf("%s/samples.csv", dir);
	struct vbt_gen g = { 0 };
	struct vbt_buf list = { 0 };
	struct vb_csv_table t;
	struct vb_stream s;
	struct vb_error e;
	const size_t n = sizeof(v) / sizeof(v[0]);

	(void)state;
	for (size_t i = 0; i < n; i++)
		vbt_append(&list, "%s%s", i ? "," : "", text[i]);
	vbt_prologue(&g, "virt", 1);
	vbt_g(&g, "samples bench=b config=s1-4k_s2-4k first=0 v=%s", list.s);
	vbt_result(&g, "b", v, n);
	vbt_end(&g);
	if (vbt_verify(g.b.s, g.b.len, NULL, &e, &s))
		fail_msg("%s", e.msg);
	assert_int_equal(s.data.results[0].nsamples, n);
	for (size_t i = 0; i < n; i++)
		assert_true(s.data.results[0].samples[i] == v[i]);
	assert_int_equal(vb_csvout_samples(samples, &s.data, &e), 0);
	assert_int_equal(vb_csv_read(samples, &t, &e), 0);
	assert_int_equal(t.nrows, n + 1);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(vb_csv_cell(&t, i + 1, "value"), want[i]);
	vb_csv_free(&t);
	vb_stream_free(&s);
	vbt_free(&g);
	free(list.s);
	free(samples);
	vbt_rmdir(dir);
}

static void test_read_errors(void **state)
{
	char *dir = vbt_tmpdir(), *path = vb_xasprintf("%s/bad.csv", dir);
	struct vb_csv_table t;
	struct vb_error e;

	(void)state;
	assert_int_equal(vb_csv_read(path, &t, &e), -1);
	vbt_contains(e.msg, "cannot open");
	vbt_write(path, "\"unterminated,1\n");
	assert_int_equal(vb_csv_read(path, &t, &e), -1);
	free(path);
	vbt_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting_round_trip),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_meta_and_samples),
		cmocka_unit_test(test_samples_value_text),
		cmocka_unit_test(test_read_errors),
	};

	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
