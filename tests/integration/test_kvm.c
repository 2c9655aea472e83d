/*
 * vbench-vmm under Linux KVM, nested in QEMU (docs/kvm.md): Debian's arm64
 * kernel (scripts/fetch-kvm.sh) boots at EL2 under qemu-system-aarch64 -M
 * virt,virtualization=on with -icount shift=0,sleep=off, and its initramfs's
 * /init runs vbench-vmm on vbench-vmm/selftest.S. Checked: the guest's console
 * and vdev work through the VMM; KVM answers null HVCs in the kernel (no exit
 * to user space) while each MMIO access is one; PMCCNTR under KVM does not
 * count the host (so kvm rows are timed with CNTVCT); a KVM round trip is at
 * least 20 times hyp-min lean's hvc_null; the boot is deterministic.
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

/*
 * guest-min's native image for qemu-a72, unchanged, under KVM through
 * vbench-vmm (its run parameters from vbench lava job, which writes them to a
 * file): every record verifies as vbench run's would. The rows are native-mode
 * rows timed with PMCCNTR, which under KVM does not count the host: this
 * checks the VMM's loading, console and shutdown, not a kvm column.
 */
static void test_kvm_guest_min_records(void **state)
{
	static char out[1 << 20];
	char dir[400], cmd[8192], initrd[600];
	const char *b = build_dir(),
		   *vb = getenv("VBENCH") ? getenv("VBENCH") : VB_SRC_ROOT "/build/bin/vbench";
	FILE *f;
	struct vb_csv_table t;
	struct qemu_run run = { 0 };

	(void)state;
	snprintf(dir, sizeof(dir), "%s/vbench-kvm-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(cmd, sizeof(cmd),
		 "%s lava job --target qemu-a72 --mode native --deterministic "
		 "--only counter_overhead,sysreg_trap,hvc_null,mmio_read --n 50 --jobs %s/jobs "
		 "--image-url file:///unused --params-url file:///unused >/dev/null && "
		 "cp %s/jobs/qemu-a72-native.params.bin %s/params.bin && "
		 "echo '--ram 0x40000000:0x80000000 --image /native.bin@0x40800000 "
		 "--image /params.bin@0xbffff000 --uart 0x09000000 --vdev 0x0c000000 "
		 "--gicv3 0x08000000:0x080a0000 --pmu --stats' >%s/vmm.args && "
		 "%s/vbench-vmm/initramfs.sh %s/guest.cpio.gz %s/kvm/busybox %s/vbench-vmm/init.sh "
		 "%s/kvm/vbench-vmm %s/qemu-a72/native.bin %s/params.bin %s/vmm.args",
		 vb, dir, dir, dir, dir, VB_SRC_ROOT, dir, b, VB_SRC_ROOT, b, b, dir, dir);
	sh(cmd);
	snprintf(initrd, sizeof(initrd), "%s/guest.cpio.gz", dir);
	boot(initrd, out, sizeof(out));
	snprintf(cmd, sizeof(cmd), "%s/console.log", dir);
	f = fopen(cmd, "w");
	assert_non_null(f);
	fputs(out, f);
	fclose(f);
	if (!strstr(out, "vmm: system_off") || !strstr(out, "vmm-host: exit 0"))
		fail_msg("guest-min under KVM did not end with SYSTEM_OFF:\n%s", out);
	snprintf(cmd, sizeof(cmd), "%s parse %s/console.log --out %s/run >/dev/null", vb, dir, dir);
	sh(cmd);
	snprintf(run.dir, sizeof(run.dir), "%s/run", dir);
	assert_int_equal(qemu_summary(&run, &t), 0);
	assert_string_equal(vb_csv_cell(&t, qemu_row(&t, "counter_overhead"), "status"), "ok");
	assert_string_equal(vb_csv_cell(&t, qemu_row(&t, "sysreg_trap"), "status"), "ok");
	vb_csv_free(&t);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (!getenv("VBENCH_KEEP_TEST_RUNS"))
		sh(cmd);
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

/* KVM's null call, in instructions (CNTVCT), against hyp-min lean's hvc_null median. */
static void test_kvm_vs_hyp_min(void **state)
{
	struct qemu_run r;
	struct vb_csv_table t;
	const char *const extra[] = { "--only", "hvc_null", "--n", "50", NULL };
	long kvm = (long)((value("cntvct=") << CNTVCT_INSTR_SHIFT) / NULL_HVC_CALLS), lean;

	(void)state;
	qemu_run(&r, "qemu-a72", "virt", extra);
	if (r.status != 0)
		fail_msg("vbench: %s", r.err);
	assert_int_equal(qemu_summary(&r, &t), 0);
	lean = qemu_cell_long(&t, qemu_row(&t, "hvc_null"), "median");
	vb_csv_free(&t);
	if (lean <= 0 || kvm < 20 * lean)
		fail_msg("KVM null HVC %ld instructions, hyp-min lean %ld: not 20 times", kvm,
			 lean);
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
		cmocka_unit_test(test_kvm_guest_min_records),
		cmocka_unit_test(test_kvm_gicv2),
	};

	return cmocka_run_group_tests_name("kvm", tests, setup, NULL);
}
