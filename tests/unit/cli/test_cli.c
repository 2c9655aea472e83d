/* The vbench program itself, end to end, with a fake QEMU. */
#include <libgen.h>
#include <limits.h>
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

/* build/tests/unit/cli/test_cli -> build/bin/vbench */
static void find_vbench(struct cli *c)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	assert_true(n > 0);
	exe[n] = '\0';
	snprintf(c->vbench, sizeof(c->vbench), "%s/bin/vbench",
		 dirname(dirname(dirname(dirname(exe)))));
	if (access(c->vbench, X_OK))
		fail_msg("no %s: build it first (make harness)", c->vbench);
}

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
	find_vbench(c);
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
	vb(&c, "run --suite s --target fake --root %s --build %s --results %s/res", c.root, c.build,
	   c.root);
	/* the fake console does not verify: every run fails, but each is announced */
	assert_int_equal(c.status, 1);
	vbt_contains(c.err, "[1/3] fake virt s1-4k_s2-4k");
	vbt_contains(c.err, "[2/3] fake native s1-4k");
	vbt_contains(c.err, "[3/3] fake virt s1-4k_s2-4k-2m");
	teardown(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_help_and_usage),
		cmocka_unit_test(test_run_then_fail_then_parse),
		cmocka_unit_test(test_suite_native_once),
	};

	return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
