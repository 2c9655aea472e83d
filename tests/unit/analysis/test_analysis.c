/* Analysis statistics against known distributions; overhead, pairs, compare on synthetic runs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "base/ci.h"
#include "analysis/compare.h"
#include "helpers.h"

static void test_ci_ranks_known(void **state)
{
	(void)state;
	/* The textbook 95% ranks: n=6 -> (1,6), n=100 -> (40,61); n=5 has none. */
	assert_int_equal(vb_ci_rank(5, 0.95), 0);
	assert_int_equal(vb_ci_rank(6, 0.95), 1);
	assert_int_equal(vb_ci_rank(10, 0.95), 2);
	assert_int_equal(vb_ci_rank(100, 0.95), 40);
	assert_int_equal(vb_ci_rank(1000, 0.95), 469);
}

static void test_ci_uniform(void **state)
{
	double v[100], lo, hi;

	(void)state;
	for (int i = 0; i < 100; i++)
		v[i] = 100 - i;
	vb_ci_sort(v, 100);
	assert_int_equal(vb_ci_median(v, 100, 0.95, &lo, &hi), 0);
	vbt_near(lo, 40, 0);
	vbt_near(hi, 61, 0);
	vbt_near(vb_ci_pct(v, 100, 10), 10, 0);
	vbt_near(vb_ci_pct(v, 100, 50), 50, 0);
	assert_int_equal(vb_ci_median(v, 5, 0.95, &lo, &hi), -1);
}

/* Exponential samples (true median ln 2): the 95% interval covers it 95-97.5% of the time. */
static void test_ci_coverage_exponential(void **state)
{
	uint64_t x = 42;
	double v[101], lo, hi;
	int covered = 0, trials = 2000;

	(void)state;
	for (int t = 0; t < trials; t++) {
		for (int i = 0; i < 101; i++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			v[i] = -log(((double)(x >> 11) + 0.5) / (double)(1ULL << 53));
		}
		vb_ci_sort(v, 101);
		assert_int_equal(vb_ci_median(v, 101, 0.95, &lo, &hi), 0);
		covered += lo <= M_LN2 && M_LN2 <= hi;
	}
	if (covered < trials * 0.94 || covered > trials * 0.985)
		fail_msg("coverage %d of %d", covered, trials);
}

/* All samples equal (QEMU icount): the interval is a point, and stable. */
static void test_deterministic_point(void **state)
{
	char *dir = vbt_tmpdir();
	uint64_t v[50], o[50];
	struct vb_analysis_opts opt;
	struct vb_set s;
	struct vb_error e;
	struct vbt_run r;
	double c;

	(void)state;
	for (int i = 0; i < 50; i++)
		v[i] = 15, o[i] = 3;
	vbt_run_begin(&r, dir, "a-virt", "qemu-a72", "virt", "lean", NULL);
	vbt_run_row(&r, "counter_overhead", "s1-4k_s2-4k", NULL, o, 50);
	vbt_run_row(&r, "hvc_null", "s1-4k_s2-4k", NULL, v, 50);
	vbt_run_end(&r);
	vb_analysis_defaults(&opt);
	assert_int_equal(vb_load_runs(&s, &dir, 1, &opt, &e), 0);
	assert_int_equal(s.nrows, 2);
	assert_true(s.rows[1].has_ci);
	vbt_near(s.rows[1].ci_lo, 15, 0);
	vbt_near(s.rows[1].ci_hi, 15, 0);
	assert_string_equal(s.rows[1].stability, "stable");
	assert_true(s.rows[1].has_overhead);
	assert_int_equal(vb_row_corrected(&s.rows[1], &c), 0);
	vbt_near(c, 12, 0);
	/* counter_overhead has no corrected value of its own */
	assert_int_equal(vb_row_corrected(&s.rows[0], &c), -1);
	vb_set_free(&s);
	vbt_rmdir(dir);
}

/* Without samples: no interval, said so; wide noise is flagged unstable. */
static void test_no_samples_and_unstable(void **state)
{
	char *dir = vbt_tmpdir();
	uint64_t v[200];
	struct vb_analysis_opts opt;
	struct vb_set s;
	struct vb_error e;
	struct vbt_run r;

	(void)state;
	vbt_noise(v, 200, 1000, 50, 1);
	vbt_run_begin(&r, dir, "a", "qemu-a72", "virt", "lean", NULL);
	vbt_run_row(&r, "noisy", "s1-4k_s2-4k", NULL, v, 200);
	vbt_run_end(&r);
	vbt_run_begin(&r, dir, "b", "qemu-a72", "native", "none", NULL);
	r.no_samples = 1;
	vbt_run_row(&r, "noisy", "s1-4k", NULL, v, 200);
	vbt_run_end(&r);
	vb_analysis_defaults(&opt);
	assert_int_equal(vb_load_runs(&s, &dir, 1, &opt, &e), 0);
	assert_int_equal(s.nrows, 2);
	assert_string_equal(s.rows[0].stability, "unstable");
	assert_false(s.rows[1].has_ci);
	assert_string_equal(s.rows[1].ci_note, "unavailable: no raw samples");
	assert_string_equal(s.rows[1].stability, "unknown");
	/* the virt row is paired with the native one by stage-1 configuration */
	assert_ptr_equal(s.rows[0].native, &s.rows[1]);
	vb_set_free(&s);
	vbt_rmdir(dir);
}

