/* The vbench program itself, end to end, with a fake QEMU. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "results/csvout.h"
#include "helpers.h"
#include "vb/params.h"

static const uint64_t vals[] = { 30, 31, 29, 30 };

static void console(struct vbt_fake_cli *c, const char *clock, bool corrupt, bool error)
{
	struct vbt_gen g = { 0 };

	vbt_begin(&g, "fake", "virt", clock, 2);
	vbt_result(&g, "counter_overhead", vals, 4);
	if (error)
		vbt_h(&g, "error kind=s2_dabt esr=0x93c08007 far=0x0 hpfar=0x0 pc=0x40000000");
	vbt_g(&g, "result bench=hvc_null config=s1-4k_s2-4k unit=cycles status=unsupported "
		  "reason=pmu");
	vbt_end(&g);
	if (corrupt)
		strstr(g.b.s, "hvc_null")[0] = 'H';
	vbt_fake_console(c->root, g.b.s, "exit 0");
	vbt_free(&g);
}

static void test_help_and_usage(void **state)
{
	struct vbt_fake_cli c;
	char *args;

	(void)state;
	vbt_fake_cli_setup(&c);
	vbt_fake_cli_run(&c, "--help");
	assert_int_equal(c.status, 0);
	vbt_contains(c.out, "usage: vbench <command>");
	vbt_fake_cli_run(&c, "run --help");
	assert_int_equal(c.status, 0);
	vbt_contains(c.out, "--deterministic");
	vbt_fake_cli_run(&c, "parse --help");
	assert_int_equal(c.status, 0);
	vbt_contains(c.out, "usage: vbench parse FILE");
	vbt_fake_cli_run(&c, "frobnicate");
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "vbench: unknown command 'frobnicate'");
	vbt_fake_cli_run(&c, "run --mode virt");
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "--target is required");
	vbt_fake_cli_run(&c, "run --target fake --mode hyp");
	assert_int_equal(c.status, 2);
	vbt_fake_cli_run(&c, "run --target fake --timeout 0");
	assert_int_equal(c.status, 2);
	vbt_fake_cli_run(&c, "run --target fake --only 'a,,b'");
	assert_int_equal(c.status, 2);
	vbt_fake_cli_run(&c, "run --target nosuch --root %s --build %s", c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "unknown target 'nosuch'");
	/* a name the images lack is refused before QEMU starts, with the names they have */
	args = vb_xasprintf("%s/args", c.root);
	vbt_fake_cli_run(&c, "run --target fake --only hvc_null,nosuch --root %s --build %s",
			 c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "no benchmark 'nosuch'; benchmarks: counter_overhead hvc_null");
	assert_false(vbt_exists(args));
	/* 2^54 + 4 KiB wrapped to 4k; 7777777777771g too */
	vbt_fake_cli_run(&c, "run --target fake --s1 18014398509481988k --root %s --build %s",
			 c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_fake_cli_run(&c, "run --target fake --footprints 7777777777771g --root %s --build %s",
			 c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_fake_cli_run(&c, "run --target fake --footprints 16k,,1m --root %s --build %s", c.root,
			 c.build);
	assert_int_equal(c.status, 2);
	assert_false(vbt_exists(args));
	free(args);
	vbt_fake_cli_run(&c, "run --target fake --mode native --root %s --build %s", c.root,
			 c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "fake/native.elf: run `make` first");
	vbt_fake_cli_teardown(&c);
}

static void test_run_then_fail_then_parse(void **state)
{
	struct vbt_fake_cli c;
	struct vb_csv_table t;
	struct vb_error e;
	char *out, *text, *path;
	struct stat st;

	(void)state;
	vbt_fake_cli_setup(&c);
	out = vb_xasprintf("%s/runs/good", c.root);
	console(&c, "icount", false, false);
	vbt_fake_cli_run(
		&c, "run --target fake --deterministic --timeout 20 --root %s --build %s --out %s",
		c.root, c.build, out);
	if (c.status)
		fail_msg("vbench run failed: %s", c.err);
	assert_string_equal(c.out, out);
	path = vb_xasprintf("%s/summary.csv", out);
	assert_int_equal(vb_csv_read(path, &t, &e), 0);
	assert_int_equal(t.nrows, 3);
	assert_string_equal(vb_csv_cell(&t, 1, "run_id"), "good");
	assert_string_equal(vb_csv_cell(&t, 1, "median"), "30");
	assert_string_equal(vb_csv_cell(&t, 1, "mean"), "30.000");
	assert_string_equal(vb_csv_cell(&t, 1, "stddev"), "0.816");
	assert_string_equal(vb_csv_cell(&t, 2, "status"), "unsupported");
	assert_string_equal(vb_csv_cell(&t, 2, "min"), "");
	vb_csv_free(&t);
	free(path);
	text = vbt_file_in(out, "meta.csv");
	vbt_contains(text, "\"launch\",\"qemu\"");
	vbt_contains(text, "\"deterministic\",\"yes\"");
	vbt_contains(text, "\"image_bytes\",\"3\"");
	vbt_contains(text, "-icount shift=0,sleep=off");
	vbt_contains(text, "\"begin.target\",\"fake\"");
	free(text);
	path = vb_xasprintf("%s/params.bin", out);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, sizeof(struct vb_params));
	free(path);
	path = vb_xasprintf("%s/samples.csv", out);
	assert_false(vbt_exists(path));
	free(path);

	/* --clock ticks asks the images for timer=cntvct: a begin without it is the wrong image */
	path = vb_xasprintf("%s/runs/ticks", c.root);
	vbt_fake_cli_run(&c,
			 "run --target fake --deterministic --clock ticks --root %s --build %s "
			 "--out %s",
			 c.root, c.build, path);
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "begin says timer= but this run expects timer=cntvct");
	free(path);

	/* A corrupted run over it: the good run stays, the console is kept aside. */
	console(&c, "icount", true, false);
	vbt_fake_cli_run(&c, "run --target fake --deterministic --root %s --build %s --out %s",
			 c.root, c.build, out);
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "console line 4: record CRC mismatch");
	vbt_contains(c.err, "good.failed/console.log");
	text = vbt_file_in(out, "console.log");
	assert_null(strstr(text, "Hvc_null"));
	free(text);
	path = vb_xasprintf("%s.failed", out);
	text = vbt_file_in(path, "console.log");
	vbt_contains(text, "Hvc_null");
	free(text);
	free(path);

	/* An error record from hyp-min, and a clock that does not match --deterministic. */
	console(&c, "icount", false, true);
	vbt_fake_cli_run(&c, "run --target fake --root %s --build %s --out %s", c.root, c.build,
			 out);
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "hyp-min error record h:1: kind=s2_dabt esr=0x93c08007");
	console(&c, "host", false, false);
	vbt_fake_cli_run(&c, "run --target fake --deterministic --root %s --build %s --out %s",
			 c.root, c.build, out);
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "begin says clock=host but this run expects clock=icount");

	/* parse the good console again, into a default-named folder. */
	vbt_fake_cli_run(&c, "parse %s/console.log --results %s/parsed", out, c.root);
	if (c.status)
		fail_msg("vbench parse failed: %s", c.err);
	vbt_contains(c.out, "/parsed/");
	vbt_contains(c.out, "-fake-virt");
	text = vbt_file_in(c.out, "meta.csv");
	vbt_contains(text, "\"launch\",\"parse\"");
	vbt_contains(text, "\"source\"");
	free(text);
	text = vbt_file_in(c.out, "summary.csv");
	vbt_contains(text, "\"30.000\",\"0.816\",\"yes\",\"icount\"");
	free(text);

	/* parse of a bad log writes nothing. */
	console(&c, "icount", true, false);
	path = vb_xasprintf("%s/console", c.root);
	vbt_fake_cli_run(&c, "parse %s --out %s/nothing", path, c.root);
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "record CRC mismatch");
	free(path);
	path = vb_xasprintf("%s/nothing", c.root);
	assert_false(vbt_exists(path));
	free(path);
	free(out);
	vbt_fake_cli_teardown(&c);
}

