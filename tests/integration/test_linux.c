/*
 * vbench run --mode linux on qemu-a72 (docs/linux.md): Debian's arm64 kernel
 * boots nested in QEMU with -icount shift=0 (deterministic, as test_kvm.c's
 * boots), its /init runs vbench-linux, and vbench verifies every record.
 * Checked: the 4 KiB, THP and 2 MiB hugetlbfs buffers obtained and verified
 * from smaps, 1 GiB refused with its reason; cycles and instructions come
 * back through perf_event_open (equal under -icount), the TLB events are
 * unsupported with a reason; two boots give the same minima and medians;
 * the kernel says it is a host (in_guest=no with its evidence).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_run.h"

static struct qemu_run runs[2];
static struct vb_csv_table sum;
static char *console, *meta;

static const char *const extra[] = { "--n",	     "20",	  "--warmup",  "2",
				     "--footprints", "16k,1m,4m", "--samples", NULL };

static int setup(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++)
		if (qemu_run(&runs[i], "qemu-a72", "linux", extra) || runs[i].status) {
			fprintf(stderr, "vbench run --mode linux: status %d: %s\n", runs[i].status,
				runs[i].err);
			return -1;
		}
	console = qemu_file_in_must(runs[0].dir, "console.log");
	meta = qemu_file_in_must(runs[0].dir, "meta.csv");
	return qemu_summary(&runs[0], &sum);
}

static int teardown(void **state)
{
	(void)state;
	vb_csv_free(&sum);
	return 0;
}

/* summary.csv's row of bench in config (variant "" for none), or fail. */
static size_t row(const char *bench, const char *config, const char *variant)
{
	for (size_t r = 1; r < sum.nrows; r++)
		if (!strcmp(vb_csv_cell(&sum, r, "bench"), bench) &&
		    !strcmp(vb_csv_cell(&sum, r, "config"), config) &&
		    !strcmp(vb_csv_cell(&sum, r, "variant"), variant))
			return r;
	fail_msg("no row %s/%s[%s]", bench, config, variant);
	return 0;
}

/* The console's result record of bench/config[variant] (its line), or fail. */
static const char *record(const char *bench, const char *config, const char *variant)
{
	char key[160];
	const char *p;

	snprintf(key, sizeof(key), "result bench=%s config=%s%s%s ", bench, config,
		 *variant ? " variant=" : "", variant);
	p = strstr(console, key);
	if (!p)
		fail_msg("no record '%s' on the console", key);
	return p;
}

static int has_field(const char *rec, const char *field)
{
	size_t len = strcspn(rec, "\n");
	char key[128];
	const char *p;

	snprintf(key, sizeof(key), " %s ", field);
	p = strstr(rec, key);
	return p && (size_t)(p - rec) < len;
}

static void test_linux_run_verified(void **state)
{
	(void)state;
	assert_non_null(strstr(meta, "\"begin.mode\",\"linux\""));
	assert_non_null(strstr(meta, "\"begin.kernel\",\"6."));
	assert_non_null(strstr(meta, "\"launch\",\"linux-qemu\""));
	/* the nested kernel owns EL2 (its KVM started there) and calls PSCI through SMC:
	 * a host, from what it shows (test_linux_guest.c checks the KVM guest's yes) */
	assert_non_null(strstr(meta, "\"begin.in_guest\",\"no\""));
	assert_non_null(strstr(meta, "\"begin.guest_evidence\",\"dev_kvm+kvm_hyp_initialized+"
				     "booted_el2+psci_smc+compatible_linux_dummy-virt\""));
	assert_string_equal(vb_csv_cell(&sum, row("counter_overhead", "linux", ""), "clock"),
			    "icount");
}

