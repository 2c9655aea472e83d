/*
 * vbench run and launches beyond QEMU's: a suite's boots and native runs, and
 * launch = kvm through a target's remote prefix (fake VMM, fake root).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"

static const uint64_t vals[] = { 30, 31, 29, 30 };

/* A suite's native runs: one per stage-1 configuration, however it is written. */
static void test_suite_native_once(void **state)
{
	struct vbt_fake_cli c;
	char *p;

	(void)state;
	vbt_fake_cli_setup(&c);
	p = vb_xasprintf("%s/bench/suites", c.root);
	mkdir(p, 0777);
	free(p);
	p = vb_xasprintf("%s/bench/suites/s.suite", c.root);
	vbt_write(p, "only = counter_overhead\nconfig = 4k:4k:wb 4k\nconfig = 4k 4k:2m\n");
	free(p);
	vbt_fake_cli_run(
		&c,
		"run --suite s --target fake --boot-per-config --root %s --build %s --results %s/res",
		c.root, c.build, c.root);
	/* the fake console does not verify: every run fails, but each is announced */
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "[1/3] fake virt s1-4k_s2-4k");
	vbt_contains(c.err, "[2/3] fake native s1-4k");
	vbt_contains(c.err, "[3/3] fake virt s1-4k_s2-4k-2m");
	vbt_contains(c.err, "in 3 boots");
	/* how a suite boots is a suite's choice, made once */
	vbt_fake_cli_run(&c, "run --target fake --one-boot --root %s --build %s", c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "they need --suite");
	vbt_fake_cli_run(
		&c, "run --suite s --target fake --one-boot --boot-per-config --root %s --build %s",
		c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "exclude each other");
	vbt_fake_cli_teardown(&c);
}

/*
 * launch = kvm: vbench copies vbench-vmm, the image and params.bin to the KVM
 * host through the target's remote prefix and reads the VMM's stdout. Here
 * the prefix is a local shell that marks its environment, and the VMM a
 * script that checks what arrived and prints a console.
 */
static void test_run_launch_kvm(void **state)
{
	struct vbt_fake_cli c;
	struct vbt_gen g = { 0 };
	char *p, *out, *text;

	(void)state;
	vbt_fake_cli_setup(&c);
	p = vb_xasprintf("%s/bench/targets/fakekvm.conf", c.root);
	vbt_write(p, "arch = armv8\ncpu = cortex-a72\nram_base = 0x40000000\n"
		     "ram_size = 0x80000000\ntest_base = 0x80000000\ntest_size = 0x40000000\n"
		     "uart = pl011\nuart_base = 0x09000000\n"
		     "gic_version = 3\ngicd_base = 0x08000000\ngicd_size = 0x10000\n"
		     "gicr_base = 0x080a0000\ngicr_size = 0x20000\nvdev_ipa = 0x0c000000\n"
		     "emulated = no\nlaunch = kvm\nremote = env VB_TEST_REMOTE=yes sh -c\n");
	free(p);
	p = vb_xasprintf("%s/fakekvm", c.build);
	mkdir(p, 0777);
	free(p);
	p = vb_xasprintf("%s/fakekvm/native.bin", c.build);
	vbt_write(p, "IMG");
	free(p);
	p = vb_xasprintf("%s/kvm", c.build);
	mkdir(p, 0777);
	free(p);
	p = vb_xasprintf("%s/kvm/vbench-vmm", c.build);
	text = vb_xasprintf("#!/bin/sh\n"
			    "[ \"$VB_TEST_REMOTE\" = yes ] || exit 3\n"
			    "[ \"$(cat native.bin)\" = IMG ] && [ -s params.bin ] || exit 4\n"
			    "echo \"$@\" >%s/vmm-args\n"
			    "cat %s/console\n",
			    c.root, c.root);
	vbt_write(p, text);
	free(text);
	free(p);
	vbt_begin(&g, "fakekvm", "kvm", "pmu", 1);
	vbt_result(&g, "hvc_null", vals, 4);
	vbt_end(&g);
	vbt_fake_console(c.root, g.b.s, "exit 0");
	vbt_free(&g);
	vbt_fake_cli_run(&c, "run --target fakekvm --mode virt --root %s --build %s", c.root,
			 c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "launch = kvm runs guest-min under KVM: it needs --mode kvm");
	vbt_fake_cli_run(&c, "run --target fakekvm --mode kvm --deterministic --root %s --build %s",
			 c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "--deterministic needs launch = qemu");
	out = vb_xasprintf("%s/run", c.root);
	vbt_fake_cli_run(&c, "run --target fakekvm --mode kvm --root %s --build %s --out %s",
			 c.root, c.build, out);
	if (c.status)
		fail_msg("vbench run: %s", c.err);
	text = vbt_file_in(c.root, "vmm-args");
	vbt_contains(text, "--ram 0x40000000:0x80000000 --image native.bin@0x40800000 "
			   "--image params.bin@0xbffff000 --uart 0x9000000 --vdev 0xc000000 "
			   "--gicv3 0x8000000:0x80a0000 --pmu --stats");
	free(text);
	text = vbt_file_in(out, "meta.csv");
	vbt_contains(text, "\"launch\",\"kvm\"");
	vbt_contains(text, "env VB_TEST_REMOTE=yes sh -c");
	free(text);
	free(out);
	/* --thp: vbench-vmm's madvise of the memslot, kvm mode only, on or off */
	out = vb_xasprintf("%s/run-thp", c.root);
	vbt_fake_cli_run(&c,
			 "run --target fakekvm --mode kvm --thp off --root %s --build %s --out %s",
			 c.root, c.build, out);
	if (c.status)
		fail_msg("vbench run --thp off: %s", c.err);
	text = vbt_file_in(c.root, "vmm-args");
	vbt_contains(text, "--pmu --stats --thp off");
	free(text);
	free(out);
	vbt_fake_cli_run(&c, "run --target fakekvm --mode kvm --thp maybe --root %s --build %s",
			 c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "--thp maybe: expected on or off");
	vbt_fake_cli_run(&c, "run --target fakekvm --mode native --thp on --root %s --build %s",
			 c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "--thp is vbench-vmm's: it needs --mode kvm");
	/* --clock: native and hyp-min's timer; kvm mode counts ticks whatever is asked */
	vbt_fake_cli_run(&c, "run --target fakekvm --mode kvm --clock ticks --root %s --build %s",
			 c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "--clock chooses native and hyp-min's timer");
	vbt_fake_cli_run(&c, "run --target fakekvm --mode native --clock wall --root %s --build %s",
			 c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "--clock wall: expected cycles or ticks");
	vbt_fake_cli_teardown(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suite_native_once),
		cmocka_unit_test(test_run_launch_kvm),
	};

	return cmocka_run_group_tests_name("cli_launch", tests, NULL, NULL);
}
