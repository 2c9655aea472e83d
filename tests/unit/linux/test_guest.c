/*
 * vbench-linux's in_guest rule (vbench-linux/guest.c), built for the host,
 * over fixture trees under a temporary root: the files the nested host
 * kernel and vbench-vmm's KVM guest show (as seen in `vbench run --mode
 * linux` and `--guest kvm`), Xen's, and trees that prove nothing.
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

#include "helpers.h"
#include "../../../vbench-linux/vl.h"

/* root/rel holding len bytes of data (device-tree properties end in NUL), folders made. */
static void put(const char *root, const char *rel, const char *data, size_t len)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = 0;
		mkdir(path, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
}

#define PUT(root, rel, lit)  put(root, rel, lit, sizeof(lit) - 1)
#define PROP(root, rel, lit) put(root, rel, lit, sizeof(lit)) /* with its NUL */

struct verdict {
	char v[16], why[256];
};

static struct verdict decide(const char *root, const char *klog)
{
	struct vl_guest_seen s;
	struct verdict d;

	vl_guest_read(root, klog, &s);
	vl_guest_decide(&s, d.v, sizeof(d.v), d.why, sizeof(d.why));
	return d;
}

static int setup(void **state)
{
	*state = vbt_tmpdir();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	vbt_rmdir(*state);
	return 0;
}

/* Debian's kernel on QEMU virt with virtualization=on: KVM owns EL2, PSCI through SMC. */
static const char host_log[] =
	"[    0.000000] Booting Linux on physical CPU 0x0000000000 [0x410fd083]\n"
	"[    0.061223] CPU: All CPU(s) started at EL2\n"
	"[    0.512345] kvm [1]: Hyp mode initialized successfully\n";
/* the same kernel as vbench-vmm's guest: booted at EL1, KVM finds no EL2 */
static const char guest_log[] = "[    0.058000] CPU: All CPU(s) started at EL1\n"
				"[    0.410000] kvm [1]: HYP mode not available\n";

static void test_nested_host(void **state)
{
	const char *r = *state;
	struct verdict d;

	PUT(r, "/dev/kvm", "");
	PROP(r, "/proc/device-tree/psci/method", "smc");
	put(r, "/proc/device-tree/compatible", "linux,dummy-virt\0", 17);
	d = decide(r, host_log);
	assert_string_equal(d.v, "no");
	assert_string_equal(d.why, "dev_kvm+kvm_hyp_initialized+booted_el2+psci_smc+"
				   "compatible_linux_dummy-virt");
	/* without the log (dmesg_restrict, not root): /dev/kvm alone says it */
	d = decide(r, NULL);
	assert_string_equal(d.v, "no");
	assert_string_equal(d.why, "dev_kvm+kernel_log_unreadable+psci_smc+"
				   "compatible_linux_dummy-virt");
}

static void test_host_without_dev_kvm(void **state)
{
	const char *r = *state;
	struct verdict d;

	/* no devtmpfs: the log still shows a kernel that booted at EL2 and started KVM there */
	PROP(r, "/proc/device-tree/psci/method", "smc");
	d = decide(r, host_log);
	assert_string_equal(d.v, "no");
	assert_string_equal(d.why, "no_dev_kvm+kvm_hyp_initialized+booted_el2+psci_smc");
}

static void test_kvm_guest(void **state)
{
	const char *r = *state;
	struct verdict d;

	PROP(r, "/proc/device-tree/psci/method", "hvc");
	/* two compatible strings: the first one is kept, its ',' made '_' */
	put(r, "/proc/device-tree/compatible", "vbench,vbench-vmm\0linux,dummy-virt\0", 35);
	d = decide(r, guest_log);
	assert_string_equal(d.v, "yes");
	assert_string_equal(d.why, "no_dev_kvm+booted_el1+psci_hvc+compatible_vbench_vbench-vmm");
	d = decide(r, NULL);
	assert_string_equal(d.v, "yes");
	assert_string_equal(d.why, "no_dev_kvm+kernel_log_unreadable+psci_hvc+"
				   "compatible_vbench_vbench-vmm");
}

static void test_xen(void **state)
{
	const char *r = *state;
	struct verdict d;

	PROP(r, "/proc/device-tree/hypervisor/compatible", "xen,xen");
	PROP(r, "/proc/device-tree/psci/method", "hvc");
	/* the node alone (no /sys/hypervisor: xenfs' sysfs not there) */
	d = decide(r, NULL);
	assert_string_equal(d.v, "yes");
	assert_string_equal(
		d.why, "device_tree_hypervisor_node+no_dev_kvm+kernel_log_unreadable+psci_hvc");
	PUT(r, "/sys/hypervisor/type", "xen\n");
	d = decide(r, NULL);
	assert_string_equal(d.v, "yes");
	assert_string_equal(d.why, "sys_hypervisor_xen+no_dev_kvm+kernel_log_unreadable+psci_hvc");
}

static void test_no_proof(void **state)
{
	const char *r = *state;
	struct verdict d;

	/* nothing at all (no /proc, /sys, /dev mounted) */
	d = decide(r, NULL);
	assert_string_equal(d.v, "unknown");
	assert_string_equal(d.why, "no_dev_kvm+kernel_log_unreadable+psci_none");
	/* firmware at EL3 and a kernel without KVM: a host, or a guest whose hypervisor passes SMC */
	PROP(r, "/proc/device-tree/psci/method", "smc");
	d = decide(r, NULL);
	assert_string_equal(d.v, "unknown");
	assert_string_equal(d.why, "no_dev_kvm+kernel_log_unreadable+psci_smc");
	/* booted at EL1 with SMC: EL2 was not given to this kernel, by a hypervisor or firmware */
	d = decide(r, guest_log);
	assert_string_equal(d.v, "unknown");
	assert_string_equal(d.why, "no_dev_kvm+booted_el1+psci_smc");
	/* an empty type file is no evidence */
	PUT(r, "/sys/hypervisor/type", "");
	d = decide(r, "nothing of interest\n");
	assert_string_equal(d.v, "unknown");
	assert_string_equal(d.why, "no_dev_kvm+psci_smc");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_nested_host, setup, teardown),
		cmocka_unit_test_setup_teardown(test_host_without_dev_kvm, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kvm_guest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_proof, setup, teardown),
	};

	return cmocka_run_group_tests_name("linux_guest", tests, NULL, NULL);
}
