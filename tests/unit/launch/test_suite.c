/* Suite files: bench/suites/<name>.suite (docs/suites.md), every mistake refused with file:line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "launch/suite.h"

static struct vb_suite suite;

/* A root holding bench/suites/s.suite with `text`. */
static char *make_root(const char *text)
{
	char *root = vbt_tmpdir(), *p = vb_xasprintf("%s/bench", root);

	mkdir(p, 0777);
	free(p);
	p = vb_xasprintf("%s/bench/suites", root);
	mkdir(p, 0777);
	free(p);
	p = vb_xasprintf("%s/bench/suites/s.suite", root);
	vbt_write(p, text);
	free(p);
	return root;
}

static int load(const char *text, struct vb_error *e)
{
	char *root = make_root(text);
	int r = vb_suite_load(&suite, root, "s", e);

	vbt_rmdir(root);
	return r;
}

static void expect_bad(const char *text, const char *msg)
{
	struct vb_error e;

	assert_int_equal(load(text, &e), -1);
	vbt_contains(e.msg, "/bench/suites/s.suite:");
	vbt_contains(e.msg, msg);
}

static void test_repository_suites(void **state)
{
	static const char *const names[] = { "default", "pagesize", "walkcache" };
	struct vb_error e;

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (vb_suite_load(&suite, VB_SRC_ROOT, names[i], &e))
			fail_msg("%s", e.msg);
}

static void test_good(void **state)
{
	struct vb_error e;

	(void)state;
	assert_int_equal(load("description = d\nonly = hvc_null,walk_cache\nn = 5\n"
			      "footprints = 16k,1m\nconfig = 4k:2m 4k:1g\nconfig = 64k\n",
			      &e),
			 0);
	assert_string_equal(suite.only, "hvc_null,walk_cache");
	assert_int_equal(suite.n, 5);
	assert_int_equal(suite.footprints[1], 1 << 20);
	assert_int_equal(suite.nc, 2);
	assert_string_equal(suite.c[1].s2_spec, "4k");
}

/* fgets cut long lines: the text after 1023 bytes became a line of its own, and was obeyed. */
static void test_long_line(void **state)
{
	char text[3000];

	(void)state;
	memset(text, 'x', sizeof(text));
	memcpy(text, "description = ", 14);
	/* fgets into 1024 bytes stopped just before the hidden key */
	strcpy(text + 1023, "only = tlb_hit\nconfig = 4k\n");
	expect_bad(text, "s.suite:1: line longer than");
}

/* A configuration no architecture can build is the file's mistake, not a target's lack. */
static void test_impossible_config(void **state)
{
	(void)state;
	expect_bad("config = 4k\nconfig = 4k:7m\n", "s.suite:2: stage 1");
	expect_bad("config = 4k 4k:4k:l3\n", "s.suite:1: stage 2");
	expect_bad("config = 8k\n", "s.suite:1:");
	expect_bad("config = 4k::2m\n", "s.suite:1:");
}

static void test_twice(void **state)
{
	(void)state;
	expect_bad("only = hvc_null\nconfig = 4k\nonly = tlb_hit\n",
		   "s.suite:3: 'only' given twice (first on line 1)");
	expect_bad("n = 5\nn = 6\nconfig = 4k\n", "s.suite:2: 'n' given twice");
	/* the same configuration, however written, would run twice */
	expect_bad("config = 4k:2m\nconfig = 4k:2m\n", "s.suite:2: config 4k:2m 4k is ");
	expect_bad("config = 4k\nconfig = 4k:4k:wb 4k:4k:l1\n", "(line 1)");
}

/* Names the images do not have were found only once QEMU had booted. */
static void test_unknown_bench(void **state)
{
	(void)state;
	expect_bad("only = hvc_null,nosuch\nconfig = 4k\n",
		   "s.suite:1: --only: no benchmark 'nosuch'");
	expect_bad("only = nosuch\nconfig = 4k\n", "benchmarks: counter_overhead hvc_null");
	expect_bad("footprints = 16k,,1m\nconfig = 4k\n", "s.suite:1: footprints");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_repository_suites),
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_impossible_config),
		cmocka_unit_test(test_twice),
		cmocka_unit_test(test_unknown_bench),
	};

	return cmocka_run_group_tests_name("suite", tests, NULL, NULL);
}
