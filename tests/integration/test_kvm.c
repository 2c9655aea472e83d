/*
 * vbench-vmm under Linux KVM, nested in QEMU (docs/kvm.md): Debian's arm64
 * kernel (scripts/fetch-kvm.sh) boots at EL2 under qemu-system-aarch64 -M
 * virt,virtualization=on with -icount shift=0,sleep=off, and its initramfs's
 * /init runs vbench-vmm on vbench-vmm/selftest.S. Checked: the guest's console
 * and vdev work through the VMM; KVM answers null HVCs in the kernel (no exit
 * to user space) while each MMIO access is one; PMCCNTR under KVM does not
 * count the host (so kvm rows are timed with CNTVCT); a KVM round trip is at
 * least 20 times hyp-min lean's hvc_null; the boot is deterministic.
 * Then vbench run --mode kvm, twice: guest-min's kvm mode, every row verified,
 * KVM's exit counters per row, bit-identical runs; and native and hyp-min lean
 * with --clock ticks (the same CNTVCT bracket and sample functions): KVM's
 * ratio to native and to hyp-min in one unit, in the report and in compare.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_run.h"

#define NULL_HVC_CALLS	   100 /* vbench-vmm/selftest.S */
#define CNTVCT_INSTR_SHIFT 4 /* -icount shift=0: CNTVCT (62.5 MHz) ticks once per 16 instructions */
#define TRAP_BATCH	   64 /* the trap rows in ticks: calls a sample (unit ticks/64, kvm.h) */

static char console[2][65536];

static const char *build_dir(void)
{
	static char dir[1024];
	const char *v = getenv("VBENCH");

	if (!v)
		return VB_SRC_ROOT "/build";
	snprintf(dir, sizeof(dir), "%s", v);
	return dirname(dirname(dir));
}

/*
 * Boots the self-test; its console (kernel chatter dropped by `quiet`) into out.
 * Bit-identical boots also need no host randomness in the device tree (QEMU's
 * kaslr-seed and rng-seed), a fixed RTC on the virtual clock, and no KASLR.
 */
static void boot_gic(int gic, const char *initrd, char *out, size_t size)
{
	char cmd[4096];
	const char *b = build_dir();
	FILE *p;
	size_t n = 0, got;

	snprintf(cmd, sizeof(cmd),
		 "timeout 120 qemu-system-aarch64 "
		 "-M virt,virtualization=on,gic-version=%d,dtb-randomness=off -cpu cortex-a72 "
		 "-m 512M -smp 1 -nographic -nic none -icount shift=0,sleep=off "
		 "-rtc base=2024-01-01T00:00:00,clock=vm "
		 "-kernel %s/kvm/vmlinuz -initrd %s "
		 "-append 'console=ttyAMA0 rdinit=/init panic=-1 quiet nokaslr' "
		 "</dev/null 2>&1 | tr -d '\\r'",
		 gic, b, initrd);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (n + 1 < size && (got = fread(out + n, 1, size - 1 - n, p)) > 0)
		n += got;
	out[n] = 0;
	if (pclose(p) != 0)
		fail_msg("qemu: %s", out);
}

static void boot(const char *initrd, char *out, size_t size)
{
	boot_gic(3, initrd, out, size);
}

static int setup(void **state)
{
	char initrd[1100];

	(void)state;
	snprintf(initrd, sizeof(initrd), "%s/kvm/selftest.cpio.gz", build_dir());
	boot(initrd, console[0], sizeof(console[0]));
	boot(initrd, console[1], sizeof(console[1]));
	return 0;
}

static void sh(const char *cmd)
{
	int rc = system(cmd);

	if (rc != 0)
		fail_msg("'%s': status %d", cmd, rc);
}

/* The number after "key" on the console (key includes its separator), or fail. */
static unsigned long long value(const char *key)
{
	const char *p = strstr(console[0], key);

	if (!p)
		fail_msg("no '%s' on the console:\n%s", key, console[0]);
	return strtoull(p + strlen(key), NULL, 0);
}