/* Replaces every `from` in path by `to`. */
static void replace_in(const char *path, const char *from, const char *to)
{
	char *text = vbt_read(path), *at;

	assert_non_null(text);
	assert_non_null(strstr(text, from));
	while ((at = strstr(text, from))) {
		char *out;

		*at = '\0';
		out = vb_xasprintf("%s%s%s", text, to, at + strlen(from));
		free(text);
		text = out;
	}
	vbt_write(path, text);
	free(text);
}

/*
 * A tiny median makes the interval width a 90-digit number, longer than the
 * row's stability text: it is cut there, and the runs' spread after it must
 * not be written past it (it overwrote the next rows and crashed).
 */
static void test_stability_text_fits(void **state)
{
	char *dir = vbt_tmpdir(), path[512];
	static const char *const ids[] = { "run-a", "run-b" };
	uint64_t v[61];
	struct vb_analysis_opts opt;
	struct vb_set s;
	struct vb_error e;
	struct vbt_run r;

	(void)state;
	for (int i = 0; i < 61; i++)
		v[i] = i < 30 ? 0 : i == 30 ? 777 : 100000;
	for (int k = 0; k < 2; k++) {
		vbt_run_begin(&r, dir, ids[k], "qemu-a72", "virt", "lean", NULL);
		vbt_run_row(&r, "hvc_null", "s1-4k_s2-4k", NULL, v, 61);
		vbt_run_row(&r, "sysreg_trap", "s1-4k_s2-4k", NULL, v, 61);
		vbt_run_end(&r);
		snprintf(path, sizeof(path), "%s/%s/summary.csv", dir, ids[k]);
		replace_in(path, "\"777\"", "\"1e-78\"");
	}
	vb_analysis_defaults(&opt);
	assert_int_equal(vb_load_runs(&s, &dir, 1, &opt, &e), 0);
	assert_int_equal(s.nrows, 4);
	for (size_t i = 0; i < s.nrows; i++) {
		const struct vb_row *x = &s.rows[i];

		assert_ptr_equal(x->run, s.runs[i / 2]);
		assert_int_equal(x->idx, i % 2 + 1);
		vbt_near(x->median, 1e-78, 0);
		assert_true(x->has_ci);
		assert_null(x->native);
		assert_true(strlen(x->stab_basis) < sizeof(x->stab_basis));
		vbt_contains(x->stab_basis, "interval width 1");
		assert_string_equal(x->stability, "unstable");
	}
	vb_set_free(&s);
	vbt_rmdir(dir);
}

/* Many runs at once (make bench reads nine): every row still knows its own run. */
static void test_many_runs(void **state)
{
	char *dir = vbt_tmpdir(), id[16];
	uint64_t v[20];
	struct vb_analysis_opts opt;
	struct vb_set s;
	struct vb_error e;
	struct vbt_run r;

	(void)state;
	for (int i = 0; i < 20; i++)
		v[i] = 100;
	for (int k = 0; k < 12; k++) {
		snprintf(id, sizeof(id), "run-%02d", k);
		vbt_run_begin(&r, dir, id, "qemu-a72", "virt", "lean", NULL);
		vbt_run_row(&r, "counter_overhead", "s1-4k_s2-4k", NULL, v, 20);
		vbt_run_row(&r, "hvc_null", "s1-4k_s2-4k", NULL, v, 20);
		vbt_run_end(&r);
	}
	vb_analysis_defaults(&opt);
	assert_int_equal(vb_load_runs(&s, &dir, 1, &opt, &e), 0);
	assert_int_equal(s.nruns, 12);
	assert_int_equal(s.nrows, 24);
	for (size_t i = 0; i < s.nrows; i++) {
		assert_ptr_equal(s.rows[i].run, s.runs[i / 2]);
		assert_string_equal(vb_row_get(&s.rows[i], "bench"),
				    i % 2 ? "hvc_null" : "counter_overhead");
	}
	vb_set_free(&s);
	vbt_rmdir(dir);
}

