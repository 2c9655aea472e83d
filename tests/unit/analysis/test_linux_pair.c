/*
 * A vbench-linux run inside a guest (begin.in_guest=yes) pairs with the host's
 * (in_guest=no) as virt/native, row by row and configuration by configuration;
 * in_guest=unknown, another arch or clock, and bare-metal rows never pair.
 * The runs are synthetic (tests/unit/helpers.c), their medians known.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/context.h"
#include "helpers.h"

#define COLS "variant;footprint;chase_mapping;kernel"

/* in_guest into meta.csv as vbench writes begin's fields; arch replaced in summary.csv. */
static void lx_side(const char *dir, const char *id, const char *in_guest, const char *arch)
{
	char *p = vb_xasprintf("%s/%s/meta.csv", dir, id), *text = vbt_read(p), *out;

	out = vb_xasprintf("%s\"begin.in_guest\",\"%s\"\n", text, in_guest);
	vbt_write(p, out);
	free(p), free(text), free(out);
	if (arch) {
		p = vb_xasprintf("%s/%s/summary.csv", dir, id);
		text = vbt_read(p);
		for (char *a = strstr(text, "\"armv8\""); a; a = strstr(a, "\"armv8\""))
			memcpy(a + 1, arch, 5);
		vbt_write(p, text);
		free(p), free(text);
	}
}

/* 21 samples centred on m (m-10 .. m+10): the median is m, the interval around it. */
static void lx_row(struct vbt_run *r, const char *bench, const char *config, const char *variant,
		   const char *kernel, uint64_t m)
{
	uint64_t v[21];
	char *extra;
	bool chase = !strcmp(bench, "tlb_miss_chase");

	for (int i = 0; i < 21; i++)
		v[i] = m - 10 + (uint64_t)i;
	extra = vb_xasprintf("variant=%s;footprint=%s;chase_mapping=%s;kernel=%s", variant,
			     chase ? variant : "", chase ? "s1-4k" : "", kernel);
	vbt_run_row(r, bench, config, extra, v, 21);
	free(extra);
}

/* A linux run: counter_overhead, and the chase at 16 KiB and 1 MiB on 4 KiB pages and THP. */
static void lx_run(const char *dir, const char *id, const char *kernel, const char *in_guest,
		   const char *arch, const char *clock, uint64_t ov, uint64_t scale)
{
	struct vbt_run r;

	vbt_run_begin(&r, dir, id, "qemu-a72", "linux", "none", COLS);
	vbt_run_clock(&r, clock);
	lx_row(&r, "counter_overhead", "linux", "", kernel, ov);
	lx_row(&r, "tlb_miss_chase", "linux-4k", "16384", kernel, ov + 1000 * scale);
	lx_row(&r, "tlb_miss_chase", "linux-4k", "1048576", kernel, ov + 3000 * scale);
	lx_row(&r, "tlb_miss_chase", "linux-thp", "16384", kernel, ov + 500 * scale);
	vbt_run_end(&r);
	lx_side(dir, id, in_guest, arch);
}

static const struct vb_row *lx_find(const struct vb_set *s, const char *id, const char *bench,
				    const char *config, const char *variant)
{
	for (size_t i = 0; i < s->nrows; i++) {
		const struct vb_row *r = &s->rows[i];

		if (!strcmp(vb_row_get(r, "run_id"), id) &&
		    !strcmp(vb_row_get(r, "bench"), bench) &&
		    !strcmp(vb_row_get(r, "config"), config) &&
		    !strcmp(vb_row_get(r, "variant"), variant))
			return r;
	}
	fail_msg("no row %s %s %s %s", id, bench, config, variant);
	return NULL;
}

static void lx_load(struct vb_set *s, char *dir)
{
	struct vb_analysis_opts o;
	struct vb_error e;
	char *paths[] = { dir };

	vb_analysis_defaults(&o);
	if (vb_load_runs(s, paths, 1, &o, &e))
		fail_msg("%s", e.msg);
}

