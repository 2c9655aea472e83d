/*
 * Issue #11, U-Boot: Debian's U-Boot (u-boot-qemu) as QEMU's firmware, its
 * console on a pty that vbench opens as a board's tty (boot = uboot): the
 * 64-bit build at EL2 (qemu-a72-uboot) and the 32-bit one, whose bootm
 * enters Hyp mode (qemu-a15-uboot). vbench stops autoboot, loads the image over
 * YMODEM, starts it with bootm, and the run honours every option; a prompt
 * that never comes fails with its message and the console kept.
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

#include "base/util.h"

static const char *vbench(void)
{
	return getenv("VBENCH") ? getenv("VBENCH") : VB_SRC_ROOT "/build/bin/vbench";
}

/* Runs a shell command; its exit status, its output (stdout and stderr) in out. */
static int sh(const char *cmd, char *out, size_t n)
{
	FILE *p = popen(cmd, "r");
	size_t len = 0;
	int st;

	assert_non_null(p);
	while (len + 1 < n && fgets(out + len, (int)(n - len), p))
		len += strlen(out + len);
	out[len] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = calloc(1, (size_t)n + 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	fclose(f);
	return s;
}

static unsigned count(const char *s, const char *what)
{
	unsigned c = 0;

	for (; (s = strstr(s, what)) != NULL; s++)
		c++;
	return c;
}

/* The "done when": --only hvc_null --n 50 --samples through U-Boot. */
static void options_through_uboot(const char *target, const char *arch)
{
	char tmp[] = "/tmp/vbench-uboot-XXXXXX", cmd[1024], out[16384], path[600], row[160];
	char *summary, *samples, *console;

	assert_non_null(mkdtemp(tmp));
	snprintf(cmd, sizeof(cmd),
		 "%s run --target %s --only hvc_null --n 50 --samples --timeout 240 "
		 "--out %s/run 2>&1",
		 vbench(), target, tmp);
	if (sh(cmd, out, sizeof(out)))
		fail_msg("vbench failed on %s: %s", target, out);
	snprintf(path, sizeof(path), "%s/run/summary.csv", tmp);
	summary = read_all(path);
	snprintf(path, sizeof(path), "%s/run/samples.csv", tmp);
	samples = read_all(path);
	snprintf(path, sizeof(path), "%s/run/console.log", tmp);
	console = read_all(path);
	assert_non_null(summary);
	assert_non_null(samples);
	assert_non_null(console);
	/* one row, hvc_null, n = 50, and its 50 samples (a header and a line each) */
	assert_int_equal(count(summary, "\n"), 2);
	snprintf(row, sizeof(row), "\"%s\",\"%s\",\"virt\",\"hvc_null\"", target, arch);
	assert_non_null(strstr(summary, row));
	assert_non_null(strstr(
		summary, "\"hvc_null\",\"\",\"s1-4k_s2-4k\",\"lean\",\"cycles\",\"ok\",\"50\""));
	assert_int_equal(count(samples, "\n"), 51);
	/* it came through U-Boot: loady twice (hyp-min's uImage, the guest), then bootm */
	assert_non_null(strstr(console, "U-Boot 2023.01"));
	assert_int_equal(count(console, "## Total Size"), 2);
	assert_non_null(strstr(console, "bootm 0x44000000"));
	/* hyp-min's entry check passed: it ran at EL2 / in Hyp mode, no entry error */
	assert_non_null(strstr(console, " hyp rev="));
	assert_null(strstr(console, "kind=entry"));
	free(summary);
	free(samples);
	free(console);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	assert_int_equal(system(cmd), 0);
}

static void test_options_through_uboot_armv8(void **state)
{
	(void)state;
	options_through_uboot("qemu-a72-uboot", "armv8");
}

/* ARMv7: Debian's 32-bit U-Boot enters Hyp mode for bootm on virt,virtualization=on */
static void test_options_through_uboot_armv7(void **state)
{
	(void)state;
	options_through_uboot("qemu-a15-uboot", "armv7");
}

/*
 * The "the full default suite through U-Boot": every configuration of
 * bench/suites/default.suite verified, one U-Boot boot per mode (a suite in
 * one boot), each configuration a run folder of its own.
 */
static void default_suite_through_uboot(const char *target)
{
	char tmp[] = "/tmp/vbench-uboot-XXXXXX", cmd[1024], out[65536], want[160];
	unsigned ran = 0, of = 0, boots = 0;
	const char *line;

	assert_non_null(mkdtemp(tmp));
	snprintf(cmd, sizeof(cmd), "%s run --suite default --target %s --results %s/r 2>&1",
		 vbench(), target, tmp);
	if (sh(cmd, out, sizeof(out)))
		fail_msg("vbench run --suite default --target %s failed: %s", target, out);
	snprintf(want, sizeof(want), "vbench: suite default on %s: ", target);
	line = strstr(out, want);
	if (!line || sscanf(line + strlen(want), "%u of %u runs verified, in %u boots", &ran, &of,
			    &boots) != 3)
		fail_msg("no suite summary line in: %s", out);
	assert_true(of > 0);
	assert_int_equal(ran, of);
	assert_int_equal(boots, 2); /* virt and native: one U-Boot dialogue each */
	snprintf(cmd, sizeof(cmd), "test $(ls -d %s/r/*-%s-* | grep -vc failed) -eq %u", tmp,
		 target, of);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	assert_int_equal(system(cmd), 0);
}

static void test_default_suite_armv8(void **state)
{
	(void)state;
	default_suite_through_uboot("qemu-a72-uboot");
}

static void test_default_suite_armv7(void **state)
{
	(void)state;
	default_suite_through_uboot("qemu-a15-uboot");
}

/* A prompt that never comes (the file names another one): the message, the console kept. */
static void test_missing_prompt(void **state)
{
	char tmp[] = "/tmp/vbench-uboot-XXXXXX", cmd[2048], out[16384], path[600];
	char *console, *why;

	(void)state;
	assert_non_null(mkdtemp(tmp));
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/bench/targets && sed 's/^uboot_start/uboot_prompt = ZynqMP>\\n"
		 "uboot_start/' %s/bench/targets/qemu-a72-uboot.conf > "
		 "%s/bench/targets/qemu-a72-uboot.conf",
		 tmp, VB_SRC_ROOT, tmp);
	assert_int_equal(system(cmd), 0);
	snprintf(cmd, sizeof(cmd),
		 "%s run --root %s --build %s/build --target qemu-a72-uboot --only hvc_null "
		 "--timeout 20 --out %s/run 2>&1",
		 vbench(), tmp, VB_SRC_ROOT, tmp);
	assert_int_equal(sh(cmd, out, sizeof(out)), 1);
	if (!strstr(out, "no prompt ('ZynqMP> ') within"))
		fail_msg("unexpected message: %s", out);
	snprintf(path, sizeof(path), "%s/run.failed/console.log", tmp);
	console = read_all(path);
	assert_non_null(console);
	assert_non_null(strstr(console, "U-Boot 2023.01"));
	snprintf(path, sizeof(path), "%s/run.failed/failure.txt", tmp);
	why = read_all(path);
	assert_non_null(why);
	assert_non_null(strstr(why, "no prompt"));
	free(console);
	free(why);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_options_through_uboot_armv8),
		cmocka_unit_test(test_options_through_uboot_armv7),
		cmocka_unit_test(test_default_suite_armv8),
		cmocka_unit_test(test_default_suite_armv7),
		cmocka_unit_test(test_missing_prompt),
	};

	return cmocka_run_group_tests_name("uboot", tests, NULL, NULL);
}