/* BASE and NEW with one row shifted, one noisy, one missing. */
static void mkside(const char *dir, const char *id, double shift, unsigned seed, int with_missing)
{
	uint64_t v[1000];
	struct vbt_run r;

	vbt_run_begin(&r, dir, id, "qemu-a72", "virt", "lean", NULL);
	vbt_noise(v, 1000, 1000 * shift, 2, seed);
	vbt_run_row(&r, "shifted", "s1-4k_s2-4k", NULL, v, 1000);
	vbt_noise(v, 1000, 500, 2, seed + 1);
	vbt_run_row(&r, "steady", "s1-4k_s2-4k", NULL, v, 1000);
	if (with_missing) {
		vbt_noise(v, 1000, 300, 2, seed + 2);
		vbt_run_row(&r, "gone", "s1-4k_s2-4k", NULL, v, 1000);
	}
	vbt_run_end(&r);
}

static void test_compare_shift_noise_missing(void **state)
{
	char *base = vbt_tmpdir(), *new = vbt_tmpdir();
	struct vb_analysis_opts opt;
	struct vb_comparison c;
	struct vb_set b, n;
	struct vb_error e;

	(void)state;
	mkside(base, "run", 1.0, 10, 1);
	mkside(new, "run", 1.1, 20, 0);
	vb_analysis_defaults(&opt);
	assert_int_equal(vb_load_runs(&b, &base, 1, &opt, &e), 0);
	assert_int_equal(vb_load_runs(&n, &new, 1, &opt, &e), 0);
	vb_compare(&b, &n, 5, false, &c);
	assert_int_equal(c.n, 3);
	for (size_t i = 0; i < c.n; i++) {
		const char *bench = vb_row_get(c.c[i].base ? c.c[i].base : c.c[i].new, "bench");

		if (!strcmp(bench, "shifted")) {
			assert_int_equal(c.c[i].v, VB_V_REGRESSION);
			vbt_near(c.c[i].pct, 10, 1.0);
			assert_true(c.c[i].has_ci && c.c[i].ci_lo > 5 && c.c[i].ci_hi < 15);
		} else if (!strcmp(bench, "steady")) {
			assert_int_equal(c.c[i].v, VB_V_NOCHANGE);
		} else {
			assert_string_equal(bench, "gone");
			assert_int_equal(c.c[i].v, VB_V_ONLY_BASE);
		}
	}
	assert_int_equal(c.regressions, 1);
	assert_int_equal(c.only_base, 1);
	vb_comparison_free(&c);
	/* the other way round, the shift is an improvement and the row is only in NEW */
	vb_compare(&n, &b, 5, false, &c);
	assert_int_equal(c.improvements, 1);
	assert_int_equal(c.only_new, 1);
	assert_int_equal(c.regressions, 0);
	vb_comparison_free(&c);
	vb_set_free(&b);
	vb_set_free(&n);
	vbt_rmdir(base);
	vbt_rmdir(new);
}

/* Extra columns (issue #4) take part in identity; unknown ones are tolerated. */
static void test_extra_columns_identity(void **state)
{
	char *dir = vbt_tmpdir();
	uint64_t v[20];
	struct vb_analysis_opts opt;
	struct vb_set s;
	struct vb_error e;
	struct vbt_run r;
	const struct vb_set *sets[1];
	const char **cols;
	size_t n;
	char *k;

	(void)state;
	vbt_noise(v, 20, 100, 0, 1);
	vbt_run_begin(&r, dir, "a", "qemu-a72", "virt", "lean", "footprint;brand_new");
	vbt_run_row(&r, "tlb_miss", "s1-4k_s2-4k", "footprint=4k;brand_new=x", v, 20);
	vbt_run_row(&r, "tlb_miss", "s1-4k_s2-4k", "footprint=64k;brand_new=x", v, 20);
	vbt_run_end(&r);
	vb_analysis_defaults(&opt);
	assert_int_equal(vb_load_runs(&s, &dir, 1, &opt, &e), 0);
	sets[0] = &s;
	n = vb_set_identity(sets, 1, &cols);
	k = vb_row_key(&s.rows[1], cols, n);
	vbt_contains(k, "footprint=64k");
	vbt_contains(k, "brand_new=x");
	assert_null(strstr(k, "median"));
	assert_null(strstr(k, "run_id"));
	/* each footprint row got its own samples */
	assert_int_equal(s.rows[0].nsamples, 20);
	assert_int_equal(s.rows[1].nsamples, 20);
	free(k);
	free(cols);
	vb_set_free(&s);
	vbt_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ci_ranks_known),
		cmocka_unit_test(test_ci_uniform),
		cmocka_unit_test(test_ci_coverage_exponential),
		cmocka_unit_test(test_deterministic_point),
		cmocka_unit_test(test_no_samples_and_unstable),
		cmocka_unit_test(test_compare_shift_noise_missing),
		cmocka_unit_test(test_many_runs),
		cmocka_unit_test(test_stability_text_fits),
		cmocka_unit_test(test_extra_columns_identity),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
