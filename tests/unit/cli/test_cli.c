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

struct cli {
	char vbench[PATH_MAX];
	char *root, *build, *out, *err;
	int status;
};

/* Runs "vbench <args>", keeping exit status, stdout and stderr. */
static void vb(struct cli *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void vb(struct cli *c, const char *fmt, ...)
{
	struct vbt_buf args = { 0 };
	char *cmd, *o = vb_xasprintf("%s/stdout", c->root), *e = vb_xasprintf("%s/stderr", c->root);
	va_list ap;
	int st;

	va_start(ap, fmt);
	{
		char *a;

		assert_true(vasprintf(&a, fmt, ap) >= 0);
		vbt_append(&args, "%s", a);
		free(a);
	}
	va_end(ap);
	cmd = vb_xasprintf("%s %s >%s 2>%s </dev/null", c->vbench, args.s, o, e);
	st = system(cmd);
	c->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	free(c->out);
	free(c->err);
	c->out = vbt_read(o);
	c->err = vbt_read(e);
	if (c->out[0])
		c->out[strlen(c->out) - 1] = '\0'; /* the folder, without its newline */
	free(cmd);
	free(args.s);
	free(o);
	free(e);
}

static void setup(struct cli *c)
{
	char *p;

	memset(c, 0, sizeof(*c));
	snprintf(c->vbench, sizeof(c->vbench), "%s", vbt_vbench());
	c->root = vbt_fake_root();
	c->build = vb_xasprintf("%s/build", c->root);
	mkdir(c->build, 0777);
	p = vb_xasprintf("%s/fake", c->build);
	mkdir(p, 0777);
	free(p);
	p = vb_xasprintf("%s/fake/virt.elf", c->build);
	vbt_write(p, "ELF");
	free(p);
}

static void teardown(struct cli *c)
{
	free(c->out);
	free(c->err);
	free(c->build);
	vbt_rmdir(c->root);
}

static void console(struct cli *c, const char *clock, bool corrupt, bool error)
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

static char *file_in(const char *dir, const char *name)
{
	char *p = vb_xasprintf("%s/%s", dir, name), *text = vbt_read(p);

	free(p);
	return text;
}

static void test_help_and_usage(void **state)
{
	struct cli c;
	char *args;

	(void)state;
	setup(&c);
	vb(&c, "--help");
	assert_int_equal(c.status, 0);
	vbt_contains(c.out, "usage: vbench <command>");
	vb(&c, "run --help");
	assert_int_equal(c.status, 0);
	vbt_contains(c.out, "--deterministic");
	vb(&c, "parse --help");
	assert_int_equal(c.status, 0);
	vbt_contains(c.out, "usage: vbench parse FILE");
	vb(&c, "frobnicate");
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "vbench: unknown command 'frobnicate'");
	vb(&c, "run --mode virt");
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "--target is required");
	vb(&c, "run --target fake --mode hyp");
	assert_int_equal(c.status, 2);
	vb(&c, "run --target fake --timeout 0");
	assert_int_equal(c.status, 2);
	vb(&c, "run --target fake --only 'a,,b'");
	assert_int_equal(c.status, 2);
	vb(&c, "run --target nosuch --root %s --build %s", c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "unknown target 'nosuch'");
	/* a name the images lack is refused before QEMU starts, with the names they have */
	args = vb_xasprintf("%s/args", c.root);
	vb(&c, "run --target fake --only hvc_null,nosuch --root %s --build %s", c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "no benchmark 'nosuch'; benchmarks: counter_overhead hvc_null");
	assert_false(vbt_exists(args));
	/* 2^54 + 4 KiB wrapped to 4k; 7777777777771g too */
	vb(&c, "run --target fake --s1 18014398509481988k --root %s --build %s", c.root, c.build);
	assert_int_equal(c.status, 2);
	vb(&c, "run --target fake --footprints 7777777777771g --root %s --build %s", c.root,
	   c.build);
	assert_int_equal(c.status, 2);
	vb(&c, "run --target fake --footprints 16k,,1m --root %s --build %s", c.root, c.build);
	assert_int_equal(c.status, 2);
	assert_false(vbt_exists(args));
	free(args);
	vb(&c, "run --target fake --mode native --root %s --build %s", c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "fake/native.elf: run `make` first");
	teardown(&c);
}