/*
 * parse keeps exactly what it verified: the log through the end record's
 * line; what follows is counted in meta.csv, and refused if it holds a record.
 */
static void test_parse_keeps_what_was_verified(void **state)
{
	struct vbt_fake_cli c;
	struct vbt_buf junk = { 0 };
	char *good, *path, *log, *text, *want;

	(void)state;
	vbt_fake_cli_setup(&c);
	console(&c, "icount", false, false);
	path = vb_xasprintf("%s/console", c.root);
	good = vbt_read(path);
	free(path);
	/* 1 MiB of noise after the end, the last line without a newline */
	vbt_append(&junk, "%s", good);
	for (int i = 0; i < 16384; i++)
		vbt_append(&junk, "%s",
			   i % 64 ? "junk junk junk junk junk junk junk junk junk j\n" :
				    "qemu: terminating on signal 15 from pid 1\n");
	vbt_append(&junk, "no newline at the end");
	log = vb_xasprintf("%s/junk.log", c.root);
	vbt_write(log, junk.s);
	vbt_fake_cli_run(&c, "parse %s --out %s/kept", log, c.root);
	if (c.status)
		fail_msg("vbench parse failed: %s", c.err);
	text = vbt_file_in(c.out, "console.log");
	assert_string_equal(text, good);
	free(text);
	text = vbt_file_in(c.out, "meta.csv");
	want = vb_xasprintf("\"trailing_bytes\",\"%zu\"", junk.len - strlen(good));
	vbt_contains(text, want);
	free(want);
	free(text);
	/* nothing after the end: no trailing_bytes */
	path = vb_xasprintf("%s/console", c.root);
	vbt_fake_cli_run(&c, "parse %s --out %s/exact", path, c.root);
	free(path);
	assert_int_equal(c.status, 0);
	text = vbt_file_in(c.out, "meta.csv");
	assert_null(strstr(text, "trailing_bytes"));
	free(text);

	/* two runs' logs in one file, and hyp-min failing after the guest's end */
	junk.len = 0;
	vbt_append(&junk, "%s%s", good, good);
	vbt_write(log, junk.s);
	vbt_fake_cli_run(&c, "parse %s --out %s/twice", log, c.root);
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "console line 6: record h:0 'hyp' after the guest's end record (line "
			    "5): a second run's log follows this one");
	path = vb_xasprintf("%s/twice", c.root);
	assert_false(vbt_exists(path));
	free(path);
	junk.len = 0;
	text = vbt_record("h 0 error kind=unexpected msg=after_the_end");
	vbt_append(&junk, "%s%s\n", good, text);
	free(text);
	vbt_write(log, junk.s);
	vbt_fake_cli_run(&c, "parse %s --out %s/after_end", log, c.root);
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "record h:0 'error' after the guest's end record");
	free(junk.s);
	free(log);
	free(good);
	vbt_fake_cli_teardown(&c);
}

