/*
 * Issue #11: a suite in one boot. After a configuration's end record the
 * images tear their tables down and take the next block over the serial
 * line (QEMU's on a pty). Under icount a run is a path length, so one boot
 * must leave nothing behind that a run can see: every configuration of the
 * pagesize suite, run in one boot, gives summary.csv cell for cell (every
 * count, every column but run_id) as the same configuration in a QEMU
 * launch of its own. A run that fails ends its boot, is kept as .failed
 * with its part of the console, and the suite goes on in a new boot.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "base/util.h"
#include "qemu_run.h"

static char root[256];

static const char *vbench(void)
{
	return getenv("VBENCH") ? getenv("VBENCH") : VB_SRC_ROOT "/build/bin/vbench";
}

/* A file's whole text (NULL if it cannot be read); the caller frees it. */
/*
 * A root whose suite `name` is pagesize's configurations and benchmarks,
 * with `extra` (smaller footprints and samples: minutes of QEMU otherwise).
 */
static void write_suite(const char *name, const char *configs, const char *extra)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/bench/suites/%s.suite", root, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%s%s", extra, configs);
	fclose(f);
}

/* pagesize.suite's config and only lines, as they are in the tree. */
static char *pagesize_lines(void)
{
	char *text = qemu_file_must(VB_SRC_ROOT "/bench/suites/pagesize.suite"), *out, *line,
	     *save = NULL;
	size_t len = 0;

	out = vb_xcalloc(1, strlen(text) + 1);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		if (!strncmp(line, "config", 6) || !strncmp(line, "only", 4))
			len += (size_t)sprintf(out + len, "%s\n", line);
	free(text);
	return out;
}

/* vbench run --suite name on target, deterministic, into root/<results>; its exit status. */
static int run_suite(const char *target, const char *name, const char *boot, const char *results,
		     char **err)
{
	char cmd[2048], path[512];
	int status;

	snprintf(cmd, sizeof(cmd),
		 "'%s' run --root %s --suite %s --target %s --deterministic %s "
		 "--timeout 120 --results %s/%s >%s/%s.out 2>%s/%s.err",
		 vbench(), root, name, target, boot, root, results, root, results, root, results);
	status = system(cmd);
	assert_true(WIFEXITED(status));
	snprintf(path, sizeof(path), "%s/%s.err", root, results);
	*err = qemu_file_must(path);
	return WEXITSTATUS(status);
}

/* The folder in root/results named <date>-<time>-<suffix>; 0 if none. */
static int find_run(const char *results, const char *suffix, char *out, size_t n)
{
	char dir[512];
	struct dirent *d;
	DIR *D;
	int found = 0;

	snprintf(dir, sizeof(dir), "%s/%s", root, results);
	D = opendir(dir);
	assert_non_null(D);
	while ((d = readdir(D)) != NULL) {
		size_t l = strlen(d->d_name);

		/* <date>-<time>-qemu-a72-<suffix>: 16 characters of date and time first */
		if (l > 16 && !strcmp(d->d_name + 16, suffix)) {
			snprintf(out, n, "%s/%s", dir, d->d_name);
			found = 1;
		}
	}
	closedir(D);
	return found;
}

/* summary.csv without its run_id cells (the first column: the folder's name). */
static char *summary_without_run_id(const char *dir)
{
	char path[600], *text, *out, *p, *q;

	snprintf(path, sizeof(path), "%s/summary.csv", dir);
	text = qemu_file_must(path);
	out = vb_xcalloc(1, strlen(text) + 1);
	q = out;
	for (p = text; *p;) {
		char *nl = strchr(p, '\n'), *comma = strchr(p, ',');

		if (!nl)
			nl = p + strlen(p);
		if (comma && comma < nl)
			p = comma; /* drop the first cell, keep the comma */
		memcpy(q, p, (size_t)(nl - p));
		q += nl - p;
		*q++ = '\n';
		p = *nl ? nl + 1 : nl;
	}
	free(text);
	return out;
}

static int count(const char *text, const char *needle)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/*
 * Suite `name` on target in one boot per mode against a launch per run: the
 * same folders, each console its own configuration's part, every
 * summary.csv cell equal; at least min_runs of them.
 */