static void test_run_then_fail_then_parse(void **state)
{
	struct cli c;
	struct vb_csv_table t;
	struct vb_error e;
	char *out, *text, *path;
	struct stat st;

	(void)state;
	setup(&c);
	out = vb_xasprintf("%s/runs/good", c.root);
	console(&c, "icount", false, false);
	vb(&c, "run --target fake --deterministic --timeout 20 --root %s --build %s --out %s",
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
	text = file_in(out, "meta.csv");
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

	/* A corrupted run over it: the good run stays, the console is kept aside. */
	console(&c, "icount", true, false);
	vb(&c, "run --target fake --deterministic --root %s --build %s --out %s", c.root, c.build,
	   out);
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "console line 4: record CRC mismatch");
	vbt_contains(c.err, "good.failed/console.log");
	text = file_in(out, "console.log");
	assert_null(strstr(text, "Hvc_null"));
	free(text);
	path = vb_xasprintf("%s.failed", out);
	text = file_in(path, "console.log");
	vbt_contains(text, "Hvc_null");
	free(text);
	free(path);

	/* An error record from hyp-min, and a clock that does not match --deterministic. */
	console(&c, "icount", false, true);
	vb(&c, "run --target fake --root %s --build %s --out %s", c.root, c.build, out);
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "hyp-min error record h:1: kind=s2_dabt esr=0x93c08007");
	console(&c, "host", false, false);
	vb(&c, "run --target fake --deterministic --root %s --build %s --out %s", c.root, c.build,
	   out);
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "begin says clock=host but this run expects clock=icount");

	/* parse the good console again, into a default-named folder. */
	vb(&c, "parse %s/console.log --results %s/parsed", out, c.root);
	if (c.status)
		fail_msg("vbench parse failed: %s", c.err);
	vbt_contains(c.out, "/parsed/");
	vbt_contains(c.out, "-fake-virt");
	text = file_in(c.out, "meta.csv");
	vbt_contains(text, "\"launch\",\"parse\"");
	vbt_contains(text, "\"source\"");
	free(text);
	text = file_in(c.out, "summary.csv");
	vbt_contains(text, "\"30.000\",\"0.816\",\"yes\",\"icount\"");
	free(text);

	/* parse of a bad log writes nothing. */
	console(&c, "icount", true, false);
	path = vb_xasprintf("%s/console", c.root);
	vb(&c, "parse %s --out %s/nothing", path, c.root);
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "record CRC mismatch");
	free(path);
	path = vb_xasprintf("%s/nothing", c.root);
	assert_false(vbt_exists(path));
	free(path);
	free(out);
	teardown(&c);
}

/*
 * parse keeps exactly what it verified: the log through the end record's
 * line; what follows is counted in meta.csv, and refused if it holds a record.
 */