/* Entries of dir whose name contains `part`. */
static int entries_with(const char *dir, const char *part)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)))
		n += strstr(de->d_name, part) != NULL;
	closedir(d);
	return n;
}

/* A pid that was alive and is gone now. */
static pid_t dead_pid(void)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (!pid)
		_exit(0);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	return pid;
}

/*
 * SIGINT or SIGTERM while QEMU runs: QEMU is stopped (no process is left),
 * the run is kept as <out>.failed saying it was interrupted, no temporary
 * folder stays, and vbench exits 128 + the signal.
 */
static void test_signal_stops_qemu(void **state)
{
	static const int sigs[] = { SIGTERM, SIGINT };
	struct vbt_fake_cli c;
	struct vbt_gen g = { 0 };

	(void)state;
	vbt_fake_cli_setup(&c);
	vbt_prologue(&g, "virt", 2);
	vbt_result(&g, "counter_overhead", vals, 4);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		char *runs = vb_xasprintf("%s/runs", c.root),
		     *pidf = vb_xasprintf("%s/qemu.pid", c.root);
		char *failed = vb_xasprintf("%s/runs/x.failed", c.root), *text, *cmd;
		pid_t pid, qemu = 0;
		int st;

		unlink(pidf);
		/* the fake QEMU prints half a run and hangs, as a slow benchmark would */
		vbt_fake_console(c.root, g.b.s, "echo $$ > \"$d/qemu.pid\"; exec sleep 60");
		cmd = vb_xasprintf("exec %s run --target fake --timeout 60 --root %s --build %s "
				   "--out %s/x >%s/stdout 2>%s/stderr </dev/null",
				   vbt_vbench(), c.root, c.build, runs, c.root, c.root);
		pid = fork();
		assert_true(pid >= 0);
		if (!pid) {
			execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
			_exit(127);
		}
		for (int k = 0; k < 1000 && !qemu; k++) {
			text = vbt_read(pidf);
			if (text && strchr(text, '\n'))
				qemu = (pid_t)atol(text);
			free(text);
			usleep(10000);
		}
		assert_true(qemu > 0);
		usleep(300000); /* vbench reads what it printed */
		assert_int_equal(kill(qemu, 0), 0);
		assert_int_equal(kill(pid, sigs[i]), 0);
		assert_int_equal(waitpid(pid, &st, 0), pid);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 128 + sigs[i]);
		/* QEMU is gone (vbench reaped it), not re-parented to init */
		assert_int_equal(kill(qemu, 0), -1);
		assert_int_equal(errno, ESRCH);
		assert_int_equal(entries_with(runs, ".tmp-"), 0);
		text = vbt_file_in(failed, "failure.txt");
		vbt_contains(text, sigs[i] == SIGTERM ? "interrupted by SIGTERM" :
							"interrupted by SIGINT");
		free(text);
		text = vbt_file_in(failed, "console.log");
		vbt_contains(text, "bench=counter_overhead");
		free(text);
		text = vbt_file_in(c.root, "stderr");
		vbt_contains(text, "interrupted by");
		vbt_contains(text, "x.failed/console.log");
		free(text);
		free(cmd);
		free(failed);
		free(pidf);
		free(runs);
	}
	vbt_free(&g);
	vbt_fake_cli_teardown(&c);
}

