/*
 * The LAVA round trip (docs/lava.md): `vbench lava job` writes a job for a
 * QEMU target, Debian's lava-dispatcher runs it locally (lava-run, as root,
 * no server), `vbench lava ingest` turns the job's log into a run folder,
 * which must be verified and hold exactly the rows of a direct
 * deterministic run. A job whose image never prints its end record must
 * fail in LAVA and in the ingest, with a message that says why.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "launch/params.h"
#include "qemu_run.h"

#define RUN_OPTS \
	"--deterministic --n 20 --only counter_overhead,hvc_null,mmio_read,virq_lr,walk_cache"

struct lava_case {
	const char *target;
	char dir[256]; /* job files, logs, folders */
};

static struct lava_case a72 = { .target = "qemu-a72" };
static struct lava_case a15 = { .target = "qemu-a15" };

static const char *vbench(void)
{
	const char *v = getenv("VBENCH");

	return v ? v : VB_SRC_ROOT "/build/bin/vbench";
}

/* Runs a shell command, its output (both streams) into out; its exit status. */
static int sh(char *out, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int sh(char *out, size_t len, const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	FILE *p;
	size_t n = 0;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	assert_non_null(p);
	while (n + 1 < len && fgets(out + n, (int)(len - n), p))
		n += strlen(out + n);
	out[n] = '\0';
	st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* lava-run needs root and the package; without them there is nothing to check here. */
static int lava_missing(void)
{
	char out[256];

	if (geteuid() != 0) {
		printf("# lava-run runs jobs as root only: not checked as this user\n");
		return 1;
	}
	if (sh(out, sizeof(out), "command -v lava-run")) {
		printf("# lava-run is not installed (make deps installs lava-dispatcher)\n");
		return 1;
	}
	return 0;
}

static int setup(void **state)
{
	struct lava_case *c = *state;

	snprintf(c->dir, sizeof(c->dir), "%s/vbench-lava-%s-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", c->target);
	return mkdtemp(c->dir) ? 0 : -1;
}

static int teardown(void **state)
{
	struct lava_case *c = *state;
	char out[256];

	if (!getenv("VBENCH_KEEP_TEST_RUNS"))
		sh(out, sizeof(out), "rm -rf '%s'", c->dir);
	return 0;
}

/* Writes the job for the target into c->dir; its path into job. */
static void make_job(const struct lava_case *c, char *job, size_t len)
{
	char out[4096];

	if (sh(out, sizeof(out),
	       "'%s' lava job --target %s " RUN_OPTS " --jobs '%s' --image-url file://%s/build "
	       "--params-url 'file://%s' 2>&1",
	       vbench(), c->target, c->dir, VB_SRC_ROOT, c->dir))
		fail_msg("vbench lava job: %s", out);
	assert_non_null(strstr(out, ".yaml"));
	snprintf(job, len, "%.*s", (int)strcspn(out, "\n"), out);
}

/* Every data row of two summary.csv files equal but for the run id. */
static void same_rows(const char *a_dir, const char *b_dir)
{
	struct vb_csv_table a, b;
	struct vb_error e;
	char pa[600], pb[600];

	snprintf(pa, sizeof(pa), "%s/summary.csv", a_dir);
	snprintf(pb, sizeof(pb), "%s/summary.csv", b_dir);
	if (vb_csv_read(pa, &a, &e) || vb_csv_read(pb, &b, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(a.nrows, b.nrows);
	assert_true(a.nrows > 5);
	for (size_t r = 0; r < a.nrows; r++) {
		assert_int_equal(a.rows[r].n, b.rows[r].n);
		for (size_t i = 0; i < a.rows[r].n; i++)
			if (r == 0 || strcmp(a.rows[0].f[i], "run_id"))
				assert_string_equal(a.rows[r].f[i], b.rows[r].f[i]);
	}
	vb_csv_free(&a);
	vb_csv_free(&b);
}

/* LAVA's own result for bench (its test case) carries the median the run folder has. */
static void lava_measurement_is_median(const struct lava_case *c, const char *bench)
{
	struct vb_csv_table t;
	struct vb_error e;
	char out[256], path[600];
	size_t row;

	if (sh(out, sizeof(out),
	       "grep '\"case\": \"%s_config_s1_4k_s2_4k\", \"definition\": \"vbench\"' "
	       "'%s/job.log' | sed 's/.*\"measurement\": \"\\([0-9]*\\)\".*/\\1/'",
	       bench, c->dir))
		fail_msg("no LAVA test case for %s in %s/job.log", bench, c->dir);
	snprintf(path, sizeof(path), "%s/run/summary.csv", c->dir);
	if (vb_csv_read(path, &t, &e))
		fail_msg("%s", e.msg);
	row = qemu_row(&t, bench);
	assert_true(row > 0);
	assert_int_equal(strtol(out, NULL, 10), qemu_cell_long(&t, row, "median"));
	vb_csv_free(&t);
}

static void test_round_trip(void **state)
{
	struct lava_case *c = *state;
	const char *extra[] = { "--n", "20", "--only",
				"counter_overhead,hvc_null,mmio_read,virq_lr,walk_cache", NULL };
	char job[512], out[8192];
	struct qemu_run direct;
	int id = (int)getpid();

	if (lava_missing())
		skip();
	assert_int_equal(qemu_run(&direct, c->target, "virt", extra), 0);
	if (direct.status)
		fail_msg("vbench run: %s", direct.err);
	make_job(c, job, sizeof(job));
	if (sh(out, sizeof(out),
	       "lava-run --validate --job-id %d --output-dir '%s/validate' "
	       "--device '%s/bench/lava/%s.yaml' '%s' 2>&1",
	       id, c->dir, VB_SRC_ROOT, c->target, job))
		fail_msg("lava-run --validate: %s", out);
	if (sh(out, sizeof(out),
	       "lava-run --job-id %d --output-dir '%s/out' --device '%s/bench/lava/%s.yaml' '%s' "
	       "2>'%s/job.log'",
	       id, c->dir, VB_SRC_ROOT, c->target, job, c->dir))
		fail_msg("lava-run failed: see %s/job.log", c->dir);
	if (sh(out, sizeof(out),
	       "'%s' lava ingest '%s/job.log' --job-id %d --device %s-local --worker %s "
	       "--out '%s/run' 2>&1",
	       vbench(), c->dir, id, c->target, "localhost", c->dir))
		fail_msg("vbench lava ingest: %s", out);
	same_rows(direct.dir, strcat(strcpy(out, c->dir), "/run"));
	assert_int_equal(sh(out, sizeof(out), "grep -c '\"lava_job_id\",\"%d\"' '%s/run/meta.csv'",
			    id, c->dir),
			 0);
	lava_measurement_is_median(c, "hvc_null");
	lava_measurement_is_median(c, "mmio_read");
}

/* The image stops with an error record before its begin: LAVA never sees the start. */
static void test_failed_job(void **state)
{
	struct lava_case *c = *state;
	struct vb_param_values pv = { .flags = VB_PARAM_DETERMINISTIC, .only = "no_such_bench" };
	char job[512], out[8192], params[600];
	struct vb_error e;

	if (lava_missing())
		skip();
	make_job(c, job, sizeof(job));
	snprintf(params, sizeof(params), "%s/%s-virt.params.bin", c->dir, c->target);
	if (vb_params_write(params, &pv, &e))
		fail_msg("%s", e.msg);
	assert_int_not_equal(sh(out, sizeof(out),
				"lava-run --job-id %d --output-dir '%s/out' --device "
				"'%s/bench/lava/%s.yaml' '%s' 2>'%s/job.log'",
				(int)getpid() + 1, c->dir, VB_SRC_ROOT, c->target, job, c->dir),
			     0);
	assert_int_equal(sh(out, sizeof(out), "'%s' lava ingest '%s/job.log' --out '%s/run' 2>&1",
			    vbench(), c->dir, c->dir),
			 1);
	assert_non_null(strstr(out, "the LAVA job failed"));
	assert_non_null(strstr(out, "unknown_bench"));
	assert_int_not_equal(access(strcat(strcpy(params, c->dir), "/run"), F_OK), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		{ "round_trip(qemu-a72)", test_round_trip, setup, teardown, &a72 },
		{ "round_trip(qemu-a15)", test_round_trip, setup, teardown, &a15 },
		{ "failed_job(qemu-a72)", test_failed_job, setup, teardown, &a72 },
	};

	return cmocka_run_group_tests_name("lava", tests, NULL, NULL);
}