static void test_parse_keeps_what_was_verified(void **state)
{
	struct cli c;
	struct vbt_buf junk = { 0 };
	char *good, *path, *log, *text, *want;

	(void)state;
	setup(&c);
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
	vb(&c, "parse %s --out %s/kept", log, c.root);
	if (c.status)
		fail_msg("vbench parse failed: %s", c.err);
	text = file_in(c.out, "console.log");
	assert_string_equal(text, good);
	free(text);
	text = file_in(c.out, "meta.csv");
	want = vb_xasprintf("\"trailing_bytes\",\"%zu\"", junk.len - strlen(good));
	vbt_contains(text, want);
	free(want);
	free(text);
	/* nothing after the end: no trailing_bytes */
	path = vb_xasprintf("%s/console", c.root);
	vb(&c, "parse %s --out %s/exact", path, c.root);
	free(path);
	assert_int_equal(c.status, 0);
	text = file_in(c.out, "meta.csv");
	assert_null(strstr(text, "trailing_bytes"));
	free(text);

	/* two runs' logs in one file, and hyp-min failing after the guest's end */
	junk.len = 0;
	vbt_append(&junk, "%s%s", good, good);
	vbt_write(log, junk.s);
	vb(&c, "parse %s --out %s/twice", log, c.root);
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
	vb(&c, "parse %s --out %s/after_end", log, c.root);
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "record h:0 'error' after the guest's end record");
	free(junk.s);
	free(log);
	free(good);
	teardown(&c);
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
	struct cli c;
	struct vbt_gen g = { 0 };

	(void)state;
	setup(&c);
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
				   c.vbench, c.root, c.build, runs, c.root, c.root);
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
		text = file_in(failed, "failure.txt");
		vbt_contains(text, sigs[i] == SIGTERM ? "interrupted by SIGTERM" :
							"interrupted by SIGINT");
		free(text);
		text = file_in(failed, "console.log");
		vbt_contains(text, "bench=counter_overhead");
		free(text);
		text = file_in(c.root, "stderr");
		vbt_contains(text, "interrupted by");
		vbt_contains(text, "x.failed/console.log");
		free(text);
		free(cmd);
		free(failed);
		free(pidf);
		free(runs);
	}
	vbt_free(&g);
	teardown(&c);
}

/*
 * A temporary folder whose vbench is gone (killed, crashed) is found by the
 * next run: kept as <id>.failed when it holds a console, removed when empty.
 */
static void test_stale_tmp_reported(void **state)
{
	struct cli c;
	char *stale, *empty, *path, *text;
	pid_t gone = dead_pid();

	(void)state;
	setup(&c);
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
	vb(&c, "run --target fake --root %s --build %s --out %s/runs/new", c.root, c.build, c.root);
	if (c.status)
		fail_msg("vbench run failed: %s", c.err);
	vbt_contains(c.err, "an unfinished run (vbench pid");
	vbt_contains(c.err, "kept as");
	vbt_contains(c.err, "removed");
	assert_false(vbt_exists(stale));
	assert_false(vbt_exists(empty));
	path = vb_xasprintf("%s/runs/old.failed", c.root);
	text = file_in(path, "console.log");
	assert_string_equal(text, "half a log");
	free(text);
	text = file_in(path, "failure.txt");
	vbt_contains(text, "stopped before it finished this run");
	free(text);
	free(path);
	free(stale);
	free(empty);
	teardown(&c);
}

/* A failed run replaces only a .failed folder vbench made, never a user's. */
static void test_foreign_failed_kept(void **state)
{
	struct cli c;
	char *failed, *path, *text;

	(void)state;
	setup(&c);
	failed = vb_xasprintf("%s/runs/y.failed", c.root);
	path = vb_xasprintf("%s/runs", c.root);
	mkdir(path, 0777);
	free(path);
	mkdir(failed, 0777);
	path = vb_xasprintf("%s/precious", failed);
	vbt_write(path, "a user's file");
	free(path);
	console(&c, "icount", true, false);
	vb(&c, "run --target fake --root %s --build %s --out %s/runs/y", c.root, c.build, c.root);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "y.failed exists and vbench did not make it (no failure.txt)");
	text = file_in(failed, "precious");
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
	vb(&c, "run --target fake --root %s --build %s --out %s/runs/y", c.root, c.build, c.root);
	assert_int_equal(c.status, 1);
	text = file_in(failed, "failure.txt");
	vbt_contains(text, "record CRC mismatch");
	free(text);
	free(failed);
	teardown(&c);
}