/* Each configuration's buffer as smaps showed it, after every page was touched. */
static void test_linux_mappings_verified(void **state)
{
	static const struct {
		const char *config, *mapping, *smaps;
	} want[] = {
		{ "linux-4k", "s1-4k", "smaps_kernel_page_kb=4 smaps_anon_huge_kb=0" },
		{ "linux-thp", "s1-2m", "smaps_kernel_page_kb=4 smaps_anon_huge_kb=4096" },
		{ "linux-2m", "s1-2m", "smaps_kernel_page_kb=2048 smaps_anon_huge_kb=0" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const char *variants[] = { "", "16384", "1048576", "4194304" };

		for (size_t v = 0; v < 4; v++) {
			size_t r =
				row(v ? "tlb_miss_chase" : "tlb_hit", want[i].config, variants[v]);
			const char *rec = record(v ? "tlb_miss_chase" : "tlb_hit", want[i].config,
						 variants[v]);

			assert_string_equal(vb_csv_cell(&sum, r, "status"), "ok");
			assert_string_equal(vb_csv_cell(&sum, r, "chase_mapping"), want[i].mapping);
			assert_true(has_field(rec, "verified=smaps"));
			assert_true(has_field(rec, want[i].smaps));
		}
	}
	assert_true(
		has_field(record("tlb_hit", "linux-thp", ""), "obtained_by=madvise_MADV_HUGEPAGE"));
	assert_true(
		has_field(record("tlb_hit", "linux-2m", ""), "obtained_by=mmap_MAP_HUGETLB_2m"));
	/* the walk patterns: 4096 pages of a sparse reservation, verified 4 KiB */
	for (size_t i = 0; i < 3; i++) {
		static const char *const pat[] = { "same_table", "next_table", "far" };
		size_t r = row("walk_pattern", "linux-4k", pat[i]);
		const char *rec = record("walk_pattern", "linux-4k", pat[i]);

		assert_string_equal(vb_csv_cell(&sum, r, "status"), "ok");
		assert_string_equal(vb_csv_cell(&sum, r, "pattern"), pat[i]);
		assert_true(has_field(
			rec, "verified=smaps smaps_kernel_page_kb=4 smaps_anon_huge_kb=0"));
		/* under -icount a walk costs no more than a hit: the same 3 instructions a load */
		assert_int_equal(qemu_cell_long(&sum, r, "median"),
				 qemu_cell_long(&sum, row("tlb_hit", "linux-4k", ""), "median"));
	}
	/* no 1 GiB pool in 1 GiB of RAM: refused, with the kernel's reason */
	assert_string_equal(vb_csv_cell(&sum, row("tlb_hit", "linux-1g", ""), "status"),
			    "unsupported");
	assert_true(has_field(record("tlb_hit", "linux-1g", ""),
			      "status=unsupported reason=mmap_MAP_HUGETLB:Cannot_allocate_memory"));
}

/*
 * cycles and instructions through perf_event_open: under -icount one cycle is
 * one instruction. Each sample includes the two read()s of the group, the
 * counter_overhead row; a chase sample adds 1024 loads of 3 instructions.
 */
static void test_linux_cycles_and_instructions(void **state)
{
	static const char *const rows[][3] = {
		{ "counter_overhead", "linux", "" },
		{ "syscall_null", "linux", "" },
		{ "page_fault", "linux-4k", "" },
		{ "tlb_hit", "linux-4k", "" },
		{ "tlb_miss_chase", "linux-2m", "1048576" },
	};
	long floor = qemu_cell_long(&sum, row("counter_overhead", "linux", ""), "median");

	(void)state;
	assert_true(floor > 0);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		size_t r = row(rows[i][0], rows[i][1], rows[i][2]);

		assert_string_equal(vb_csv_cell(&sum, r, "status"), "ok");
		assert_int_equal(qemu_cell_long(&sum, r, "median"),
				 qemu_cell_long(&sum, r, "inst_retired"));
	}
	assert_true(qemu_cell_long(&sum, row("syscall_null", "linux", ""), "median") > floor);
	assert_true(qemu_cell_long(&sum, row("page_fault", "linux-4k", ""), "median") > floor);
	assert_true(qemu_cell_long(&sum, row("tlb_hit", "linux-4k", ""), "median") >=
		    floor + 3 * 1024);
}

/* QEMU counts no TLB event: each is unsupported, and begin says why. */
static void test_linux_tlb_events_unsupported(void **state)
{
	static const char *const ev[] = { "l1d_tlb_refill", "l2d_tlb_refill", "dtlb_walk",
					  "mem_access" };
	size_t r = row("tlb_miss_chase", "linux-4k", "4194304");

	(void)state;
	for (size_t i = 0; i < 4; i++) {
		char key[96];

		assert_string_equal(vb_csv_cell(&sum, r, ev[i]), "unsupported");
		snprintf(key, sizeof(key), "\"begin.ev_%s\",\"not_in_armv8_pmuv3_events\"", ev[i]);
		assert_non_null(strstr(meta, key));
	}
	assert_true(
		has_field(record("tlb_hit", "linux-4k", ""), "ev_dtlb_load_misses=unsupported"));
	/* dTLB-load-misses, refused by perf_event_open itself: the errno's name */
	assert_non_null(strstr(meta, "\"begin.ev_dtlb_load_misses\",\"E"));
	assert_non_null(strstr(meta, "\"begin.ev_cycles\",\"counted\""));
	assert_non_null(strstr(meta, "\"begin.ev_inst_retired\",\"counted\""));
}

/*
 * Two boots give every row the same min and median. Not the same console:
 * a sample a timer tick lands in (an outlier of about 10,000 instructions)
 * differs by a few instructions from boot to boot, so max, p99 and the sums
 * may differ (seen here in about one row in five).
 */
