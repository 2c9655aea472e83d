/* Run folders appear whole or not at all; a failure never harms a good run. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "helpers.h"
#include "results/runfolder.h"

static void put(const struct vb_runfolder *rf, const char *file, const char *text)
{
	char path[PATH_MAX + 16];

	vb_runfolder_file(rf, file, path, sizeof(path));
	vbt_write(path, text);
}

static char *read_in(const char *dir, const char *file)
{
	char *path = vb_xasprintf("%s/%s", dir, file), *text = vbt_read(path);

	free(path);
	return text;
}

/* Entries of a folder, "." and ".." excluded. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

static void test_run_id(void **state)
{
	char id[64];

	(void)state;
	vb_runfolder_make_id(id, sizeof(id), 1795823460, "qemu-a72", "virt");
	assert_string_equal(id, "20261127-235100-qemu-a72-virt");
}

static void test_default_folders_are_numbered(void **state)
{
	char *dir = vbt_tmpdir(), *results = vb_xasprintf("%s/res/deep", dir), *text;
	struct vb_runfolder rf;
	struct vb_error e;

	(void)state;
	for (int i = 1; i <= 3; i++) {
		assert_int_equal(vb_runfolder_default(&rf, results, "run", &e), 0);
		assert_int_equal(vb_runfolder_begin(&rf, &e), 0);
		assert_false(vbt_exists(rf.final)); /* not before the commit */
		put(&rf, "console.log", "log");
		assert_int_equal(vb_runfolder_commit(&rf, &e), 0);
		assert_false(vbt_exists(rf.tmp));
		text = read_in(rf.final, "console.log");
		assert_string_equal(text, "log");
		free(text);
		if (i == 1)
			assert_string_equal(rf.id, "run");
		else
			assert_int_equal(atoi(strrchr(rf.id, '-') + 1), i);
	}
	assert_int_equal(count_entries(results), 3); /* run, run-2, run-3: no leftovers */
	free(results);
	vbt_rmdir(dir);
}

static void test_failure_keeps_good_folder(void **state)
{
	char *dir = vbt_tmpdir(), *good = vb_xasprintf("%s/good", dir);
	char *failed = vb_xasprintf("%s.failed", good), *text;
	struct vb_runfolder rf;
	struct vb_error e;
	char kept[PATH_MAX + 32];

	(void)state;
	mkdir(good, 0777);
	text = vb_xasprintf("%s/console.log", good);
	vbt_write(text, "old log");
	free(text);
	text = vb_xasprintf("%s/summary.csv", good);
	vbt_write(text, "good numbers");
	free(text);
	for (int round = 0; round < 2; round++) {
		assert_int_equal(vb_runfolder_out(&rf, good, &e), 0);
		assert_true(rf.replace);
		assert_int_equal(vb_runfolder_begin(&rf, &e), 0);
		put(&rf, "params.bin", "params");
		put(&rf, "console.log", round ? "second bad log" : "bad log");
		put(&rf, "summary.csv", "half written");
		assert_int_equal(vb_runfolder_fail(&rf, "the why", kept, sizeof(kept), &e), 0);
		text = vb_xasprintf("%s/console.log", failed);
		assert_string_equal(kept, text);
		free(text);
		/* The good run is untouched. */
		text = read_in(good, "console.log");
		assert_string_equal(text, "old log");
		free(text);
		text = read_in(good, "summary.csv");
		assert_string_equal(text, "good numbers");
		free(text);
		assert_int_equal(count_entries(good), 2);
		/* Only the console is kept, and the newest one, with why it failed. */
		assert_int_equal(count_entries(failed), 2);
		text = read_in(failed, "failure.txt");
		assert_string_equal(text, "the why\n");
		free(text);
		text = read_in(failed, "console.log");
		assert_string_equal(text, round ? "second bad log" : "bad log");
		free(text);
		assert_false(vbt_exists(rf.tmp));
	}
	assert_int_equal(count_entries(dir), 2); /* good, good.failed */
	free(good);
	free(failed);
	vbt_rmdir(dir);
}