static void test_kvm_vmm_runs_guest(void **state)
{
	(void)state;
	if (!strstr(console[0], "vmm-selftest: ok\n") || !strstr(console[0], "vmm: system_off") ||
	    !strstr(console[0], "vmm-host: exit 0"))
		fail_msg("self-test did not pass:\n%s", console[0]);
	assert_non_null(strstr(console[0], "vmm-host: kernel "));
}

/* Null HVCs never reach the VMM; each MMIO access the guest makes is one exit to it. */
static void test_kvm_exit_attribution(void **state)
{
	unsigned long long guest_bytes = 0;

	(void)state;
	for (const char *l = strstr(console[0], "vmm-selftest: "); l;
	     l = strstr(l + 1, "vmm-selftest: "))
		guest_bytes += strcspn(l, "\n") + 1; /* one DR store per byte, newline included */
	assert_int_equal(value("uart_accesses "), guest_bytes);
	assert_int_equal(value("vdev_accesses "), 3);
	assert_int_equal(value("stat mmio_exit_user "),
			 value("uart_accesses ") + value("vdev_accesses "));
	assert_int_equal(value("stat hvc_exit_stat "), NULL_HVC_CALLS + 1); /* + SYSTEM_OFF */
}

/* Under KVM, PMCCNTR counts the guest only: the loop's 6 instructions per call, not the exit. */
static void test_kvm_pmccntr_excludes_host(void **state)
{
	unsigned long long pmc = value("pmccntr="), vct = value("cntvct=");

	(void)state;
	assert_true(pmc >= 6 * NULL_HVC_CALLS && pmc <= 8 * NULL_HVC_CALLS);
	if ((vct << CNTVCT_INSTR_SHIFT) < 100 * pmc)
		fail_msg("CNTVCT %llu ticks (%llu instructions) vs PMCCNTR %llu", vct,
			 vct << CNTVCT_INSTR_SHIFT, pmc);
}

/* hyp-min lean's hvc_null median on qemu-a72 (instructions, under icount): one run, kept. */
static struct qemu_run lean_run;

static long lean_hvc_null(void)
{
	static long lean = -1;
	struct qemu_run *r = &lean_run;
	struct vb_csv_table t;
	const char *const extra[] = { "--only", "hvc_null", "--n", "50", NULL };

	if (lean > 0)
		return lean;
	qemu_run(r, "qemu-a72", "virt", extra);
	if (r->status != 0)
		fail_msg("vbench: %s", r->err);
	assert_int_equal(qemu_summary(r, &t), 0);
	lean = qemu_cell_long(&t, qemu_row(&t, "hvc_null"), "median");
	vb_csv_free(&t);
	return lean;
}

/* KVM's null call, in instructions (CNTVCT), against hyp-min lean's hvc_null median. */
static void test_kvm_vs_hyp_min(void **state)
{
	long kvm = (long)((value("cntvct=") << CNTVCT_INSTR_SHIFT) / NULL_HVC_CALLS),
	     lean = lean_hvc_null();

	(void)state;
	if (lean <= 0 || kvm < 20 * lean)
		fail_msg("KVM null HVC %ld instructions, hyp-min lean %ld: not 20 times", kvm,
			 lean);
}

/*
 * vbench run --mode kvm (twice): guest-min's kvm mode under KVM nested in
 * QEMU, every row verified by vbench as any run's.
 */
#define KVM_N "100"
/* two footprints keep the run short: the chase's pages are the memslot's first touches */
#define KVM_FOOTPRINTS "16k,1m"
static struct qemu_run kvm_runs[2], thp_run;
static struct vb_csv_table kvm_rows, thp_rows;
/* --clock ticks: native, hyp-min lean (twice, for compare) */
static struct qemu_run native_ticks, lean_ticks[2];
static struct vb_csv_table native_ticks_rows, lean_ticks_rows;
#define TICKS_ONLY "counter_overhead,hvc_null,sysreg_trap,mmio_read,virq_timer,tlb_miss_chase"

