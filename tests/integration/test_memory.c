/*
 * Issue #4 on every default target: every configuration of the default suite
 * (bench/suites/default.suite) boots and runs in virt and native mode (QEMU's
 * MMU walking the tables is an independent check of them), desc_reads is what
 * the tables imply, the chase loop executes exactly its instructions per
 * access, and an access outside a stage's mapping faults at that stage.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qemu_run.h"
#include "launch/xlatspec.h"

#define N(a)		(sizeof(a) / sizeof((a)[0]))
#define CHASE_STEPS	1024
#define CHASE_LOOP_INSN 3 /* load, subtract, branch: microbench/memory.c's loop as compiled */
#define MEM_ONLY \
	"counter_overhead,tlb_hit,walk_full,tlb_miss_chase,tlb_miss_chase_blocks,walk_cache"

/* desc_reads the built tables imply for an address in the test window (config name, virt, native) */
static const struct {
	const char *config;
	long virt, native;
} expected_reads[] = {
	{ "s1-4k_s2-4k", 15, 3 },	     /* 3+3 levels: (3+1)(3+1)-1 */
	{ "s1-4k-2m_s2-4k-2m", 10, 2 },	     /* 2 stage-1 reads, each 3+1; data IPA 2 */
	{ "s1-4k-1g_s2-4k-1g", 5, 1 },	     /* 1 stage-1 read (3+1); data IPA 1 */
	{ "s1-4k-nc_s2-4k-nc", 15, 3 },	     /* attributes change no count */
	{ "s1-4k_s2-4k-l2", 11, 3 },	     /* 4 concatenated tables: stage 2 reads 2 */
	{ "s1-64k_s2-64k-l3", 5, 2 },	     /* 8 concatenated tables: stage 2 reads 1 */
	{ "s1-64k-512m_s2-64k-512m", 4, 1 }, /* tables in 64 KiB pages (2 reads), data in a block */
	{ "s1-16k_s2-16k", 8, 2 },	     /* 2+2 levels: (2+1)(2+1)-1 */
	{ "s1-16k-32m_s2-16k-32m", 4, 1 },   /* 1 stage-1 read (2+1); data IPA 1 */
};

struct cfg {
	char s1[64], s2[64];
};

static struct cfg configs[32];
static size_t nconfigs;
static const char *target, *arch;

/* The `config =` lines of the default suite, as vbench reads them. */
static void load_suite(void)
{
	FILE *f = fopen(VB_SRC_ROOT "/bench/suites/default.suite", "r");
	char line[256];

	assert_non_null(f);
	nconfigs = 0;
	while (fgets(line, sizeof(line), f) && nconfigs < N(configs)) {
		struct cfg *c = &configs[nconfigs];

		if (sscanf(line, "config = %63s %63s", c->s1, c->s2) == 2)
			nconfigs++;
	}
	fclose(f);
	assert_true(nconfigs >= 5);
}

static int buildable(const struct cfg *c)
{
	struct vb_stage_cfg s1, s2;
	struct vb_error e;

	return !vb_stage_parse(c->s1, 0, &s1, &e) && !vb_stage_parse(c->s2, 1, &s2, &e) &&
	       !vb_stage_check(&s1, 0, arch, &e) && !vb_stage_check(&s2, 1, arch, &e);
}

static long reads_for(const char *config, int virt)
{
	for (size_t i = 0; i < N(expected_reads); i++) {
		if (!strcmp(expected_reads[i].config, config))
			return virt ? expected_reads[i].virt : expected_reads[i].native;
		/* the native name is the virt name's stage-1 part */
		if (!virt && !strncmp(expected_reads[i].config, config, strlen(config)) &&
		    expected_reads[i].config[strlen(config)] == '_')
			return expected_reads[i].native;
	}
	fail_msg("no expected desc_reads for %s", config);
	return -1;
}

