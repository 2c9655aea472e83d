/*
 * Issue #11: run parameters over the serial line. QEMU's serial on a pty
 * stands in for a board's tty (target key params_via = serial): vbench opens
 * it through harness/launch/serial.c as it opens /dev/ttyUSB0, the images
 * say hello, take the block, confirm it, and every run option is honoured:
 * the rows equal, cell for cell, those of the same run with QEMU's loader.
 * The images' own side is driven by hand too: a damaged block is refused
 * with its reason, and the next good one taken.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "qemu_run.h"
#include "launch/launch.h"
#include "launch/params.h"
#include "vb/params.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *const targets[] = { "qemu-a72", "qemu-a15" };
static char roots[N(targets)][256];

/* A source root whose target file is the real one plus params_via = serial. */
static void make_root(size_t i)
{
	char cmd[1024];

	snprintf(roots[i], sizeof(roots[i]), "%s/vbench-serial-XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(roots[i]));
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/bench/targets && cp %s/bench/targets/%s.conf %s/bench/targets/ && "
		 "echo 'params_via = serial' >> %s/bench/targets/%s.conf",
		 roots[i], VB_SRC_ROOT, targets[i], roots[i], roots[i], targets[i]);
	assert_int_equal(system(cmd), 0);
}

static void remove_roots(void)
{
	char cmd[600];

	for (size_t i = 0; i < N(targets); i++)
		if (roots[i][0]) {
			snprintf(cmd, sizeof(cmd), "rm -rf %s", roots[i]);
			if (system(cmd))
				fprintf(stderr, "cannot remove %s\n", roots[i]);
		}
}

static size_t lines(const char *s)
{
	size_t n = 0;

	for (; s && *s; s++)
		n += *s == '\n';
	return n;
}

/* The same run through QEMU's loader and over the pty: the same rows. */
static void check_mode(size_t ti, const char *mode, const char *only)
{
	const char *const opts[] = { "--only", only, "--n", "50", "--samples", NULL };
	const char *const pty[] = { "--root", roots[ti], "--only",    only,
				    "--n",    "50",	 "--samples", NULL };
	char want[128];
	struct qemu_run a, b;
	struct vb_csv_table ta, tb;
	char *console, *samples;

	assert_int_equal(qemu_run(&a, targets[ti], mode, opts), 0);
	assert_int_equal(qemu_run(&b, targets[ti], mode, pty), 0);
	if (a.status || b.status)
		fail_msg("loader: %d %s\npty: %d %s", a.status, a.err, b.status, b.err);
	console = qemu_file_in_must(b.dir, "console.log");
	assert_non_null(strstr(console, "@vbp hello target="));
	assert_non_null(strstr(console, "@vbp params crc="));
	snprintf(want, sizeof(want), "only=%s ", only);
	assert_non_null(strstr(console, want));
	free(console);
	console = qemu_file_in_must(a.dir, "console.log");
	assert_null(strstr(console, "@vbp ")); /* a loaded block: no handshake */
	free(console);
	samples = qemu_file_in_must(b.dir, "samples.csv");
	assert_int_equal(lines(samples), 1 + 2 * 50);
	free(samples);
	assert_int_equal(qemu_summary(&a, &ta), 0);
	assert_int_equal(qemu_summary(&b, &tb), 0);
	assert_int_equal(ta.nrows, 3);
	assert_int_equal(tb.nrows, ta.nrows);
	for (size_t row = 1; row < ta.nrows; row++) {
		assert_int_equal(qemu_cell_long(&tb, row, "n"), 50);
		for (size_t c = 0; c < ta.rows[0].n; c++) {
			const char *col = ta.rows[0].f[c];

			if (!strcmp(col, "run_id"))
				continue;
			if (strcmp(vb_csv_cell(&ta, row, col), vb_csv_cell(&tb, row, col)))
				fail_msg("%s %s row %zu %s: loader %s, pty %s", targets[ti], mode,
					 row, col, vb_csv_cell(&ta, row, col),
					 vb_csv_cell(&tb, row, col));
		}
	}
	vb_csv_free(&ta);
	vb_csv_free(&tb);
}