static void test_out_replaces_on_success(void **state)
{
	char *dir = vbt_tmpdir(), *out = vb_xasprintf("%s/out/", dir), *text;
	struct vb_runfolder rf;
	struct vb_error e;

	(void)state;
	/* A new --out folder, then the same one again: replaced. */
	for (int round = 0; round < 2; round++) {
		assert_int_equal(vb_runfolder_out(&rf, out, &e), 0);
		assert_int_equal(rf.replace, round == 1);
		assert_string_equal(rf.id, "out");
		assert_int_equal(vb_runfolder_begin(&rf, &e), 0);
		put(&rf, "console.log", round ? "new" : "old");
		if (!round)
			put(&rf, "samples.csv", "only in the old run");
		assert_int_equal(vb_runfolder_commit(&rf, &e), 0);
	}
	text = read_in(rf.final, "console.log");
	assert_string_equal(text, "new");
	free(text);
	assert_int_equal(count_entries(rf.final),
			 1);			 /* the old samples.csv went with the old run */
	assert_int_equal(count_entries(dir), 1); /* no temporary folders left */
	free(out);
	vbt_rmdir(dir);
}

static void test_out_refuses_foreign_folder(void **state)
{
	char *dir = vbt_tmpdir(), *home = vb_xasprintf("%s/home", dir);
	char *file = vb_xasprintf("%s/file", dir);
	struct vb_runfolder rf;
	struct vb_error e;

	(void)state;
	mkdir(home, 0777);
	vbt_write(file, "x");
	assert_int_equal(vb_runfolder_out(&rf, home, &e), -1);
	vbt_contains(e.msg, "is not a run folder (no console.log)");
	assert_int_equal(vb_runfolder_out(&rf, file, &e), -1);
	assert_int_equal(vb_runfolder_out(&rf, "/", &e), -1);
	assert_true(vbt_exists(home));
	free(home);
	free(file);
	vbt_rmdir(dir);
}

static void test_abort_leaves_nothing(void **state)
{
	char *dir = vbt_tmpdir();
	struct vb_runfolder rf;
	struct vb_error e;

	(void)state;
	assert_int_equal(vb_runfolder_default(&rf, dir, "run", &e), 0);
	assert_int_equal(vb_runfolder_begin(&rf, &e), 0);
	put(&rf, "params.bin", "p");
	vb_runfolder_abort(&rf);
	assert_int_equal(count_entries(dir), 0);
	vbt_rmdir(dir);
}

/* A foreign <out>.failed that appears during the run is kept, and so is the console. */
static void test_fail_keeps_foreign_failed(void **state)
{
	char *dir = vbt_tmpdir(), *out = vb_xasprintf("%s/x", dir);
	char *failed = vb_xasprintf("%s.failed", out), *text;
	struct vb_runfolder rf;
	struct vb_error e;
	char kept[PATH_MAX + 32];

	(void)state;
	assert_int_equal(vb_runfolder_out(&rf, out, &e), 0);
	assert_int_equal(vb_runfolder_begin(&rf, &e), 0);
	put(&rf, "console.log", "bad log");
	mkdir(failed, 0777);
	text = vb_xasprintf("%s/mine", failed);
	vbt_write(text, "user data");
	free(text);
	assert_int_equal(vb_runfolder_fail(&rf, "why", kept, sizeof(kept), &e), -1);
	vbt_contains(e.msg, "x.failed exists and vbench did not make it (no failure.txt): not "
			    "replacing it; the console stays in");
	vbt_contains(e.msg, kept);
	text = vbt_read(kept);
	assert_string_equal(text, "bad log");
	free(text);
	text = read_in(failed, "mine");
	assert_string_equal(text, "user data");
	free(text);
	/* and a new run there is refused before it starts */
	assert_int_equal(vb_runfolder_out(&rf, out, &e), 0);
	assert_int_equal(vb_runfolder_begin(&rf, &e), -2); /* refused, not failed */
	vbt_contains(e.msg, "move it away or choose another folder");
	free(failed);
	free(out);
	vbt_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_id),
		cmocka_unit_test(test_default_folders_are_numbered),
		cmocka_unit_test(test_failure_keeps_good_folder),
		cmocka_unit_test(test_out_replaces_on_success),
		cmocka_unit_test(test_out_refuses_foreign_folder),
		cmocka_unit_test(test_abort_leaves_nothing),
		cmocka_unit_test(test_fail_keeps_foreign_failed),
	};

	return cmocka_run_group_tests_name("runfolder", tests, NULL, NULL);
}