static void check_run(const struct cfg *c, const char *mode, long *chase_insn)
{
	const char *const virt[] = { "--s1",   c->s1,	       "--s2",	     c->s2, "--only",
				     MEM_ONLY, "--footprints", "16k,1m,16m", "--n", "20",
				     NULL };
	const char *const native[] = { "--s1",	     c->s1, "--only", MEM_ONLY, "--footprints",
				       "16k,1m,16m", "--n", "20",     NULL };
	int is_virt = !strcmp(mode, "virt");
	struct vb_csv_table t;
	struct qemu_run r;
	long co = -1;

	assert_int_equal(qemu_run(&r, target, mode, is_virt ? virt : native), 0);
	if (r.status != 0)
		fail_msg("%s %s %s %s: %s", target, mode, c->s1, c->s2, r.err);
	assert_int_equal(qemu_summary(&r, &t), 0);
	assert_int_equal(t.nrows, 1 + 1 + 1 + 2 + 3 + 3 + 3);
	for (size_t row = 1; row < t.nrows; row++) {
		const char *bench = vb_csv_cell(&t, row, "bench");
		long median = qemu_cell_long(&t, row, "median");

		/* a walk_cache pattern blocks cannot express is na (test_walk_cache_geometry) */
		if (!strcmp(bench, "walk_cache") && !strcmp(vb_csv_cell(&t, row, "status"), "na")) {
			if (!strchr(c->s1, ':') && !strchr(c->s2, ':'))
				fail_msg("%s %s: walk_cache %s na with pages", c->s1, c->s2,
					 vb_csv_cell(&t, row, "pattern"));
			continue;
		}
		/* a stage starting at its page level has no block for the chase's control */
		if (!strcmp(bench, "tlb_miss_chase_blocks") &&
		    !strcmp(vb_csv_cell(&t, row, "status"), "na")) {
			if (!strstr(c->s2, ":l3"))
				fail_msg("%s %s: tlb_miss_chase_blocks na", c->s1, c->s2);
			continue;
		}
		assert_string_equal(vb_csv_cell(&t, row, "status"), "ok");
		assert_int_equal(qemu_cell_long(&t, row, "desc_reads"),
				 reads_for(vb_csv_cell(&t, row, "config"), is_virt));
		/* native rows leave the stage-2 columns empty */
		assert_int_equal(vb_csv_cell(&t, row, "s2_granule")[0] != '\0', is_virt);
		assert_int_equal(vb_csv_cell(&t, row, "s2_walk_cache")[0] != '\0', is_virt);
		if (!strcmp(bench, "counter_overhead"))
			co = median;
		if (strcmp(bench, "tlb_miss_chase"))
			continue;
		assert_true(co > 0);
		/* cycles are instructions: the loop's per access, plus a constant below one access */
		if ((median - co) / CHASE_STEPS != CHASE_LOOP_INSN)
			fail_msg("%s %s: %ld instructions for %d accesses", c->s1, mode,
				 median - co, CHASE_STEPS);
		if (*chase_insn >= 0 && median - co != *chase_insn)
			fail_msg("%s %s footprint %s: %ld, other runs %ld", c->s1, mode,
				 vb_csv_cell(&t, row, "footprint"), median - co, *chase_insn);
		*chase_insn = median - co;
	}
	vb_csv_free(&t);
}

static void test_every_config_runs(void **state)
{
	long chase_insn = -1;
	size_t ran = 0;

	(void)state;
	load_suite();
	for (size_t i = 0; i < nconfigs; i++) {
		if (!buildable(&configs[i]))
			continue;
		check_run(&configs[i], "virt", &chase_insn);
		check_run(&configs[i], "native", &chase_insn);
		ran++;
	}
	printf("# %s: %zu configurations, virt and native\n", target, ran);
	assert_true(ran >= 4);
}

/*
 * 16 KiB granules: QEMU's Cortex-A53/A72 do not implement them, its "max"
 * CPU does (target qemu-max, built by make test).
 */
static void test_16k_granules(void **state)
{
	static const struct cfg sixteen[] = { { "16k", "16k" }, { "16k:32m", "16k:32m" } };
	long chase_insn = -1;

	(void)state;
	for (size_t i = 0; i < N(sixteen); i++) {
		check_run(&sixteen[i], "virt", &chase_insn);
		check_run(&sixteen[i], "native", &chase_insn);
	}
}