static void kvm_mode_run(struct qemu_run *r, const char *const *extra)
{
	qemu_run(r, "qemu-a72", "kvm", extra);
	if (r->status != 0)
		fail_msg("vbench run --mode kvm: %s", r->err);
}

static int kvm_mode_setup(void **state)
{
	const char *const extra[] = { "--n", KVM_N, "--footprints", KVM_FOOTPRINTS, NULL };
	/* vbench-vmm madvises the memslot MADV_NOHUGEPAGE: no 2 MiB pages, whatever the host's default */
	const char *const thp[] = {
		"--thp", "off", "--only", "tlb_miss_chase", "--footprints", "4m", "--n", "20", NULL
	};

	(void)state;
	kvm_mode_run(&kvm_runs[0], extra);
	kvm_mode_run(&kvm_runs[1], extra);
	kvm_mode_run(&thp_run, thp);
	return qemu_summary(&kvm_runs[0], &kvm_rows) || qemu_summary(&thp_run, &thp_rows);
}

/* native and hyp-min lean timed as kvm mode is: the rows they share with it, in its units */
static void ticks_run(struct qemu_run *r, const char *mode)
{
	const char *const extra[] = { "--clock", "ticks",	 "--only", TICKS_ONLY, "--n",
				      "50",	 "--footprints", "16k",	   NULL };

	qemu_run(r, "qemu-a72", mode, extra);
	if (r->status != 0)
		fail_msg("vbench run --mode %s --clock ticks: %s", mode, r->err);
}

static int kvm_mode_teardown(void **state)
{
	(void)state;
	vb_csv_free(&kvm_rows);
	vb_csv_free(&thp_rows);
	vb_csv_free(&native_ticks_rows);
	vb_csv_free(&lean_ticks_rows);
	return 0;
}

static const char *kvm_cell(const char *bench, const char *column);

/* The row of bench with variant (NULL: the first), or fail. */
static size_t kvm_variant_row(const struct vb_csv_table *t, const char *bench, const char *variant)
{
	for (size_t row = 1; row < t->nrows; row++)
		if (!strcmp(vb_csv_cell(t, row, "bench"), bench) &&
		    (!variant || !strcmp(vb_csv_cell(t, row, "variant"), variant)))
			return row;
	fail_msg("no %s %s row in the kvm run", bench, variant ? variant : "");
	return 0;
}

/*
 * The memory rows under KVM's stage 2: tlb_hit and the chases measured in
 * ticks per 1024 dependent loads; the chase's path length exact under icount
 * (the loads cost no more when they miss: QEMU has no timing model), so the
 * pages row, its block control and tlb_hit agree within a tick; each row
 * carries the memslot's backing read from vbench-vmm's smaps after it.
 */
static void test_kvm_mode_memory_rows(void **state)
{
	static const char *const rows[][2] = { { "tlb_hit", NULL },
					       { "tlb_miss_chase", "16384" },
					       { "tlb_miss_chase", "1048576" },
					       { "tlb_miss_chase_blocks", "16384" },
					       { "tlb_miss_chase_blocks", "1048576" } };
	long first = -1;

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		size_t row = kvm_variant_row(&kvm_rows, rows[i][0], rows[i][1]);
		long median = qemu_cell_long(&kvm_rows, row, "median");

		assert_string_equal(vb_csv_cell(&kvm_rows, row, "status"), "ok");
		assert_string_equal(vb_csv_cell(&kvm_rows, row, "unit"), "ticks/1024");
		/* 1024 loads and the loop around them: 3 instructions each, 16 a tick */
		if ((median << CNTVCT_INSTR_SHIFT) < 3 * 1024 ||
		    (median << CNTVCT_INSTR_SHIFT) > 4 * 1024)
			fail_msg("%s %s: %ld ticks/1024", rows[i][0], rows[i][1] ? rows[i][1] : "",
				 median);
		if (first < 0)
			first = median;
		assert_true(labs(median - first) <= 1);
		/* the memslot's backing: 4 KiB pages, and at least the chase's pages resident */
		assert_string_equal(vb_csv_cell(&kvm_rows, row, "memslot_page_kb"), "4");
		assert_true(atol(vb_csv_cell(&kvm_rows, row, "memslot_rss_kb")) >=
			    (rows[i][1] ? atol(rows[i][1]) / 1024 : 4));
		assert_string_equal(vb_csv_cell(&kvm_rows, row, "memslot_thp"), "default");
	}
	/* stage 1 re-mapped by the guest with blocks; stage 2 is KVM's, not in the name */
	assert_string_equal(vb_csv_cell(&kvm_rows,
					kvm_variant_row(&kvm_rows, "tlb_miss_chase", "16384"),
					"chase_mapping"),
			    "s1-4k");
	assert_string_equal(
		vb_csv_cell(&kvm_rows, kvm_variant_row(&kvm_rows, "tlb_miss_chase_blocks", "16384"),
			    "chase_mapping"),
		"s1-1g");
	/* what needs hyp-min's flush of stage 2 says so */
	assert_string_equal(kvm_cell("walk_full", "status"), "na");
	assert_string_equal(kvm_cell("walk_cache", "status"), "na");
}