static void compare_boots(const char *target, const char *name, int min_runs)
{
	char *err1, *err2, *out, line[512], path[700], one[64], each[64];
	char dir1[600], dir2[600];
	int runs = 0;
	FILE *f;

	snprintf(one, sizeof(one), "%s-%s-one", target, name);
	snprintf(each, sizeof(each), "%s-%s-each", target, name);
	assert_int_equal(run_suite(target, name, "--one-boot", one, &err1), 0);
	if (!strstr(err1, "in 2 boots"))
		fail_msg("not one boot per mode: %s", err1);
	assert_int_equal(run_suite(target, name, "--boot-per-config", each, &err2), 0);
	snprintf(path, sizeof(path), "%s/%s.out", root, one);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char *name, *s1, *s2, *console;

		line[strcspn(line, "\n")] = '\0';
		name = strrchr(line, '/');
		assert_non_null(name);
		snprintf(dir1, sizeof(dir1), "%s", line);
		if (!find_run(each, name + 1 + 16, dir2, sizeof(dir2)))
			fail_msg("%s: no run of its own for it", name + 1);
		s1 = summary_without_run_id(dir1);
		s2 = summary_without_run_id(dir2);
		if (strcmp(s1, s2))
			fail_msg("%s differs in one boot:\n%s\nalone:\n%s", name + 1, s1, s2);
		/* its console: its own hello, block and records, one end record */
		snprintf(path, sizeof(path), "%s/console.log", dir1);
		console = qemu_file_must(path);
		if (strncmp(console, "@vbp hello ", 11) || count(console, "@vbp hello ") != 1 ||
		    count(console, " end records=") != 1 || count(console, " begin ") != 1)
			fail_msg("%s: console is not its configuration's part:\n%s", name + 1,
				 console);
		free(console);
		free(s1);
		free(s2);
		runs++;
	}
	fclose(f);
	out = vb_xasprintf("%d of %d runs verified", runs, runs);
	if (runs < min_runs || !strstr(err1, out) || !strstr(err2, out))
		fail_msg("%d runs; one boot said: %s\nlaunch each said: %s", runs, err1, err2);
	free(out);
	free(err1);
	free(err2);
}

/* Every configuration of pagesize (its footprints and samples cut: minutes of QEMU otherwise). */
static void test_pagesize_one_boot_equals_a_launch_each(void **state)
{
	char *configs = pagesize_lines();

	(void)state;
	write_suite("pages", configs, "footprints = 16k,4m\nn = 5\nwarmup = 2\n");
	free(configs);
	compare_boots("qemu-a72", "pages", 20);
}

/*
 * Every benchmark, not only the memory rows: traps, virtual interrupts
 * (list registers, maintenance, the timer), the emulated device, stage-2
 * permission faults leave nothing a later configuration sees. ARMv8 and
 * ARMv7 (where the 64 KiB configuration is skipped).
 */
static void test_every_bench_one_boot_equals_a_launch_each(void **state)
{
	(void)state;
	write_suite("all",
		    "config = 4k 4k\nconfig = 4k:2m 4k:2m\nconfig = 4k:nc 4k:nc\n"
		    "config = 64k 64k\n",
		    "footprints = 16k,1m\nn = 20\n");
	compare_boots("qemu-a72", "all", 8);
	compare_boots("qemu-a15", "all", 6);
}

/*
 * A configuration the images refuse (a 48-bit IPA on a core with 44 PA
 * bits: hyp-min's error record) fails its run, kept as .failed with its
 * part of the console; the boot ends there and the next configuration runs
 * in a new one.
 */
static void test_a_failed_run_boots_again(void **state)
{
	char *err, failed[600], path[700], *console, *out;

	(void)state;
	write_suite("broken", "config = 4k 4k\nconfig = 4k 4k:4k:ipa48\nconfig = 4k 4k:2m\n",
		    "only = counter_overhead\nn = 5\n");
	assert_int_equal(run_suite("qemu-a72", "broken", "", "broken", &err), 1);
	if (!strstr(err, "3 of 4 runs verified, in 3 boots") ||
	    !strstr(err, "[2/4] qemu-a72 virt s1-4k_s2-4k-ipa48: FAILED") ||
	    !strstr(err, "ipa_bits_exceed_the_core_pa_range"))
		fail_msg("%s", err);
	out = vb_xasprintf("%s/broken.out", root);
	console = qemu_file_must(out);
	assert_int_equal(count(console, "\n"), 3); /* the three verified runs */
	free(console);
	free(out);
	assert_true(find_run("broken", "qemu-a72-virt-s1-4k_s2-4k-ipa48.failed", failed,
			     sizeof(failed)));
	snprintf(path, sizeof(path), "%s/console.log", failed);
	console = qemu_file_must(path);
	/* its own hello and hyp-min's refusal, nothing of the run before it */
	if (strncmp(console, "@vbp hello ", 11) || !strstr(console, "ipa_bits_exceed") ||
	    strstr(console, " end records="))
		fail_msg("not the failed configuration's part of the console:\n%s", console);
	free(console);
	free(err);
}

static int setup(void **state)
{
	char cmd[1024];

	(void)state;
	snprintf(root, sizeof(root), "%s/vbench-onesuite-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(root))
		return -1;
	snprintf(cmd, sizeof(cmd), "mkdir -p %s/bench/suites && ln -s %s/bench/targets %s/bench/",
		 root, VB_SRC_ROOT, root);
	return system(cmd) ? -1 : 0;
}

static int teardown(void **state)
{
	char cmd[600];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	return system(cmd) ? -1 : 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pagesize_one_boot_equals_a_launch_each),
		cmocka_unit_test(test_every_bench_one_boot_equals_a_launch_each),
		cmocka_unit_test(test_a_failed_run_boots_again),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
