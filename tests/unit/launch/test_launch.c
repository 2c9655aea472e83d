/* Launching QEMU (here a fake one) and reading its console until end, error or timeout. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "launch/launch.h"
#include "launch/target.h"

static const uint64_t vals[] = { 5, 6, 7 };

struct fixture {
	char *root, *log;
	struct vb_target t;
	struct vb_stream s;
	struct vb_launch l;
	struct vb_launch_outcome o;
};

static bool on_line(void *ctx, const char *line, size_t len)
{
	return vb_stream_line(ctx, line, len);
}

static void setup(struct fixture *f, const char *console, const char *after)
{
	struct vb_error e;

	memset(f, 0, sizeof(*f));
	f->root = vbt_fake_root();
	vbt_fake_console(f->root, console, after);
	if (vb_target_load(&f->t, f->root, "fake", &e))
		fail_msg("%s", e.msg);
	f->log = vb_xasprintf("%s/console.log", f->root);
	vb_stream_init(&f->s, NULL);
	f->l = (struct vb_launch){ .target = &f->t,
				   .image = "/img/virt.elf",
				   .params = "/run,1/params.bin",
				   .timeout_s = 20,
				   .grace_ms = 200,
				   .err_fd = -1,
				   .fn = on_line,
				   .ctx = &f->s };
	f->l.log_fd = open(f->log, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	assert_true(f->l.log_fd >= 0);
}

static void teardown(struct fixture *f)
{
	close(f->l.log_fd);
	vb_stream_free(&f->s);
	vb_target_free(&f->t);
	free(f->log);
	vbt_rmdir(f->root);
}

static char *good_console(bool end)
{
	struct vbt_gen g = { 0 };

	vbt_raw(&g, "boot noise\n");
	vbt_prologue(&g, "virt", 1);
	vbt_result(&g, "a", vals, 3);
	if (end)
		vbt_end(&g);
	return g.b.s;
}

static void test_argv(void **state)
{
	struct fixture f;
	struct vb_argv a;
	struct vb_error e;
	char *joined;

	(void)state;
	setup(&f, "", "exit 0");
	f.l.deterministic = true;
	assert_int_equal(vb_launch_qemu_argv(&f.l, &a, &e), 0);
	joined = vb_argv_join(&a);
	vbt_contains(joined,
		     "/fake-qemu -M virt -cpu cortex-a72 -m 2048M -display none -nodefaults "
		     "-serial stdio -monitor none -no-reboot -kernel /img/virt.elf -device "
		     "loader,file=/run,,1/params.bin,addr=0xbffff000,force-raw=on "
		     "-icount shift=0,sleep=off");
	assert_string_equal(a.v[a.n - 1], "shift=0,sleep=off");
	assert_null(a.v[a.n]);
	free(joined);
	vb_argv_free(&a);
	teardown(&f);
}

static void test_stops_after_end_and_kills(void **state)
{
	struct fixture f;
	struct vb_error e;
	char *console = good_console(true), *log, *args, *in;
	uint64_t t0 = vb_now_ms();

	(void)state;
	setup(&f, console, "exec sleep 30");
	assert_int_equal(vb_launch_run(&f.l, &f.o, &e), 0);
	assert_int_equal(f.o.how, VB_PUMP_STOP_OPEN); /* read for grace_ms after the end */
	assert_true(f.o.killed);		      /* it never exited by itself */
	assert_true(vb_now_ms() - t0 < 5000);
	assert_int_equal(vb_stream_finish(&f.s, NULL, &e), 0);
	log = vbt_read(f.log);
	assert_string_equal(log, console); /* byte for byte */
	in = vb_xasprintf("%s/args", f.root);
	args = vbt_read(in);
	vbt_contains(args, "-serial\nstdio\n");
	vbt_contains(args, "-kernel\n/img/virt.elf\n");
	assert_null(strstr(args, "-icount")); /* not deterministic */
	free(args);
	free(in);
	in = vb_xasprintf("%s/stdin", f.root);
	args = vbt_read(in);
	assert_string_equal(args, "/dev/null\n");
	free(args);
	free(in);
	free(log);
	free(console);
	teardown(&f);
}

