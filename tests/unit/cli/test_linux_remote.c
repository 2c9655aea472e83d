/*
 * vbench run --mode linux on a board (docs/linux.md): the target's `remote`
 * command prefix copies vbench-linux there, runs it and brings its records
 * back. Here the prefix is `env sh -c` (this machine, taking a command line as
 * ssh does) and the "board's" binary is
 * vbench-linux built for the host: whatever this machine's PMU allows, every
 * record must verify and each row say ok or why not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "base/util.h"

/* A source root with bench/targets/board.conf: rpi4's file with remote = prefix. */
static char *board_root(const char *tmp, const char *prefix)
{
	char *root = vb_xasprintf("%s/root", tmp), *cmd;

	cmd = vb_xasprintf("mkdir -p %s/bench/targets && grep -v '^remote' "
			   "%s/bench/targets/rpi4.conf >%s/bench/targets/board.conf && "
			   "echo 'remote = %s' >>%s/bench/targets/board.conf && "
			   "mkdir -p %s/build/linux && cp %s/tests/linux/vbench-linux-host "
			   "%s/build/linux/vbench-linux-arm64",
			   root, VB_SRC_ROOT, root, prefix, root, tmp, vbt_build(), tmp);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	return root;
}

static void test_linux_remote_env(void **state)
{
	char *tmp = vbt_tmpdir(), *root = board_root(tmp, "env sh -c"), *cmd, *sum, *meta, *path;

	(void)state;
	cmd = vb_xasprintf(
		"%s run --target board --mode linux --root %s --build %s/build --n 5 "
		"--warmup 1 --footprints 16k,64k --samples --out %s/run >%s/out 2>%s/err",
		vbt_vbench(), root, tmp, tmp, tmp, tmp);
	if (system(cmd)) {
		char *ep = vb_xasprintf("%s/err", tmp);

		fail_msg("vbench run --mode linux through 'env sh -c' failed: %s", vbt_read(ep));
	}
	path = vb_xasprintf("%s/run/summary.csv", tmp);
	sum = vbt_read(path);
	assert_non_null(sum);
	/* every row is there, measured or with its reason: 2 + 5 configs x (1 + 2) + page_fault */
	/* the arch column is what the machine said (uname): x86_64 here, armv8 on a board */
	assert_non_null(strstr(sum, "\"linux\",\"counter_overhead\",\"\",\"linux\""));
	assert_non_null(strstr(sum, "\"board\","));
	assert_non_null(strstr(sum, "\"tlb_miss_chase\",\"65536\",\"linux-4k\""));
	assert_non_null(strstr(sum, "\"page_fault\",\"\",\"linux-4k\""));
	free(path);
	path = vb_xasprintf("%s/run/meta.csv", tmp);
	meta = vbt_read(path);
	assert_non_null(strstr(meta, "\"launch\",\"linux-remote\""));
	assert_non_null(strstr(meta, "\"source\",\"env sh -c\""));
	assert_non_null(strstr(meta, "\"begin.clock\",\"pmu\""));
	assert_non_null(strstr(meta, "\"begin.emulated\",\"no\""));
	free(path), free(meta), free(sum), free(cmd), free(root);
	vbt_rmdir(tmp);
}

/* A prefix that cannot run anything fails the run (1) and keeps what it printed. */
static void test_linux_remote_failure(void **state)
{
	char *tmp = vbt_tmpdir(), *root = board_root(tmp, "false"), *cmd, *path, *err;

	(void)state;
	cmd = vb_xasprintf("%s run --target board --mode linux --root %s --build %s/build "
			   "--out %s/run >%s/out 2>%s/err",
			   vbt_vbench(), root, tmp, tmp, tmp, tmp);
	assert_int_equal(WEXITSTATUS(system(cmd)), 1);
	path = vb_xasprintf("%s/err", tmp);
	err = vbt_read(path);
	assert_non_null(strstr(err, "command failed"));
	assert_non_null(strstr(err, "is kept in /tmp/vbench-linux-"));
	free(path), free(cmd);
	cmd = vb_xasprintf("rm -rf '%.*s'", (int)strcspn(strstr(err, "kept in ") + 8, "\n"),
			   strstr(err, "kept in ") + 8);
	assert_int_equal(system(cmd), 0);
	path = vb_xasprintf("%s/run", tmp);
	assert_int_not_equal(access(path, F_OK), 0);
	free(path), free(err), free(cmd), free(root);
	vbt_rmdir(tmp);
}

/*
 * --guest kvm boots vbench-vmm's guest on a QEMU target only: on a board the
 * user's own guest is the target (remote = ssh vm). Usage errors exit 2
 * before anything runs.
 */
static void test_linux_guest_usage(void **state)
{
	static const char *const bad[][2] = {
		{ "--target board --mode linux --guest kvm", "remote = ssh vm" },
		{ "--target board --mode linux --guest xen", "--guest xen: expected kvm" },
		{ "--target qemu-a72 --mode virt --guest kvm", "--guest is vbench-linux's" },
	};
	char *tmp = vbt_tmpdir(), *root = board_root(tmp, "env sh -c"), *cmd, *path, *err;

	(void)state;
	cmd = vb_xasprintf("cp %s/bench/targets/qemu-a72.conf %s/bench/targets/", VB_SRC_ROOT,
			   root);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	path = vb_xasprintf("%s/err", tmp);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		cmd = vb_xasprintf("%s run %s --root %s --build %s/build --out %s/run "
				   ">%s/out 2>%s",
				   vbt_vbench(), bad[i][0], root, tmp, tmp, tmp, path);
		assert_int_equal(WEXITSTATUS(system(cmd)), 2);
		err = vbt_read(path);
		if (!strstr(err, bad[i][1]))
			fail_msg("'%s': expected '%s' in: %s", bad[i][0], bad[i][1], err);
		free(err), free(cmd);
	}
	cmd = vb_xasprintf("%s/run", tmp);
	assert_int_not_equal(access(cmd, F_OK), 0);
	free(cmd), free(path), free(root);
	vbt_rmdir(tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linux_remote_env),
		cmocka_unit_test(test_linux_remote_failure),
		cmocka_unit_test(test_linux_guest_usage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
