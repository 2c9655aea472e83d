#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "qemu_run.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* All runs of one test program go under one temporary folder, removed at exit. */
static char run_root[256];

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void remove_run_root(void)
{
	if (!getenv("VBENCH_KEEP_TEST_RUNS"))
		nftw(run_root, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *run_root_dir(void)
{
	if (!run_root[0]) {
		snprintf(run_root, sizeof(run_root), "%s/vbench-it-XXXXXX",
			 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if (!mkdtemp(run_root))
			return "/tmp";
		atexit(remove_run_root);
	}
	return run_root;
}

static const char *vbench_path(void)
{
	const char *v = getenv("VBENCH");

	return v ? v : VB_SRC_ROOT "/build/bin/vbench";
}

int qemu_run(struct qemu_run *r, const char *target, const char *mode, const char *const *extra)
{
	static unsigned counter;
	const char *argv[32] = {
		vbench_path(),	   "run",	"--target", target,  "--mode", mode,
		"--deterministic", "--timeout", "60",	    "--out", r->dir
	};
	int errpipe[2];
	unsigned n = 11;
	pid_t pid;

	snprintf(r->dir, sizeof(r->dir), "%s/%u-%s-%s", run_root_dir(), counter++, target, mode);
	for (; extra && *extra && n < 31; extra++)
		argv[n++] = *extra;
	argv[n] = NULL;
	if (pipe(errpipe))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(errpipe[1], 2);
		close(errpipe[0]);
		if (!freopen("/dev/null", "w", stdout))
			_exit(126);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(errpipe[1]);
	size_t len = 0;
	ssize_t got;
	while ((got = read(errpipe[0], r->err + len, sizeof(r->err) - 1 - len)) > 0)
		len += (size_t)got;
	r->err[len] = '\0';
	close(errpipe[0]);
	if (waitpid(pid, &r->status, 0) < 0)
		return -1;
	r->status = WIFEXITED(r->status) ? WEXITSTATUS(r->status) : 128;
	return 0;
}

int qemu_summary(const struct qemu_run *r, struct vb_csv_table *t)
{
	char path[600];
	struct vb_error e;

	snprintf(path, sizeof(path), "%s/summary.csv", r->dir);
	memset(t, 0, sizeof(*t));
	return vb_csv_read(path, t, &e);
}

size_t qemu_row(const struct vb_csv_table *t, const char *bench)
{
	for (size_t row = 1; row < t->nrows; row++) {
		const char *b = vb_csv_cell(t, row, "bench");

		if (b && strcmp(b, bench) == 0)
			return row;
	}
	return 0;
}

long qemu_cell_long(const struct vb_csv_table *t, size_t row, const char *column)
{
	const char *c = vb_csv_cell(t, row, column);
	char *end;
	long v;

	if (!c || !*c)
		return -1;
	v = strtol(c, &end, 10);
	return *end ? -1 : v;
}

int qemu_run_checks(const char *group, const struct qemu_check *checks, size_t nchecks,
		    void *const *states, const char *const *names, size_t ntargets)
{
	struct CMUnitTest *tests = calloc(nchecks * ntargets, sizeof(*tests));
	char(*name)[96] = calloc(nchecks * ntargets, sizeof(*name));
	size_t n = 0;
	int failed;

	if (!tests || !name)
		return 1;
	for (size_t c = 0; c < nchecks; c++) {
		for (size_t t = 0; t < ntargets; t++, n++) {
			snprintf(name[n], sizeof(name[n]), "%s(%s)", checks[c].name, names[t]);
			tests[n] = (struct CMUnitTest){ .name = name[n],
							.test_func = checks[c].test,
							.initial_state = states[t] };
		}
	}
	failed = _cmocka_run_group_tests(group, tests, n, NULL, NULL);
	free(tests);
	free(name);
	return failed;
}

char *qemu_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET)) {
		buf = calloc(1, (size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
	}
	fclose(f);
	return buf;
}

char *qemu_file_must(const char *path)
{
	char *buf = qemu_file(path);

	if (!buf)
		fail_msg("cannot read %s", path);
	return buf;
}

char *qemu_file_in_must(const char *dir, const char *name)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return qemu_file_must(path);
}