/*
 * The memslot's backing is read, never assumed: without --thp, whatever the
 * nested host gave (its transparent_hugepage setting on the console); with
 * --thp off (MADV_NOHUGEPAGE), no huge page at all, and the chase's own
 * pages resident.
 */
static void test_kvm_mode_thp(void **state)
{
	size_t row = kvm_variant_row(&thp_rows, "tlb_miss_chase", "4194304");
	const char *dflt =
		vb_csv_cell(&kvm_rows, kvm_variant_row(&kvm_rows, "tlb_miss_chase", "1048576"),
			    "memslot_thp_kb");
	char path[600], line[256];
	FILE *f;
	int seen = 0;

	(void)state;
	assert_string_equal(vb_csv_cell(&thp_rows, row, "status"), "ok");
	assert_string_equal(vb_csv_cell(&thp_rows, row, "memslot_thp"), "off");
	assert_string_equal(vb_csv_cell(&thp_rows, row, "memslot_thp_kb"), "0");
	assert_true(atol(vb_csv_cell(&thp_rows, row, "memslot_rss_kb")) >= 4096);
	assert_true(*dflt && strspn(dflt, "0123456789") == strlen(dflt));
	/* the host's setting, as vbench-vmm read it from sysfs */
	snprintf(path, sizeof(path), "%s/console.log", kvm_runs[0].dir);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f))
		seen |= !strncmp(line, "vmm: thp_enabled ", 17) && strchr(line, '[');
	fclose(f);
	assert_true(seen);
	print_message("kvm: the host's default gave AnonHugePages %s kB after a 1 MiB chase; "
		      "--thp off 0 kB\n",
		      dflt);
}

static const char *kvm_cell(const char *bench, const char *column)
{
	size_t row = qemu_row(&kvm_rows, bench);

	if (!row)
		fail_msg("no %s row in the kvm run %s", bench, kvm_runs[0].dir);
	return vb_csv_cell(&kvm_rows, row, column);
}

/* The rows KVM expresses are measured in ticks; every other one is na with a reason. */
static void test_kvm_mode_rows(void **state)
{
	static const char *const measured[] = { "counter_overhead", "hvc_null",	  "sysreg_trap",
						"mmio_read",	    "mmio_write", "virq_timer",
						"virq_irq_line" };

	(void)state;
	for (size_t i = 0; i < sizeof(measured) / sizeof(measured[0]); i++) {
		/* the trap rows TRAP_BATCH calls a sample: a tick is 16 instructions here */
		bool batched = i >= 1 && i <= 4;

		assert_string_equal(kvm_cell(measured[i], "status"), "ok");
		assert_string_equal(kvm_cell(measured[i], "unit"), batched ? "ticks/64" : "ticks");
		assert_string_equal(kvm_cell(measured[i], "mode"), "kvm");
		assert_string_equal(kvm_cell(measured[i], "timer"), "cntvct");
	}
	for (size_t row = 1; row < kvm_rows.nrows; row++)
		assert_true(!strcmp(vb_csv_cell(&kvm_rows, row, "status"), "ok") ||
			    !strcmp(vb_csv_cell(&kvm_rows, row, "status"), "na"));
	assert_string_equal(kvm_cell("s2perm_none", "status"), "na");
	/* the host kernel, from vbench-vmm, as the nested boot says it */
	assert_non_null(strstr(console[0], "vmm-host: kernel "));
	assert_int_equal(strncmp(kvm_cell("hvc_null", "kernel"),
				 strstr(console[0], "vmm-host: kernel ") + 17,
				 strlen(kvm_cell("hvc_null", "kernel"))),
			 0);
}