static void test_linux_deterministic(void **state)
{
	struct vb_csv_table other;

	(void)state;
	assert_int_equal(qemu_summary(&runs[1], &other), 0);
	assert_int_equal(other.nrows, sum.nrows);
	for (size_t r = 1; r < sum.nrows; r++) {
		assert_string_equal(vb_csv_cell(&sum, r, "bench"), vb_csv_cell(&other, r, "bench"));
		assert_string_equal(vb_csv_cell(&sum, r, "config"),
				    vb_csv_cell(&other, r, "config"));
		assert_string_equal(vb_csv_cell(&sum, r, "status"),
				    vb_csv_cell(&other, r, "status"));
		assert_string_equal(vb_csv_cell(&sum, r, "min"), vb_csv_cell(&other, r, "min"));
		assert_string_equal(vb_csv_cell(&sum, r, "median"),
				    vb_csv_cell(&other, r, "median"));
	}
	vb_csv_free(&other);
}

/* A linux run is a run folder like any other: compare and report take it unchanged. */
static void test_linux_compare_and_report(void **state)
{
	const char *vb = getenv("VBENCH") ? getenv("VBENCH") : VB_SRC_ROOT "/build/bin/vbench";
	char cmd[2048];

	(void)state;
	snprintf(cmd, sizeof(cmd), "%s compare --threshold 1 %s %s >/dev/null", vb, runs[0].dir,
		 runs[1].dir);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd),
		 "%s report --out %s.report %s >/dev/null && test -s %s.report/index.html", vb,
		 runs[0].dir, runs[0].dir, runs[0].dir);
	assert_int_equal(system(cmd), 0);
}

/* No 32-bit kernel is packaged for QEMU's virt: an armv7 QEMU target is refused, said why. */
static void test_linux_armv7_qemu_refused(void **state)
{
	struct qemu_run r;

	(void)state;
	assert_int_equal(qemu_run(&r, "qemu-a15", "linux", NULL), 0);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "no 32-bit kernel"));
}

/*
 * Both binaries are static ELF executables for their architecture: the armhf
 * one is built and unit-tested on the host (tests/unit/linux/test_vl.c) but
 * not run, Debian packaging no 32-bit kernel for QEMU's virt.
 */
static void test_linux_binaries(void **state)
{
	static const struct {
		const char *name;
		unsigned char cls;
		unsigned machine;
	} want[] = { { "vbench-linux-arm64", 2, 183 /* EM_AARCH64 */ },
		     { "vbench-linux-armhf", 1, 40 /* EM_ARM */ } };
	const char *vb = getenv("VBENCH") ? getenv("VBENCH") : VB_SRC_ROOT "/build/bin/vbench";

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		char path[1200];
		static unsigned char h[1 << 16];
		uint64_t phoff;
		unsigned phentsize, phnum;
		FILE *f;

		snprintf(path, sizeof(path), "%.*s/../linux/%s", (int)(strrchr(vb, '/') - vb), vb,
			 want[i].name);
		f = fopen(path, "rb");
		if (!f)
			fail_msg("no %s (make linux)", path);
		assert_int_equal(fread(h, 1, sizeof(h), f), sizeof(h));
		fclose(f);
		assert_memory_equal(h,
				    "\x7f"
				    "ELF",
				    4);
		assert_int_equal(h[4], want[i].cls);
		assert_int_equal(h[16], 2 /* ET_EXEC: not PIE */);
		assert_int_equal(h[18] | h[19] << 8, want[i].machine);
		/* static: no PT_INTERP program header, nothing to find on the board */
		if (want[i].cls == 2) {
			memcpy(&phoff, h + 32, 8);
			phentsize = h[54] | h[55] << 8, phnum = h[56] | h[57] << 8;
		} else {
			uint32_t off;

			memcpy(&off, h + 28, 4);
			phoff = off;
			phentsize = h[42] | h[43] << 8, phnum = h[44] | h[45] << 8;
		}
		assert_true(phnum > 0 && phoff + (uint64_t)phentsize * phnum <= sizeof(h));
		for (unsigned k = 0; k < phnum; k++)
			assert_true(
				memcmp(h + phoff + k * phentsize, "\3\0\0\0", 4)); /* PT_INTERP */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linux_run_verified),
		cmocka_unit_test(test_linux_mappings_verified),
		cmocka_unit_test(test_linux_cycles_and_instructions),
		cmocka_unit_test(test_linux_tlb_events_unsupported),
		cmocka_unit_test(test_linux_deterministic),
		cmocka_unit_test(test_linux_compare_and_report),
		cmocka_unit_test(test_linux_armv7_qemu_refused),
		cmocka_unit_test(test_linux_binaries),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