/*
 * A temporary folder whose vbench is gone (killed, crashed) is found by the
 * next run: kept as <id>.failed when it holds a console, removed when empty.
 */
static void test_stale_tmp_reported(void **state)
{
	struct vbt_fake_cli c;
	char *stale, *empty, *path, *text;
	pid_t gone = dead_pid();

	(void)state;
	vbt_fake_cli_setup(&c);
	path = vb_xasprintf("%s/runs", c.root);
	mkdir(path, 0777);
	free(path);
	stale = vb_xasprintf("%s/runs/.old.tmp-%ld", c.root, (long)gone);
	empty = vb_xasprintf("%s/runs/.gone.tmp-%ld", c.root, (long)gone);
	mkdir(stale, 0777);
	mkdir(empty, 0777);
	path = vb_xasprintf("%s/console.log", stale);
	vbt_write(path, "half a log");
	free(path);
	console(&c, "icount", false, false);
	vbt_fake_cli_run(&c, "run --target fake --root %s --build %s --out %s/runs/new", c.root,
			 c.build, c.root);
	if (c.status)
		fail_msg("vbench run failed: %s", c.err);
	vbt_contains(c.err, "an unfinished run (vbench pid");
	vbt_contains(c.err, "kept as");
	vbt_contains(c.err, "removed");
	assert_false(vbt_exists(stale));
	assert_false(vbt_exists(empty));
	path = vb_xasprintf("%s/runs/old.failed", c.root);
	text = vbt_file_in(path, "console.log");
	assert_string_equal(text, "half a log");
	free(text);
	text = vbt_file_in(path, "failure.txt");
	vbt_contains(text, "stopped before it finished this run");
	free(text);
	free(path);
	free(stale);
	free(empty);
	vbt_fake_cli_teardown(&c);
}

/* A failed run replaces only a .failed folder vbench made, never a user's. */
static void test_foreign_failed_kept(void **state)
{
	struct vbt_fake_cli c;
	char *failed, *path, *text;

	(void)state;
	vbt_fake_cli_setup(&c);
	failed = vb_xasprintf("%s/runs/y.failed", c.root);
	path = vb_xasprintf("%s/runs", c.root);
	mkdir(path, 0777);
	free(path);
	mkdir(failed, 0777);
	path = vb_xasprintf("%s/precious", failed);
	vbt_write(path, "a user's file");
	free(path);
	console(&c, "icount", true, false);
	vbt_fake_cli_run(&c, "run --target fake --root %s --build %s --out %s/runs/y", c.root,
			 c.build, c.root);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "y.failed exists and vbench did not make it (no failure.txt)");
	text = vbt_file_in(failed, "precious");
	assert_string_equal(text, "a user's file");
	free(text);
	path = vb_xasprintf("%s/runs", c.root);
	assert_int_equal(entries_with(path, ".tmp-"), 0);
	free(path);
	/* once it is vbench's (failure.txt), the next failure replaces it */
	path = vb_xasprintf("%s/precious", failed);
	unlink(path);
	free(path);
	path = vb_xasprintf("%s/failure.txt", failed);
	vbt_write(path, "an older failure\n");
	free(path);
	vbt_fake_cli_run(&c, "run --target fake --root %s --build %s --out %s/runs/y", c.root,
			 c.build, c.root);
	assert_int_equal(c.status, 1);
	text = vbt_file_in(failed, "failure.txt");
	vbt_contains(text, "record CRC mismatch");
	free(text);
	free(failed);
	vbt_fake_cli_teardown(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_and_usage),
		cmocka_unit_test(test_run_then_fail_then_parse),
		cmocka_unit_test(test_parse_keeps_what_was_verified),
		cmocka_unit_test(test_signal_stops_qemu),
		cmocka_unit_test(test_stale_tmp_reported),
		cmocka_unit_test(test_foreign_failed_kept),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