/*
 * A sweep skips, and says why, the configurations the target's core cannot
 * translate (its `granules`), and runs the rest: a suite of one 16 KiB and
 * one 4 KiB configuration on qemu-a72 gives two runs (virt, native).
 */
static void test_suite_skips_granules_the_core_lacks(void **state)
{
	char root[] = "/tmp/vbench-suite-XXXXXX", path[512], cmd[2048], buf[4096];
	const char *vbench = getenv("VBENCH") ? getenv("VBENCH") : VB_SRC_ROOT "/build/bin/vbench";
	FILE *f;
	int status, lines = 0;

	(void)state;
	assert_non_null(mkdtemp(root));
	snprintf(path, sizeof(path), "%s/bench", root);
	assert_int_equal(mkdir(path, 0777), 0);
	snprintf(path, sizeof(path), "%s/bench/targets", root);
	assert_int_equal(symlink(VB_SRC_ROOT "/bench/targets", path), 0);
	snprintf(path, sizeof(path), "%s/bench/suites", root);
	assert_int_equal(mkdir(path, 0777), 0);
	snprintf(path, sizeof(path), "%s/bench/suites/mini.suite", root);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("only = counter_overhead\nconfig = 16k 16k\nconfig = 4k 4k\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "'%s' run --root %s --suite mini --target qemu-a72 --deterministic --n 5 "
		 "--results %s/results >%s/out 2>%s/err",
		 vbench, root, root, root, root);
	status = system(cmd);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	snprintf(path, sizeof(path), "%s/err", root);
	f = fopen(path, "r");
	assert_non_null(f);
	buf[fread(buf, 1, sizeof(buf) - 1, f)] = '\0';
	fclose(f);
	if (!strstr(buf, "16k granules are not in the target's granules"))
		fail_msg("no skip with its reason: %s", buf);
	snprintf(path, sizeof(path), "%s/out", root);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(buf, sizeof(buf), f))
		lines++;
	fclose(f);
	assert_int_equal(lines, 2); /* the 4k configuration, virt and native */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
}