/* KVM's counters over each row's samples: where each exit went. */
static void test_kvm_mode_stats(void **state)
{
	long n = atol(KVM_N);

	(void)state;
	/* the null SMCCC call: answered in the host kernel, one HVC exit each, none to the VMM */
	assert_int_equal(atol(kvm_cell("hvc_null", "stat_user_exits")), 0);
	assert_int_equal(atol(kvm_cell("hvc_null", "stat_hvc_exits")), TRAP_BATCH * n);
	/* the ID register: a trap KVM emulates in the kernel */
	assert_int_equal(atol(kvm_cell("sysreg_trap", "stat_user_exits")), 0);
	/* each MMIO access one exit to the VMM: the reads; the writes and the read checking the last */
	assert_int_equal(atol(kvm_cell("mmio_read", "stat_user_exits")), TRAP_BATCH * n);
	assert_int_equal(atol(kvm_cell("mmio_write", "stat_user_exits")), (TRAP_BATCH + 1) * n);
	/* KVM_IRQ_LINE: the guest's request, its handler lowering the line, the check after */
	assert_int_equal(atol(kvm_cell("virq_irq_line", "stat_user_exits")), 3 * n);
}

/*
 * KVM's hvc_null against hyp-min lean's, in instructions: only here, under
 * -icount shift=0, where CNTVCT ticks once per 16 instructions.
 */
static void test_kvm_mode_vs_hyp_min(void **state)
{
	long kvm = (atol(kvm_cell("hvc_null", "median")) << CNTVCT_INSTR_SHIFT) / TRAP_BATCH,
	     lean = lean_hvc_null();

	(void)state;
	if (lean <= 0 || kvm < 20 * lean)
		fail_msg("kvm mode's hvc_null %ld instructions, hyp-min lean %ld: not 20 times",
			 kvm, lean);
}

static const char *ticks_cell(const struct vb_csv_table *t, const char *bench, const char *col)
{
	size_t row = qemu_row(t, bench);

	if (!row)
		fail_msg("no %s row in a --clock ticks run", bench);
	return vb_csv_cell(t, row, col);
}

/*
 * --clock ticks: native and hyp-min lean run kvm mode's sample functions in its
 * units (the trap rows 64 calls a sample), so KVM is compared in one unit. Under
 * icount a tick is 16 instructions, so ticks/64 times 16/64 is instructions a call:
 * lean's hvc_null there is its cycles run's, within the loop around the call.
 */