static void test_clean_exit_after_end(void **state)
{
	struct fixture f;
	struct vb_error e;
	char *console = good_console(true);

	(void)state;
	setup(&f, console, "exit 0");
	assert_int_equal(vb_launch_run(&f.l, &f.o, &e), 0);
	assert_false(f.o.killed);
	assert_int_equal(f.o.status, 0);
	assert_int_equal(vb_stream_finish(&f.s, f.o.cut[0] ? f.o.cut : NULL, &e), 0);
	free(console);
	teardown(&f);
}

/* What QEMU prints after the guest's end is still read: a hyp-min error there fails the run. */
static void test_record_after_end(void **state)
{
	struct fixture f;
	struct vb_error e;
	char *good = good_console(true), *err = vbt_record("h 1 error kind=unexpected msg=late");
	char *console = vb_xasprintf("%sshutting down\n%s\n", good, err);

	(void)state;
	setup(&f, console, "sleep 0.1; exit 0");
	assert_int_equal(vb_launch_run(&f.l, &f.o, &e), 0);
	assert_int_equal(f.o.how, VB_PUMP_STOP);
	assert_false(f.o.killed);
	assert_int_equal(vb_stream_finish(&f.s, NULL, &e), -1);
	vbt_contains(e.msg, "console line 7: record h:1 'error' after the guest's end record "
			    "(line 5)");
	free(console);
	free(err);
	free(good);
	teardown(&f);
}

static void test_timeout(void **state)
{
	struct fixture f;
	struct vb_error e;
	char *console = good_console(false);
	uint64_t t0 = vb_now_ms();

	(void)state;
	setup(&f, console, "exec sleep 30");
	f.l.timeout_s = 1;
	assert_int_equal(vb_launch_run(&f.l, &f.o, &e), 0);
	assert_int_equal(f.o.how, VB_PUMP_TIMEOUT);
	assert_true(vb_now_ms() - t0 < 4000);
	assert_int_equal(vb_stream_finish(&f.s, f.o.cut, &e), -1);
	vbt_contains(e.msg, "timeout after 1 s before the end record: truncated stream (last "
			    "record g:1 at console line 4)");
	free(console);
	teardown(&f);
}

static void test_exit_before_end(void **state)
{
	struct fixture f;
	struct vb_error e;
	char *console = good_console(false);

	(void)state;
	setup(&f, console, "exit 3");
	assert_int_equal(vb_launch_run(&f.l, &f.o, &e), 0);
	assert_int_equal(f.o.how, VB_PUMP_EOF);
	assert_int_equal(f.o.status, 3);
	assert_int_equal(vb_stream_finish(&f.s, f.o.cut, &e), -1);
	vbt_contains(e.msg, "fake-qemu exited with status 3 before the end record");
	free(console);
	teardown(&f);
}

static void test_missing_qemu(void **state)
{
	struct fixture f;
	struct vb_error e;

	(void)state;
	setup(&f, "", "exit 0");
	free(f.t.qemu);
	f.t.qemu = vb_xstrdup("/nonexistent/qemu-system-aarch64 -M virt");
	assert_int_equal(vb_launch_run(&f.l, &f.o, &e), -1);
	vbt_contains(e.msg, "cannot run /nonexistent/qemu-system-aarch64: No such file");
	teardown(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_argv),
		cmocka_unit_test(test_stops_after_end_and_kills),
		cmocka_unit_test(test_clean_exit_after_end),
		cmocka_unit_test(test_record_after_end),
		cmocka_unit_test(test_timeout),
		cmocka_unit_test(test_exit_before_end),
		cmocka_unit_test(test_missing_qemu),
	};

	return cmocka_run_group_tests_name("launch", tests, NULL, NULL);
}