/* The console log of a run, whole. */
static char *console_of(const struct qemu_run *r)
{
	static char buf[1 << 16];
	char path[600];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/console.log", r->dir);
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/*
 * Issue 9: the walk rows time one load and nothing else. Under icount a
 * cycle is an instruction, so walk_full (warm and cold) and every walk_cache
 * pattern equal tlb_hit exactly: an address loaded inside the timed region
 * (walk_cache used to load its target pointer there) shows as one more.
 */
static void test_walk_rows_time_one_load(void **state)
{
	const char *const extra[] = { "--only", "tlb_hit,walk_full,walk_cache", "--n", "5", NULL };

	(void)state;
	for (int virt = 0; virt < 2; virt++) {
		struct vb_csv_table t;
		struct qemu_run r;
		long hit;
		int walks = 0;

		assert_int_equal(qemu_run(&r, target, virt ? "virt" : "native", extra), 0);
		if (r.status != 0)
			fail_msg("%s: %s", target, r.err);
		assert_int_equal(qemu_summary(&r, &t), 0);
		hit = qemu_cell_long(&t, qemu_row(&t, "tlb_hit"), "median");
		assert_true(hit > 0);
		for (size_t row = 1; row < t.nrows; row++) {
			const char *bench = vb_csv_cell(&t, row, "bench");

			if (!strcmp(bench, "tlb_hit"))
				continue;
			assert_string_equal(vb_csv_cell(&t, row, "status"), "ok");
			if (qemu_cell_long(&t, row, "median") != hit)
				fail_msg("%s %s: %s %s is %ld instructions, tlb_hit %ld", target,
					 virt ? "virt" : "native", bench,
					 vb_csv_cell(&t, row, "variant"),
					 qemu_cell_long(&t, row, "median"), hit);
			walks++;
		}
		assert_int_equal(walks, 2 + 3); /* warm, cold; three patterns */
		vb_csv_free(&t);
	}
}

/*
 * The walk_cache addresses come from the tables as built, and the row says
 * which levels P0 and P1 share at each stage; a pattern the mapping cannot
 * express is na with the reason, not a number.
 */
static void test_walk_cache_geometry(void **state)
{
	static const struct {
		const char *s1, *s2, *pattern, *status, *s1_shared, *s2_shared;
	} cases[] = {
		{ "4k", "4k", "same_table", "ok", "l1-l3", "l1-l3" },
		{ "4k", "4k", "next_table", "ok", "l1-l2", "l1-l2" },
		{ "4k", "4k", "far", "ok", "l1", "l1" },
		/* a 2 MiB stage-2 leaf: P1 one leaf further is in another stage-1 last-level table */
		{ "4k", "4k:2m", "same_table", "na", "l1-l2", "l1-l2" },
		{ "4k", "4k:2m", "far", "ok", "l1", "l1" },
	};
	const char *last = "";
	struct vb_csv_table t = { 0 };
	struct qemu_run r;

	(void)state;
	for (size_t i = 0; i < N(cases); i++) {
		const char *const extra[] = { "--s1",	   cases[i].s1, "--s2",
					      cases[i].s2, "--only",	"walk_cache",
					      "--n",	   "3",		NULL };
		size_t row;

		if (strcmp(last, cases[i].s2)) {
			if (*last)
				vb_csv_free(&t);
			assert_int_equal(qemu_run(&r, target, "virt", extra), 0);
			if (r.status != 0)
				fail_msg("%s %s: %s", cases[i].s1, cases[i].s2, r.err);
			assert_int_equal(qemu_summary(&r, &t), 0);
			last = cases[i].s2;
		}
		for (row = 1; row < t.nrows; row++)
			if (!strcmp(vb_csv_cell(&t, row, "pattern"), cases[i].pattern))
				break;
		assert_true(row < t.nrows);
		assert_string_equal(vb_csv_cell(&t, row, "status"), cases[i].status);
		assert_string_equal(vb_csv_cell(&t, row, "s1_shared"), cases[i].s1_shared);
		assert_string_equal(vb_csv_cell(&t, row, "s2_shared"), cases[i].s2_shared);
		if (!strcmp(cases[i].status, "na"))
			assert_non_null(
				strstr(console_of(&r), "reason=same_table_not_expressible"));
	}
	vb_csv_free(&t);
}

/*
 * tlb_miss_chase_blocks: the same chase over the same lines with the window
 * mapped by 1 GiB blocks at both stages (the tables say so: chase_mapping
 * comes from a walk); the same instructions as the chase over pages; and
 * the tables are back afterwards (walk_cache, run next, still sees three
 * levels at both stages).
 */
static void test_chase_blocks_control(void **state)
{
	const char *const extra[] = {
		"--only",
		"counter_overhead,tlb_miss_chase,tlb_miss_chase_blocks,walk_cache",
		"--footprints",
		"16k,16m",
		"--n",
		"3",
		NULL
	};

	(void)state;
	for (int virt = 0; virt < 2; virt++) {
		struct vb_csv_table t;
		struct qemu_run r;
		long pages = -1;
		int blocks = 0;

		assert_int_equal(qemu_run(&r, target, virt ? "virt" : "native", extra), 0);
		if (r.status != 0)
			fail_msg("%s: %s", target, r.err);
		assert_int_equal(qemu_summary(&r, &t), 0);
		for (size_t row = 1; row < t.nrows; row++) {
			const char *bench = vb_csv_cell(&t, row, "bench");

			assert_string_equal(vb_csv_cell(&t, row, "status"), "ok");
			if (!strcmp(bench, "tlb_miss_chase")) {
				assert_string_equal(vb_csv_cell(&t, row, "chase_mapping"),
						    virt ? "s1-4k_s2-4k" : "s1-4k");
				pages = qemu_cell_long(&t, row, "median");
			} else if (!strcmp(bench, "tlb_miss_chase_blocks")) {
				assert_string_equal(vb_csv_cell(&t, row, "chase_mapping"),
						    virt ? "s1-1g_s2-1g" : "s1-1g");
				assert_int_equal(qemu_cell_long(&t, row, "median"), pages);
				blocks++;
			} else if (!strcmp(bench, "walk_cache") &&
				   !strcmp(vb_csv_cell(&t, row, "pattern"), "same_table")) {
				assert_string_equal(vb_csv_cell(&t, row, "s1_shared"), "l1-l3");
				assert_string_equal(vb_csv_cell(&t, row, "s2_shared"),
						    virt ? "l1-l3" : "");
			}
		}
		assert_int_equal(blocks, 2);
		vb_csv_free(&t);
	}
}

/* hyp-min cleans a changed stage-2 descriptor to PoC only for non-cacheable walks, and says so. */
static void test_s2perm_clean_only_when_nc(void **state)
{
	static const char *const walks[][2] = { { "4k", "none" }, { "4k:4k:nc", "poc" } };

	(void)state;
	for (size_t i = 0; i < N(walks); i++) {
		const char *const extra[] = { "--s2", walks[i][0], "--only", "s2perm_ro,s2perm_rw",
					      "--n",  "3",	   NULL };
		struct vb_csv_table t;
		struct qemu_run r;

		assert_int_equal(qemu_run(&r, target, "virt", extra), 0);
		if (r.status != 0)
			fail_msg("%s: %s", walks[i][0], r.err);
		assert_int_equal(qemu_summary(&r, &t), 0);
		assert_string_equal(vb_csv_cell(&t, qemu_row(&t, "s2perm_ro"), "s2_desc_clean"),
				    walks[i][1]);
		assert_string_equal(vb_csv_cell(&t, qemu_row(&t, "s2perm_rw"), "s2_desc_clean"),
				    "");
		vb_csv_free(&t);
	}
}

/*
 * Four-level walks at both stages: 48-bit VAs, 40-bit IPAs (level 0 start:
 * QEMU's Cortex-A72 has 44 PA bits). (4+1)(4+1)-1 = 24 descriptor reads
 * virtualized, 4 natively, and every memory row runs in both modes.
 */
static void test_four_levels(void **state)
{
	const char *const virt[] = { "--s1",   "4k:4k:va48",   "--s2",	 "4k:4k:ipa40", "--only",
				     MEM_ONLY, "--footprints", "16k,1m", "--n",		"3",
				     NULL };
	const char *const native[] = { "--s1",	 "4k:4k:va48", "--only", MEM_ONLY, "--footprints",
				       "16k,1m", "--n",	       "3",	 NULL };

	(void)state;
	for (int v = 0; v < 2; v++) {
		struct vb_csv_table t;
		struct qemu_run r;

		assert_int_equal(qemu_run(&r, "qemu-a72", v ? "virt" : "native", v ? virt : native),
				 0);
		if (r.status != 0)
			fail_msg("%s: %s", v ? "virt" : "native", r.err);
		assert_int_equal(qemu_summary(&r, &t), 0);
		assert_int_equal(t.nrows, 1 + 1 + 1 + 2 + 2 + 2 + 3);
		for (size_t row = 1; row < t.nrows; row++) {
			assert_string_equal(vb_csv_cell(&t, row, "status"), "ok");
			assert_int_equal(qemu_cell_long(&t, row, "desc_reads"), v ? 24 : 4);
			assert_string_equal(vb_csv_cell(&t, row, "config"),
					    v ? "s1-4k-va48_s2-4k-ipa40" : "s1-4k-va48");
		}
		vb_csv_free(&t);
	}
}

/* Input sizes a platform cannot translate are refused, each with its reason. */
static void test_input_sizes_refused(void **state)
{
	const char *const va48[] = { "--s1", "4k:4k:va48", NULL };
	const char *const ipa48[] = { "--s2", "4k:4k:ipa48", "--only", "counter_overhead", NULL };
	const char *const ipa40[] = { "--s2", "4k:4k:ipa40", "--only", "counter_overhead", NULL };
	struct qemu_run r;

	(void)state;
	assert_int_equal(qemu_run(&r, "qemu-a15", "virt", va48), 0); /* ARMv7: before launching */
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "armv7_va_is_32_bits"));
	assert_int_equal(qemu_run(&r, "qemu-a72", "virt", ipa48), 0); /* 44 PA bits */
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "ipa_bits_exceed_the_core_pa_range"));
	assert_int_equal(qemu_run(&r, "qemu-a53", "virt", ipa40), 0); /* 40 PA bits: no level 0 */
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "level_0_start_needs_a_44_bit_pa_range"));
}