static void test_ticks_clock_rows(void **state)
{
	long lean_ticks_hvc, kvm_hvc;

	(void)state;
	ticks_run(&native_ticks, "native");
	ticks_run(&lean_ticks[0], "virt");
	assert_int_equal(qemu_summary(&native_ticks, &native_ticks_rows), 0);
	assert_int_equal(qemu_summary(&lean_ticks[0], &lean_ticks_rows), 0);
	for (int w = 0; w < 3; w++) {
		const struct vb_csv_table *t = w == 0 ? &native_ticks_rows :
					       w == 1 ? &lean_ticks_rows :
							&kvm_rows;

		/* the same unit per row in every world */
		assert_string_equal(ticks_cell(t, "sysreg_trap", "unit"), "ticks/64");
		assert_string_equal(ticks_cell(t, "hvc_null", "unit"), "ticks/64");
		assert_string_equal(ticks_cell(t, "mmio_read", "unit"), "ticks/64");
		assert_string_equal(ticks_cell(t, "virq_timer", "unit"), "ticks");
		assert_string_equal(ticks_cell(t, "counter_overhead", "unit"), "ticks");
		assert_string_equal(ticks_cell(t, "sysreg_trap", "status"), "ok");
		assert_string_equal(ticks_cell(t, "sysreg_trap", "timer"), "cntvct");
		assert_string_equal(
			vb_csv_cell(t, kvm_variant_row(t, "tlb_miss_chase", "16384"), "unit"),
			"ticks/1024");
	}
	/* natively a hypercall and the emulated device still have no meaning */
	assert_string_equal(ticks_cell(&native_ticks_rows, "hvc_null", "status"), "na");
	assert_string_equal(ticks_cell(&native_ticks_rows, "mmio_read", "status"), "na");
	/* hyp-min's own null call (not KVM's SMCCC one, which hyp-min refuses) */
	assert_string_equal(ticks_cell(&lean_ticks_rows, "hvc_null", "status"), "ok");
	assert_string_equal(ticks_cell(&lean_ticks_rows, "mmio_read", "status"), "ok");
	lean_ticks_hvc =
		(atol(ticks_cell(&lean_ticks_rows, "hvc_null", "median")) << CNTVCT_INSTR_SHIFT) /
		TRAP_BATCH;
	if (labs(lean_ticks_hvc - lean_hvc_null()) > 3)
		fail_msg(
			"hyp-min lean hvc_null: %ld instructions a call in ticks/64, %ld in cycles",
			lean_ticks_hvc, lean_hvc_null());
	/* the ratio the report shows, in one unit: KVM's call at least 20 times lean's */
	kvm_hvc = atol(kvm_cell("hvc_null", "median"));
	if (kvm_hvc < 20 * atol(ticks_cell(&lean_ticks_rows, "hvc_null", "median")))
		fail_msg("kvm hvc_null %ld ticks/64, hyp-min lean %s: not 20 times", kvm_hvc,
			 ticks_cell(&lean_ticks_rows, "hvc_null", "median"));
	print_message("ticks/64: hvc_null kvm %ld, lean %s; sysreg_trap kvm %s, lean %s, native "
		      "%s\n",
		      kvm_hvc, ticks_cell(&lean_ticks_rows, "hvc_null", "median"),
		      kvm_cell("sysreg_trap", "median"),
		      ticks_cell(&lean_ticks_rows, "sysreg_trap", "median"),
		      ticks_cell(&native_ticks_rows, "sysreg_trap", "median"));
}

/*
 * compare: two runs in ticks compare row by row (deterministic: no change);
 * cycles against ticks is refused with the reason, never matched.
 */
static void test_ticks_clock_compare(void **state)
{
	char cmd[2400];
	const char *vbench = getenv("VBENCH") ? getenv("VBENCH") : VB_SRC_ROOT "/build/bin/vbench";

	(void)state;
	(void)lean_hvc_null();
	ticks_run(&lean_ticks[1], "virt");
	snprintf(cmd, sizeof(cmd), "%s compare %s %s | grep -q 'ticks/64 *no change'", vbench,
		 lean_ticks[0].dir, lean_ticks[1].dir);
	sh(cmd);
	snprintf(
		cmd, sizeof(cmd),
		"%s compare %s %s 2>&1 >/dev/null | grep -q 'cycles and ticks cannot be "
		"compared'; s=$?; %s compare %s %s >/dev/null 2>&1; test $? -eq 2 && test $s -eq 0",
		vbench, lean_run.dir, lean_ticks[0].dir, vbench, lean_run.dir, lean_ticks[0].dir);
	sh(cmd);
}