/* A suite's native runs: one per stage-1 configuration, however it is written. */
static void test_suite_native_once(void **state)
{
	struct cli c;
	char *p;

	(void)state;
	setup(&c);
	p = vb_xasprintf("%s/bench/suites", c.root);
	mkdir(p, 0777);
	free(p);
	p = vb_xasprintf("%s/bench/suites/s.suite", c.root);
	vbt_write(p, "only = counter_overhead\nconfig = 4k:4k:wb 4k\nconfig = 4k 4k:2m\n");
	free(p);
	vb(&c,
	   "run --suite s --target fake --boot-per-config --root %s --build %s --results %s/res",
	   c.root, c.build, c.root);
	/* the fake console does not verify: every run fails, but each is announced */
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "[1/3] fake virt s1-4k_s2-4k");
	vbt_contains(c.err, "[2/3] fake native s1-4k");
	vbt_contains(c.err, "[3/3] fake virt s1-4k_s2-4k-2m");
	vbt_contains(c.err, "in 3 boots");
	/* how a suite boots is a suite's choice, made once */
	vb(&c, "run --target fake --one-boot --root %s --build %s", c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "they need --suite");
	vb(&c, "run --suite s --target fake --one-boot --boot-per-config --root %s --build %s",
	   c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "exclude each other");
	teardown(&c);
}

/*
 * launch = kvm: vbench copies vbench-vmm, the image and params.bin to the KVM
 * host through the target's remote prefix and reads the VMM's stdout. Here
 * the prefix is a local shell that marks its environment, and the VMM a
 * script that checks what arrived and prints a console.
 */
static void test_run_launch_kvm(void **state)
{
	struct cli c;
	struct vbt_gen g = { 0 };
	char *p, *out, *text;

	(void)state;
	setup(&c);
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
	vb(&c, "run --target fakekvm --mode virt --root %s --build %s", c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "launch = kvm runs guest-min under KVM: it needs --mode kvm");
	vb(&c, "run --target fakekvm --mode kvm --deterministic --root %s --build %s", c.root,
	   c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "--deterministic needs launch = qemu");
	out = vb_xasprintf("%s/run", c.root);
	vb(&c, "run --target fakekvm --mode kvm --root %s --build %s --out %s", c.root, c.build,
	   out);
	if (c.status)
		fail_msg("vbench run: %s", c.err);
	text = file_in(c.root, "vmm-args");
	vbt_contains(text, "--ram 0x40000000:0x80000000 --image native.bin@0x40800000 "
			   "--image params.bin@0xbffff000 --uart 0x9000000 --vdev 0xc000000 "
			   "--gicv3 0x8000000:0x80a0000 --pmu --stats");
	free(text);
	text = file_in(out, "meta.csv");
	vbt_contains(text, "\"launch\",\"kvm\"");
	vbt_contains(text, "env VB_TEST_REMOTE=yes sh -c");
	free(text);
	free(out);
	/* --thp: vbench-vmm's madvise of the memslot, kvm mode only, on or off */
	out = vb_xasprintf("%s/run-thp", c.root);
	vb(&c, "run --target fakekvm --mode kvm --thp off --root %s --build %s --out %s", c.root,
	   c.build, out);
	if (c.status)
		fail_msg("vbench run --thp off: %s", c.err);
	text = file_in(c.root, "vmm-args");
	vbt_contains(text, "--pmu --stats --thp off");
	free(text);
	free(out);
	vb(&c, "run --target fakekvm --mode kvm --thp maybe --root %s --build %s", c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "--thp maybe: expected on or off");
	vb(&c, "run --target fakekvm --mode native --thp on --root %s --build %s", c.root, c.build);
	assert_int_equal(c.status, 2);
	vbt_contains(c.err, "--thp is vbench-vmm's: it needs --mode kvm");
	teardown(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_launch_kvm),
		cmocka_unit_test(test_help_and_usage),
		cmocka_unit_test(test_run_then_fail_then_parse),
		cmocka_unit_test(test_parse_keeps_what_was_verified),
		cmocka_unit_test(test_signal_stops_qemu),
		cmocka_unit_test(test_stale_tmp_reported),
		cmocka_unit_test(test_foreign_failed_kept),
		cmocka_unit_test(test_suite_native_once),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
