/*
 * What the images assume about how they were started is checked at boot
 * (docs/design.md, "Boot"): started at the wrong level or mode, or loaded
 * away from their link address, they report an error record naming the
 * assumption and the run fails at once, not by a timeout.
 *  - QEMU without virtualization=on starts a CPU at EL1 / in SVC mode,
 *    with secure=on at EL3 (AArch64);
 *  - a raw image given to -kernel is loaded as a Linux kernel, above the
 *    start of RAM (0x80000 on AArch64, 0x10000 on AArch32);
 *  - a small loader stand-in (stub_mmu_on.S) turns the MMU on first.
 * Each case runs vbench with a copy of the target file (--root) or of the
 * image (--build) changed that one way.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "qemu_run.h"

struct target_case {
	const char *target;
	int aarch64;
	const char *hyp_level_msg; /* hyp-min's message when not started at EL2 / in Hyp mode */
};

static const struct target_case a15 = { "qemu-a15", 0, "msg=not_started_in_hyp_mode mode=0x13" };
static const struct target_case a53 = { "qemu-a53", 1, "msg=not_started_at_el2 el=0x1" };
static const struct target_case a72 = { "qemu-a72", 1, "msg=not_started_at_el2 el=0x1" };

static void spit(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		fail_msg("cannot write %s", path);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The copies go once the case is done (VBENCH_KEEP_TEST_RUNS keeps them, as for runs). */
static void remove_dir(char *dir)
{
	if (!getenv("VBENCH_KEEP_TEST_RUNS"))
		nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

static char *fresh_dir(const char *what)
{
	char *d = malloc(512);

	snprintf(d, 512, "%s/vbench-entry-%s-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
		 what);
	assert_non_null(mkdtemp(d));
	return d;
}

/* A source root whose target file has `from` replaced by `to` in its QEMU line. */
static char *root_with(const char *target, const char *from, const char *to)
{
	char *root = fresh_dir("root"), path[700], *conf, *at, *out;

	snprintf(path, sizeof(path), "%s/bench", root);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/bench/targets", root);
	assert_int_equal(mkdir(path, 0755), 0);
	snprintf(path, sizeof(path), "%s/bench/targets/%s.conf", VB_SRC_ROOT, target);
	conf = qemu_file_must(path);
	at = strstr(conf, from);
	if (!at)
		fail_msg("%s has no '%s'", path, from);
	out = calloc(1, strlen(conf) + strlen(to) + 1);
	memcpy(out, conf, (size_t)(at - conf));
	strcat(out, to);
	strcat(out, at + strlen(from));
	snprintf(path, sizeof(path), "%s/bench/targets/%s.conf", root, target);
	spit(path, out, strlen(out));
	free(conf);
	free(out);
	return root;
}

/* vbench run with the extra options; it must fail with `want` in its message, not time out. */
static void expect_entry_error(const char *target, const char *mode, const char *const *extra,
			       const char *want)
{
	struct qemu_run r;

	assert_int_equal(qemu_run(&r, target, mode, extra), 0);
	if (r.status == 0)
		fail_msg("%s %s: the run passed; expected an entry error '%s'", target, mode, want);
	if (!strstr(r.err, "kind=entry") || !strstr(r.err, want))
		fail_msg("%s %s: expected an entry error '%s', got: %s", target, mode, want, r.err);
	if (strstr(r.err, "timeout") || strstr(r.err, "timed out"))
		fail_msg("%s %s: reported only after a timeout: %s", target, mode, r.err);
}

static const char *build_dir(void)
{
	return getenv("VBENCH_BUILD") ? getenv("VBENCH_BUILD") : VB_SRC_ROOT "/build";
}

/* hyp-min at EL1 / in SVC mode: named, at once. guest-min alone there is a valid native run. */
static void test_hyp_at_el1(void **state)
{
	const struct target_case *c = *state;
	char *root = root_with(c->target, "virtualization=on,", "");
	const char *const extra[] = { "--root",	   root, "--build", build_dir(),
				      "--timeout", "30", NULL };
	const char *const native[] = { "--root",	   root, "--build", build_dir(), "--only",
				       "counter_overhead", NULL };
	struct qemu_run r;

	expect_entry_error(c->target, "virt", extra, c->hyp_level_msg);
	assert_int_equal(qemu_run(&r, c->target, "native", native), 0);
	if (r.status != 0)
		fail_msg("%s native at EL1: exited %d: %s", c->target, r.status, r.err);
	remove_dir(root);
}

/* AArch64 at EL3 (secure=on): neither image may run there. */
static void test_at_el3(void **state)
{
	const struct target_case *c = *state;
	char *root;

	if (!c->aarch64) {
		print_message("%s: secure=on starts AArch32 in Secure SVC mode, which is not told "
			      "apart from SVC\n",
			      c->target);
		skip();
	}
	root = root_with(c->target, "virtualization=on", "secure=on");
	const char *const extra[] = { "--root",	   root, "--build", build_dir(),
				      "--timeout", "30", NULL };
	expect_entry_error(c->target, "virt", extra, "msg=not_started_at_el2 el=0x3");
	expect_entry_error(c->target, "native", extra, "msg=not_started_at_el1_or_el2 el=0x3");
	remove_dir(root);
}

/* The raw images as -kernel: QEMU loads them as a Linux kernel, not at their link address. */
static void test_wrong_load_address(void **state)
{
	const struct target_case *c = *state;
	char *build = fresh_dir("build"), path[700];
	const char *const modes[] = { "virt", "native" };
	const char *const extra[] = { "--root",	   VB_SRC_ROOT, "--build", build,
				      "--timeout", "30",	NULL };

	snprintf(path, sizeof(path), "%s/%s", build, c->target);
	assert_int_equal(mkdir(path, 0755), 0);
	for (int m = 0; m < 2; m++) {
		char *bin;
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s/%s.bin", build_dir(), c->target, modes[m]);
		assert_int_equal(stat(path, &st), 0);
		bin = qemu_file_must(path);
		snprintf(path, sizeof(path), "%s/%s/%s.elf", build, c->target, modes[m]);
		spit(path, bin, (size_t)st.st_size); /* not an ELF: vbench passes it as -kernel */
		free(bin);
		expect_entry_error(c->target, modes[m], extra, "msg=not_loaded_at_link_address");
	}
	remove_dir(build);
}

/*
 * A loader that leaves the EL2 MMU and caches on: tests/integration/
 * stub_mmu_on.S, built here around each image (AArch64 only), starts it so.
 */
static void test_entered_with_mmu_on(void **state)
{
	const struct target_case *c = *state;
	const char *const modes[] = { "virt", "native" };
	const char *const loads[] = { "0x40000000", "0x40800000" }; /* ram_base, GUEST_BASE */
	char *build, path[700], cmd[3000];

	if (!c->aarch64) {
		print_message("%s: the loader stand-in that turns the MMU on is AArch64 only\n",
			      c->target);
		skip();
	}
	if (system("aarch64-linux-gnu-gcc --version >/dev/null 2>&1")) {
		print_message(
			"aarch64-linux-gnu-gcc not found: cannot build the loader stand-in\n");
		skip();
	}
	build = fresh_dir("build");
	snprintf(path, sizeof(path), "%s/%s", build, c->target);
	assert_int_equal(mkdir(path, 0755), 0);
	for (int m = 0; m < 2; m++) {
		const char *const extra[] = { "--root",	   VB_SRC_ROOT, "--build", build,
					      "--timeout", "30",	NULL };

		snprintf(cmd, sizeof(cmd),
			 "aarch64-linux-gnu-gcc -nostdlib -static -no-pie -Wl,-N "
			 "-Wl,--build-id=none -Wl,-Ttext=0x7f000000 -Wl,--section-start=.image=%s "
			 "-DLOAD=%s -DIMAGE='\"%s/%s/%s.bin\"' -o '%s/%s/%s.elf' "
			 "'%s/tests/integration/stub_mmu_on.S'",
			 loads[m], loads[m], build_dir(), c->target, modes[m], build, c->target,
			 modes[m], VB_SRC_ROOT);
		if (system(cmd))
			fail_msg("building the loader stand-in failed: %s", cmd);
		expect_entry_error(c->target, modes[m], extra, "msg=entered_with_mmu_on");
	}
	remove_dir(build);
}

static const struct qemu_check checks[] = {
	{ "entry_hyp_at_el1", test_hyp_at_el1 },
	{ "entry_at_el3", test_at_el3 },
	{ "entry_wrong_load_address", test_wrong_load_address },
	{ "entry_mmu_on", test_entered_with_mmu_on },
};

int main(void)
{
	void *const states[] = { (void *)&a15, (void *)&a53, (void *)&a72 };
	const char *const names[] = { a15.target, a53.target, a72.target };

	return qemu_run_checks("entry", checks, sizeof(checks) / sizeof(checks[0]), states, names,
			       sizeof(names) / sizeof(names[0]));
}