/* Ratio and difference from known medians, per footprint and mapping, with intervals. */
static void test_guest_host_known_medians(void **state)
{
	char *dir = vbt_tmpdir();
	struct vb_set s;
	const struct vb_row *g, *h;
	double ratio, diff, dlo, dhi, qlo, qhi;
	const char *basis, *why;

	(void)state;
	/* the guest's perf reads cost more (400 against 100) and each access twice the host's */
	lx_run(dir, "a-host", "6.1.0-57-arm64", "no", NULL, "icount", 100, 1);
	lx_run(dir, "b-guest", "6.1.0-99-guest", "yes", NULL, "icount", 400, 2);
	lx_load(&s, dir);

	g = lx_find(&s, "b-guest", "tlb_miss_chase", "linux-4k", "1048576");
	h = lx_find(&s, "a-host", "tlb_miss_chase", "linux-4k", "1048576");
	assert_ptr_equal(g->native, h); /* the same footprint and mapping, another kernel */
	vbt_contains(g->pair_note, "in_guest=yes");
	assert_int_equal(vb_row_pair(g, &ratio, &diff, &basis), 0);
	assert_string_equal(basis, "corrected");
	vbt_near(diff, 6000 - 3000, 0); /* (6400 - 400) - (3100 - 100) */
	vbt_near(ratio, 2.0, 1e-12);
	/* the intervals hold the point estimates and come from both rows' intervals */
	assert_true(g->has_ci && h->has_ci);
	assert_int_equal(vb_row_pair_ci(g, &dlo, &dhi, &qlo, &qhi, &why), 0);
	vbt_near(dlo, (g->ci_lo - 400) - (h->ci_hi - 100), 0);
	vbt_near(dhi, (g->ci_hi - 400) - (h->ci_lo - 100), 0);
	assert_true(dlo < diff && diff < dhi);
	assert_true(qlo < ratio && ratio < qhi);

	g = lx_find(&s, "b-guest", "tlb_miss_chase", "linux-thp", "16384");
	assert_ptr_equal(g->native, lx_find(&s, "a-host", "tlb_miss_chase", "linux-thp", "16384"));
	assert_int_equal(vb_row_pair(g, &ratio, &diff, &basis), 0);
	vbt_near(ratio, 1000.0 / 500, 1e-12);
	g = lx_find(&s, "b-guest", "tlb_miss_chase", "linux-4k", "16384");
	assert_ptr_equal(g->native, lx_find(&s, "a-host", "tlb_miss_chase", "linux-4k", "16384"));

	/* the host's rows are the native side: no pair of their own */
	h = lx_find(&s, "a-host", "tlb_miss_chase", "linux-4k", "16384");
	assert_null(h->native);
	assert_null(h->pair_note);
	vb_set_free(&s);
	vbt_rmdir(dir);
}

/* in_guest=unknown is neither side; another arch or clock is not the same host. */
static void test_unknown_arch_clock_not_paired(void **state)
{
	char *dir = vbt_tmpdir();
	struct vb_set s;
	const struct vb_row *r;

	(void)state;
	lx_run(dir, "a-unknown", "6.1.0-57-arm64", "unknown", NULL, "icount", 100, 1);
	lx_run(dir, "b-guest", "6.1.0-57-arm64", "yes", NULL, "icount", 400, 2);
	lx_run(dir, "c-unknown2", "6.1.0-57-arm64", "unknown", NULL, "icount", 400, 2);
	lx_run(dir, "d-host-v7", "6.1.0-57-armmp", "no", "armv7", "icount", 100, 1);
	lx_run(dir, "e-host-pmu", "6.1.0-57-arm64", "no", NULL, "pmu", 100, 1);
	lx_load(&s, dir);

	r = lx_find(&s, "b-guest", "tlb_miss_chase", "linux-4k", "16384");
	assert_null(r->native); /* only an unknown run, an armv7 host and a pmu-clock host */
	vbt_contains(r->pair_note, "not paired: no in_guest=no linux run");
	r = lx_find(&s, "c-unknown2", "tlb_miss_chase", "linux-4k", "16384");
	assert_null(r->native);
	vbt_contains(r->pair_note, "not paired: in_guest=unknown");
	r = lx_find(&s, "a-unknown", "counter_overhead", "linux", "");
	vbt_contains(r->pair_note, "in_guest=unknown");
	vb_set_free(&s);
	vbt_rmdir(dir);
}

/* mode differs: bare-metal native rows never pair with a linux guest, nor virt rows with a host. */
static void test_bare_metal_never_mixed(void **state)
{
	char *dir = vbt_tmpdir();
	struct vb_set s;
	struct vbt_run r;
	const struct vb_row *x;
	char world[64];

	(void)state;
	/* the same bench, config and variant as the linux rows, but bare-metal modes */
	vbt_run_begin(&r, dir, "a-native", "qemu-a72", "native", "none", COLS);
	lx_row(&r, "tlb_miss_chase", "linux-4k", "16384", "", 3100);
	vbt_run_end(&r);
	vbt_run_begin(&r, dir, "b-virt", "qemu-a72", "virt", "lean", COLS);
	lx_row(&r, "tlb_miss_chase", "linux-4k", "16384", "", 3100);
	vbt_run_end(&r);
	lx_run(dir, "c-guest", "6.1.0-57-arm64", "yes", NULL, "icount", 400, 2);
	lx_run(dir, "d-unknown", "6.1.0-57-arm64", "unknown", NULL, "icount", 100, 1);
	lx_load(&s, dir);

	x = lx_find(&s, "c-guest", "tlb_miss_chase", "linux-4k", "16384");
	assert_null(x->native);
	vb_row_world(x, world, sizeof(world));
	assert_string_equal(world, "linux guest");
	assert_int_equal(vb_world_style(world), vb_world_style("kvm"));
	/* the virt row pairs with the bare-metal native row, never with a linux one */
	x = lx_find(&s, "b-virt", "tlb_miss_chase", "linux-4k", "16384");
	assert_ptr_equal(x->native, lx_find(&s, "a-native", "tlb_miss_chase", "linux-4k", "16384"));
	assert_null(x->pair_note);
	vb_row_world(lx_find(&s, "d-unknown", "counter_overhead", "linux", ""), world,
		     sizeof(world));
	assert_string_equal(world, "linux, guest unknown");
	vb_set_free(&s);
	vbt_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guest_host_known_medians),
		cmocka_unit_test(test_unknown_arch_clock_not_paired),
		cmocka_unit_test(test_bare_metal_never_mixed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
