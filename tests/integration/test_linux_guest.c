/*
 * vbench run --mode linux --guest kvm on qemu-a72 (docs/linux.md): the nested
 * kernel's /init runs vbench-vmm, which boots the same kernel as a KVM guest
 * (L2 at EL1 under the nested kernel's KVM at EL2, all in QEMU with -icount
 * shift=0), and vbench-linux runs there; its records come back through the
 * VMM's PL011 and stdout and are verified as the host run's are. Checked:
 * in_guest=yes with its evidence (test_linux.c checks the host's no), 4 KiB,
 * THP and 2 MiB hugetlbfs verified from smaps in the guest, cycles equal
 * instructions, two boots give the same minima and medians.
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

/* --timeout: the boot takes about 25 s here; room for a loaded machine */
static const char *const extra[] = { "--guest",	     "kvm",	  "--n",
				     "20",	     "--warmup",  "2",
				     "--footprints", "16k,1m,4m", "--timeout",
				     "240",	     NULL };

static int setup(void **state)
{
	(void)state;
	for (int i = 0; i < 2; i++)
		if (qemu_run(&runs[i], "qemu-a72", "linux", extra) || runs[i].status) {
			fprintf(stderr, "vbench run --mode linux --guest kvm: status %d: %s\n",
				runs[i].status, runs[i].err);
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

/* The run went through the VMM: the host's line, then the guest's, on the console. */
static void test_guest_run_verified(void **state)
{
	(void)state;
	assert_non_null(strstr(meta, "\"launch\",\"linux-qemu-kvm-guest\""));
	assert_non_null(strstr(meta, "\"linux_guest\",\"kvm\""));
	assert_non_null(strstr(meta, "\"begin.mode\",\"linux\""));
	assert_non_null(strstr(meta, "\"begin.kernel\",\"6."));
	/* the guest sees the host's MIDR: KVM passes the Cortex-A72's through */
	assert_non_null(strstr(meta, "\"begin.midr\",\"0x00000000410fd083\""));
	/* the nested host's /init started the VMM, then the guest's /init ran (the console
	 * of the run folder ends at the end record: the power-offs after it are not kept) */
	assert_non_null(strstr(console, "vmm-host: kernel 6."));
	assert_non_null(strstr(console, "vbench-linux-init: kernel 6."));
	assert_true(strstr(console, "vmm-host: kernel") < strstr(console, "vbench-linux-init:"));
	assert_true(strstr(console, "vbench-linux-init:") < strstr(console, "@vb1 g 0 begin "));
	assert_string_equal(vb_csv_cell(&sum, row("counter_overhead", "linux", ""), "clock"),
			    "icount");
}

/* Guest detection from what the guest shows: PSCI through HVC, no /dev/kvm, booted at EL1. */
static void test_guest_detected(void **state)
{
	(void)state;
	assert_non_null(strstr(meta, "\"begin.in_guest\",\"yes\""));
	assert_non_null(strstr(meta, "\"begin.guest_evidence\",\"no_dev_kvm+booted_el1+psci_hvc+"
				     "compatible_vbench_vbench-vmm\""));
}

/* The guest's 768 MiB are enough for THP (off below 512 MiB) and the 2 MiB pool. */
static void test_guest_mappings_verified(void **state)
{
	static const struct {
		const char *config, *mapping, *kernel_kb, *huge_kb;
	} want[] = {
		{ "linux-4k", "s1-4k", "4", "0" },
		{ "linux-thp", "s1-2m", "4", "4096" },
		{ "linux-2m", "s1-2m", "2048", "0" },
	};
	static const char *const variants[] = { "", "16384", "1048576", "4194304" };

	(void)state;
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		for (size_t v = 0; v < 4; v++) {
			size_t r =
				row(v ? "tlb_miss_chase" : "tlb_hit", want[i].config, variants[v]);
			const char *rec, *eol, *at;
			char key[200];

			assert_string_equal(vb_csv_cell(&sum, r, "status"), "ok");
			assert_string_equal(vb_csv_cell(&sum, r, "chase_mapping"), want[i].mapping);
			/* the guest's own record line says how smaps saw the buffer */
			if (v)
				snprintf(key, sizeof(key),
					 "result bench=tlb_miss_chase config=%s variant=%s "
					 "footprint=%s unit=cycles/1024 chase_mapping=%s ",
					 want[i].config, variants[v], variants[v], want[i].mapping);
			else
				snprintf(key, sizeof(key),
					 "result bench=tlb_hit config=%s unit=cycles/1024 "
					 "chase_mapping=%s ",
					 want[i].config, want[i].mapping);
			rec = strstr(console, key);
			if (!rec)
				fail_msg("no record '%s' on the console", key);
			snprintf(key, sizeof(key),
				 " verified=smaps smaps_kernel_page_kb=%s smaps_anon_huge_kb=%s ",
				 want[i].kernel_kb, want[i].huge_kb);
			eol = strchr(rec, '\n');
			at = strstr(rec, key);
			if (!at || (eol && at > eol))
				fail_msg("%s/%s[%s]: no '%s' in its record",
					 v ? "tlb_miss_chase" : "tlb_hit", want[i].config,
					 variants[v], key);
		}
	/* cycles are instructions under -icount, in the guest as on the host */
	for (size_t i = 0; i < 3; i++) {
		size_t r = row("tlb_hit", want[i].config, "");

		assert_int_equal(qemu_cell_long(&sum, r, "median"),
				 qemu_cell_long(&sum, r, "inst_retired"));
	}
}

/* Two boots of the whole stack give every row the same min and median (as test_linux.c). */
static void test_guest_deterministic(void **state)
{
	struct vb_csv_table other;

	(void)state;
	assert_int_equal(qemu_summary(&runs[1], &other), 0);
	assert_int_equal(other.nrows, sum.nrows);
	for (size_t r = 1; r < sum.nrows; r++) {
		assert_string_equal(vb_csv_cell(&sum, r, "bench"), vb_csv_cell(&other, r, "bench"));
		assert_string_equal(vb_csv_cell(&sum, r, "config"),
				    vb_csv_cell(&other, r, "config"));
		assert_string_equal(vb_csv_cell(&sum, r, "variant"),
				    vb_csv_cell(&other, r, "variant"));
		assert_string_equal(vb_csv_cell(&sum, r, "status"),
				    vb_csv_cell(&other, r, "status"));
		assert_string_equal(vb_csv_cell(&sum, r, "min"), vb_csv_cell(&other, r, "min"));
		assert_string_equal(vb_csv_cell(&sum, r, "median"),
				    vb_csv_cell(&other, r, "median"));
	}
	vb_csv_free(&other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guest_run_verified),
		cmocka_unit_test(test_guest_detected),
		cmocka_unit_test(test_guest_mappings_verified),
		cmocka_unit_test(test_guest_deterministic),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