/* vbench report of the runs into dir/report; its index.html, malloc'd. */
static char *report_of(const char *dir, const char *runs)
{
	char cmd[3600], *html;
	FILE *f;
	long len;

	snprintf(cmd, sizeof(cmd), "%s report --out %s/report %s >/dev/null",
		 getenv("VBENCH") ? getenv("VBENCH") : VB_SRC_ROOT "/build/bin/vbench", dir, runs);
	sh(cmd);
	snprintf(cmd, sizeof(cmd), "%s/report/index.html", dir);
	f = fopen(cmd, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	html = calloc(1, (size_t)len + 1);
	assert_int_equal(fread(html, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	return html;
}

/* The summary's ticks table in html, cut at its end (html is changed), or fail. */
static const char *ticks_table(char *html)
{
	char *t = strstr(html, "timed with the virtual counter (ticks)"), *end;

	if (!t || !(end = strstr(t, "</table>")))
		fail_msg("no ticks table in the report's summary");
	*end = '\0';
	return t;
}

/* The summary row of bench in the table starting at table: "<tr><td>bench</td>...</tr>". */
static char *summary_tr(const char *table, const char *bench, char *buf, size_t len)
{
	char key[64];
	const char *p, *end;

	snprintf(key, sizeof(key), "<tr><td>%s</td>", bench);
	p = strstr(table, key);
	if (!p)
		fail_msg("no %s row in the summary table", bench);
	end = strstr(p, "</tr>");
	snprintf(buf, len, "%.*s", (int)(end - p), p);
	return buf;
}

/*
 * The report: runs timed in cycles (native, hyp-min lean) in one summary table,
 * KVM's (its host kernel in its world's name) in the ticks table, which says
 * "units differ" against native's cycles while no native run is in ticks; with
 * the --clock ticks runs of native and lean beside it, the ticks table has every
 * world's ratio to native in one unit, and KVM's chase is in the ticks TLB chart.
 */
static void test_kvm_mode_report(void **state)
{
	struct qemu_run native;
	const char *const extra[] = { "--only", "sysreg_trap,hvc_null", "--n", "20", NULL };
	char runs[3000], *html, head[200], tr[2000];
	const char *ticks;

	(void)state;
	(void)lean_hvc_null();
	qemu_run(&native, "qemu-a72", "native", extra);
	if (native.status != 0)
		fail_msg("vbench: %s", native.err);
	snprintf(runs, sizeof(runs), "%s %s %s", native.dir, lean_run.dir, kvm_runs[0].dir);
	html = report_of(native.dir, runs);
	snprintf(head, sizeof(head), "<th>kvm %s</th>", kvm_cell("hvc_null", "kernel"));
	if (!strstr(html, "<th>hyp-min lean</th>") || !strstr(html, "<th>native</th>"))
		fail_msg("no native and hyp-min lean in the report's summary");
	ticks = ticks_table(html);
	if (!strstr(ticks, head))
		fail_msg("no '%s' in a ticks table beside native and hyp-min lean", head);
	assert_null(strstr(ticks, "<th>native</th>")); /* no native run in ticks */
	assert_non_null(strstr(ticks, "units differ: ticks/64 vs cycles"));
	free(html);

	/* with native and lean in ticks: one unit, every world's ratio to native */
	snprintf(runs, sizeof(runs), "%s %s %s %s %s", native.dir, lean_run.dir, kvm_runs[0].dir,
		 native_ticks.dir, lean_ticks[0].dir);
	html = report_of(native.dir, runs);
	ticks = ticks_table(html);
	assert_non_null(strstr(ticks, "<th>native</th><th>hyp-min lean</th>"));
	assert_non_null(strstr(ticks, head));
	/* sysreg_trap: lean and KVM against native, each a difference and a ratio */
	summary_tr(ticks, "sysreg_trap", tr, sizeof(tr));
	if (!strstr(tr, "x)</td><td class=\"delta\">+") || !strstr(tr, "ticks/64") ||
	    strstr(tr, "units differ"))
		fail_msg("sysreg_trap in ticks without both ratios to native: %s", tr);
	summary_tr(ticks, "hvc_null", tr, sizeof(tr));
	assert_non_null(strstr(tr, "all (native na)"));
	assert_null(strstr(ticks, "units differ"));
	free(html);
	/* the chases of the three worlds in a ticks TLB chart, as measured */
	snprintf(runs, sizeof(runs), "grep -q '\"kvm ' %s/report/plots/tlb-ticks-qemu-a72.dat",
		 native.dir);
	sh(runs);
}

/* The nested boot and the kvm run repeat exactly: the same console, byte for byte. */
static void test_kvm_mode_deterministic(void **state)
{
	char a[600], b[600], cmd[1300];

	(void)state;
	snprintf(a, sizeof(a), "%s/console.log", kvm_runs[0].dir);
	snprintf(b, sizeof(b), "%s/console.log", kvm_runs[1].dir);
	snprintf(cmd, sizeof(cmd), "cmp -s %s %s", a, b);
	sh(cmd);
}

/* -icount shift=0,sleep=off: the whole nested boot and run repeat exactly. */
static void test_kvm_deterministic(void **state)
{
	(void)state;
	assert_string_equal(console[0], console[1]);
}

/* The same self-test on a GICv2 host (as a GIC-400 board's): vbench-vmm's vGICv2. */
static void test_kvm_gicv2(void **state)
{
	static char out[65536];
	char dir[400], cmd[4096], initrd[600];
	const char *b = build_dir();

	(void)state;
	snprintf(dir, sizeof(dir), "%s/vbench-kvm2-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "sed 's/--gicv3 0x08000000:0x080a0000/--gicv2 0x08000000:0x08010000/' "
		 "%s/vbench-vmm/selftest.args >%s/vmm.args && grep -q gicv2 %s/vmm.args && "
		 "%s/vbench-vmm/initramfs.sh %s/v2.cpio.gz %s/kvm/busybox %s/vbench-vmm/init.sh "
		 "%s/kvm/vbench-vmm %s/kvm/selftest.bin %s/vmm.args",
		 VB_SRC_ROOT, dir, dir, VB_SRC_ROOT, dir, b, VB_SRC_ROOT, b, b, dir);
	sh(cmd);
	snprintf(initrd, sizeof(initrd), "%s/v2.cpio.gz", dir);
	boot_gic(2, initrd, out, sizeof(out));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	sh(cmd);
	if (!strstr(out, "vmm-selftest: ok\n") || !strstr(out, "vmm-host: exit 0"))
		fail_msg("self-test under a vGICv2 did not pass:\n%s", out);
	/* the same guest: the same exits to user space and HVC exits as under the vGICv3 */
	for (int i = 0; i < 2; i++) {
		const char *key = i ? "vmm: stat mmio_exit_user " : "vmm: stat hvc_exit_stat ";
		const char *v2 = strstr(out, key), *v3 = strstr(console[0], key);

		assert_non_null(v2);
		assert_non_null(v3);
		assert_int_equal(strtoull(v2 + strlen(key), NULL, 10),
				 strtoull(v3 + strlen(key), NULL, 10));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kvm_vmm_runs_guest),
		cmocka_unit_test(test_kvm_exit_attribution),
		cmocka_unit_test(test_kvm_pmccntr_excludes_host),
		cmocka_unit_test(test_kvm_vs_hyp_min),
		cmocka_unit_test(test_kvm_deterministic),
		cmocka_unit_test(test_kvm_gicv2),
	};

	const struct CMUnitTest mode_tests[] = {
		cmocka_unit_test(test_kvm_mode_rows),
		cmocka_unit_test(test_kvm_mode_stats),
		cmocka_unit_test(test_kvm_mode_memory_rows),
		cmocka_unit_test(test_kvm_mode_thp),
		cmocka_unit_test(test_kvm_mode_vs_hyp_min),
		cmocka_unit_test(test_ticks_clock_rows),
		cmocka_unit_test(test_ticks_clock_compare),
		cmocka_unit_test(test_kvm_mode_deterministic),
		cmocka_unit_test(test_kvm_mode_report),
	};

	return cmocka_run_group_tests_name("kvm", tests, setup, NULL) |
	       cmocka_run_group_tests_name("kvm mode", mode_tests, kvm_mode_setup,
					   kvm_mode_teardown);
}