/* Outside stage 1's map: guest-min's own fault. Outside stage 2's (hyp-min's memory): hyp-min's. */
static void test_faults_at_the_right_stage(void **state)
{
	const char *const s1_probe[] = { "--s1", "4k:1g", "--only", "probe_s1_unmapped", NULL };
	const char *const s2_probe[] = { "--s1",  "4k:1g",  "--s2",
					 "4k:1g", "--only", "probe_hyp_memory",
					 NULL };
	struct qemu_run r;

	(void)state;
	for (int virt = 0; virt < 2; virt++) {
		assert_int_equal(qemu_run(&r, target, virt ? "virt" : "native", s1_probe), 0);
		assert_int_equal(r.status, 1);
		if (!strstr(r.err, "guest-min error record") || !strstr(r.err, "guest_exception"))
			fail_msg("stage-1 probe (%s): %s", virt ? "virt" : "native", r.err);
	}
	assert_int_equal(qemu_run(&r, target, "virt", s2_probe), 0);
	assert_int_equal(r.status, 1);
	if (!strstr(r.err, "hyp-min error record") || !strstr(r.err, "s2_dabt"))
		fail_msg("stage-2 probe: %s", r.err);
}

/* A configuration the architecture lacks is refused before anything runs. */
static void test_refused_configs(void **state)
{
	const char *const bad[] = { "--s2", "4k:1g:l2", NULL };
	struct qemu_run r;

	(void)state;
	assert_int_equal(qemu_run(&r, target, "virt", bad), 0);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "start_level_not_allowed"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_config_runs),
		cmocka_unit_test(test_faults_at_the_right_stage),
		cmocka_unit_test(test_refused_configs),
		cmocka_unit_test(test_walk_rows_time_one_load),
		cmocka_unit_test(test_walk_cache_geometry),
		cmocka_unit_test(test_s2perm_clean_only_when_nc),
		cmocka_unit_test(test_chase_blocks_control),
	};
	static const char *const targets[][2] = { { "qemu-a15", "armv7" },
						  { "qemu-a72", "armv8" } };
	int failed = 0;

	for (size_t i = 0; i < N(targets); i++) {
		struct CMUnitTest named[N(tests)];
		char names[N(tests)][80];

		for (size_t j = 0; j < N(tests); j++) {
			snprintf(names[j], sizeof(names[j]), "%s(%s)", tests[j].name,
				 targets[i][0]);
			named[j] = tests[j];
			named[j].name = names[j];
		}
		target = targets[i][0];
		arch = targets[i][1];
		failed += _cmocka_run_group_tests(target, named, N(named), NULL, NULL);
	}
	{
		const struct CMUnitTest sixteen[] = {
			cmocka_unit_test(test_16k_granules),
			cmocka_unit_test(test_suite_skips_granules_the_core_lacks),
		};

		const struct CMUnitTest a53[] = {
			cmocka_unit_test(test_walk_rows_time_one_load),
		};
		const struct CMUnitTest any[] = {
			cmocka_unit_test(test_four_levels),
			cmocka_unit_test(test_input_sizes_refused),
		};

		target = "qemu-a53";
		arch = "armv8";
		failed += _cmocka_run_group_tests(target, a53, N(a53), NULL, NULL);
		failed += _cmocka_run_group_tests("input sizes", any, N(any), NULL, NULL);
		target = "qemu-max";
		arch = "armv8";
		failed += _cmocka_run_group_tests(target, sixteen, N(sixteen), NULL, NULL);
	}
	return failed;
}