static void test_virt(void **state)
{
	check_mode((size_t)(uintptr_t)*state, "virt", "hvc_null,mmio_read");
}

static void test_native(void **state)
{
	/* rows that measure natively (hvc_null and mmio_read are na there) */
	check_mode((size_t)(uintptr_t)*state, "native", "counter_overhead,s2perm_rw");
}

/* Reads the pty until a line holding `want` (kept in line), or fails after 30 s. */
static void expect_line(int fd, const char *want, char *line, size_t n)
{
	size_t len = 0;
	uint64_t until = vb_now_ms() + 30000;

	while (vb_now_ms() < until) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		char c;

		if (poll(&p, 1, 200) <= 0 || read(fd, &c, 1) != 1)
			continue;
		if (c != '\n') {
			if (len + 1 < n)
				line[len++] = c;
			continue;
		}
		line[len] = '\0';
		if (strstr(line, want))
			return;
		if (getenv("VB_TEST_VERBOSE"))
			fprintf(stderr, "%s\n", line);
		len = 0;
	}
	line[len] = '\0';
	fail_msg("no line with '%s' within 30 s (last: %s)", want, line);
}

/* hyp-min's side, by hand: a damaged block refused with its reason, the next one taken. */
static void test_damaged_block(void **state)
{
	size_t ti = (size_t)(uintptr_t)*state;
	struct vb_target t;
	struct vb_error e;
	struct vb_argv a;
	char image[512], line[2048], dev[128] = "", out[512];
	uint8_t block[sizeof(struct vb_params)];
	int fds[2], fd;
	pid_t pid;

	assert_int_equal(vb_target_load(&t, roots[ti], targets[ti], &e), 0);
	snprintf(image, sizeof(image), "%s/build/%s/virt.elf", VB_SRC_ROOT, targets[ti]);
	struct vb_launch l = { .target = &t, .image = image, .params = "unused" };
	assert_int_equal(vb_launch_qemu_argv(&l, &a, &e), 0);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		setpgid(0, 0);
		execvp(a.v[0], a.v);
		_exit(127);
	}
	close(fds[1]);
	ssize_t got = read(fds[0], out, sizeof(out) - 1); /* "char device redirected to ..." */
	assert_true(got > 0);
	out[got] = '\0';
	assert_int_equal(sscanf(strstr(out, "/dev/"), "%127s", dev), 1);
	fd = vb_serial_open(dev, 115200, &e);
	assert_true(fd >= 0);
	expect_line(fd, "@vbp hello ", line, sizeof(line));
	assert_non_null(strstr(line, "image=hyp-min"));
	assert_non_null(strstr(line, "size=396"));
	assert_int_equal(
		vb_params_build(block,
				&(struct vb_param_values){ .samples = 7, .only = "hvc_null" }, &e),
		0);
	block[40] ^= 1; /* a bit of `only` flipped on the line */
	assert_int_equal(vb_write_all(fd, block, sizeof(block)), 0);
	expect_line(fd, "@vbp refused ", line, sizeof(line));
	assert_non_null(strstr(line, "reason=crc"));
	block[40] ^= 1;
	assert_int_equal(vb_write_all(fd, block, sizeof(block)), 0);
	expect_line(fd, "@vbp params ", line, sizeof(line));
	assert_non_null(strstr(line, "samples=7 "));
	assert_non_null(strstr(line, "only=hvc_null "));
	expect_line(fd, "@vb1 g 0 begin ", line, sizeof(line));
	assert_non_null(strstr(line, " samples=7 "));
	close(fd);
	kill(-pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(fds[0]);
	vb_argv_free(&a);
	vb_target_free(&t);
}

int main(void)
{
	static const struct qemu_check checks[] = {
		{ "virt", test_virt },
		{ "native", test_native },
		{ "damaged_block", test_damaged_block },
	};
	void *states[N(targets)];
	int failed;

	for (size_t i = 0; i < N(targets); i++) {
		make_root(i);
		states[i] = (void *)(uintptr_t)i;
	}
	failed = qemu_run_checks("serial", checks, N(checks), states, targets, N(targets));
	remove_roots();
	return failed;
}
