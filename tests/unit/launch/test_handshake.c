/* vbench's side of the parameter handshake: what it sends, when, and when it gives up. */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "launch/handshake.h"
#include "launch/launch.h"
#include "launch/target.h"
#include "launch/params.h"
#include "records/record.h"
#include "vb/params.h"

struct fix {
	char *root, *params;
	int pipe[2]; /* vbench writes the block to [1], the test reads [0] */
	struct vb_handshake h;
	unsigned passed; /* lines handed on to the run */
	unsigned char block[sizeof(struct vb_params)];
};

static bool on_line(void *ctx, const char *line, size_t len)
{
	(void)line;
	(void)len;
	((struct fix *)ctx)->passed++;
	return false;
}

static void setup(struct fix *f)
{
	struct vb_error e;

	memset(f, 0, sizeof(*f));
	f->root = vbt_fake_root();
	f->params = vb_xasprintf("%s/params.bin", f->root);
	assert_int_equal(
		vb_params_write(f->params,
				&(struct vb_param_values){ .samples = 50, .only = "hvc_null" }, &e),
		0);
	assert_int_equal(
		vb_params_build(f->block,
				&(struct vb_param_values){ .samples = 50, .only = "hvc_null" }, &e),
		0);
	assert_int_equal(pipe2(f->pipe, O_NONBLOCK), 0);
	assert_int_equal(vb_handshake_init(&f->h, f->pipe[1], f->params, on_line, f, &e), 0);
}

static void teardown(struct fix *f)
{
	close(f->pipe[0]);
	close(f->pipe[1]);
	free(f->params);
	vbt_rmdir(f->root);
}

/* Feeds one `@vbp` line with its CRC (bad_crc: damaged), after some noise. */
static bool feed(struct fix *f, const char *body, int bad_crc)
{
	char line[512];
	int n = snprintf(line, sizeof(line), "noise%s ", body);

	snprintf(line + n, sizeof(line) - (size_t)n, "*%08x",
		 vb_record_crc(line + 5, (size_t)n - 5) ^ (bad_crc ? 1u : 0u));
	return vb_handshake_line(&f->h, line, strlen(line));
}

/* How many whole blocks vbench wrote since the last call; each must be params.bin. */
static unsigned sent(struct fix *f)
{
	unsigned char buf[4096];
	ssize_t n = read(f->pipe[0], buf, sizeof(buf));

	if (n <= 0)
		return 0;
	assert_int_equal((size_t)n % sizeof(f->block), 0);
	for (size_t i = 0; i < (size_t)n; i += sizeof(f->block))
		assert_memory_equal(buf + i, f->block, sizeof(f->block));
	return (unsigned)((size_t)n / sizeof(f->block));
}

static const char hello[] = "@vbp hello target=t rev=r image=hyp-min accepts=vbp1 size=396";

static void confirm(struct fix *f, const char *crc_field)
{
	char body[256];

	snprintf(body, sizeof(body), "@vbp params crc=%s size=396", crc_field);
	feed(f, body, 0);
}

static void test_hello_send_confirm(void **state)
{
	struct fix f;
	char crc[16];

	(void)state;
	setup(&f);
	assert_false(feed(&f, hello, 0));
	assert_int_equal(sent(&f), 1);
	/* a damaged hello is not answered, and not the run's either */
	assert_false(feed(&f, hello, 1));
	assert_int_equal(sent(&f), 0);
	assert_int_equal(f.passed, 1);
	snprintf(crc, sizeof(crc), "0x%x",
		 f.block[sizeof(f.block) - 4] | f.block[sizeof(f.block) - 3] << 8 |
			 f.block[sizeof(f.block) - 2] << 16 |
			 (unsigned)f.block[sizeof(f.block) - 1] << 24);
	confirm(&f, crc);
	assert_true(f.h.confirmed);
	assert_false(f.h.failed);
	/* the run's records go on to the run */
	assert_false(vb_handshake_line(&f.h, "@vb1 g 0 begin", 14));
	assert_int_equal(f.passed, 2);
	/* a hello after that: the board restarted */
	assert_true(feed(&f, hello, 0));
	vbt_contains(f.h.msg, "the board restarted");
	teardown(&f);
}

/*
 * One boot for a suite (session.c): hellos the images said while vbench was
 * writing the last run wait queued on the line; only the last gets a block,
 * or the spare one would reach the images' next handshake, stale. Nor does
 * a hello said while the block is on its way (a refusal does).
 */
static void test_only_the_last_queued_hello_answered(void **state)
{
	struct fix f;
	int sp[2];
	char buf[64];

	(void)state;
	setup(&f);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sp), 0);
	f.h.fd = sp[0];
	f.h.latest_hello = true;
	assert_int_equal(write(sp[1], "@vbp hello ...\n", 15), 15); /* another hello waits */
	assert_false(feed(&f, hello, 0));
	assert_int_equal(f.passed, 1); /* handed on to the console, not answered */
	assert_int_equal(read(sp[1], buf, sizeof(buf)), -1);
	assert_int_equal(read(sp[0], buf, sizeof(buf)), 15); /* the line read up to the last one */
	assert_false(feed(&f, hello, 0));
	assert_int_equal(read(sp[1], buf, sizeof(buf)), (ssize_t)sizeof(buf)); /* the block */
	while (read(sp[1], buf, sizeof(buf)) > 0)
		;
	/* a hello while the block is on its way gets none; a refusal gets it again */
	assert_false(feed(&f, hello, 0));
	assert_int_equal(read(sp[1], buf, sizeof(buf)), -1);
	assert_false(feed(&f, "@vbp refused reason=crc", 0));
	assert_true(read(sp[1], buf, sizeof(buf)) > 0);
	close(sp[0]);
	close(sp[1]);
	teardown(&f);
}

static void test_refused_retried_then_fail(void **state)
{
	struct fix f;

	(void)state;
	setup(&f);
	assert_false(feed(&f, hello, 0));
	for (unsigned i = 1; i < VB_HANDSHAKE_TRIES; i++)
		assert_false(feed(&f, "@vbp refused reason=crc", 0));
	assert_int_equal(sent(&f), VB_HANDSHAKE_TRIES);
	assert_true(feed(&f, "@vbp refused reason=crc", 0));
	assert_int_equal(sent(&f), 0);
	assert_true(f.h.failed);
	vbt_contains(f.h.msg, "refused the block 5 times (last: crc)");
	teardown(&f);
}

static void test_wrong_confirmation_or_size(void **state)
{
	struct fix f;

	(void)state;
	setup(&f);
	assert_false(feed(&f, hello, 0));
	confirm(&f, "0x1234");
	assert_true(f.h.failed);
	vbt_contains(f.h.msg, "confirmed crc=0x1234");
	teardown(&f);

	setup(&f);
	assert_true(feed(&f, "@vbp hello target=t accepts=vbp1 size=300", 0));
	assert_int_equal(sent(&f), 0);
	vbt_contains(f.h.msg, "another parameter block size");
	teardown(&f);
}

/* A board on a pty: vbench opens the slave as it opens /dev/ttyUSB0; the test is the board. */
struct board {
	struct fix f;
	int master;
	struct vb_target t;
	struct vb_launch l;
	struct vb_launch_outcome o;
};

static bool stop_at_done(void *ctx, const char *line, size_t len)
{
	(void)ctx;
	return len >= 4 && !memcmp(line, "done", 4);
}

static void board_setup(struct board *b)
{
	struct vb_error e;
	char *log;

	setup(&b->f);
	b->master = posix_openpt(O_RDWR | O_NOCTTY);
	assert_true(b->master >= 0);
	assert_int_equal(grantpt(b->master), 0);
	assert_int_equal(unlockpt(b->master), 0);
	assert_int_equal(vb_target_load(&b->t, b->f.root, "fake", &e), 0);
	b->t.launch = VB_LAUNCH_SERIAL;
	b->t.params_via = VB_PARAMS_SERIAL;
	free(b->t.serial); /* "" when the file names none */
	b->t.serial = vb_xstrdup(ptsname(b->master));
	b->t.baud = 115200;
	log = vb_xasprintf("%s/console.log", b->f.root);
	b->l = (struct vb_launch){ .target = &b->t,
				   .image = "/img/virt.bin",
				   .params = b->f.params,
				   .timeout_s = 1,
				   .err_fd = -1,
				   .fn = stop_at_done };
	b->l.log_fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	assert_true(b->l.log_fd >= 0);
	free(log);
}

static void board_teardown(struct board *b)
{
	close(b->l.log_fd);
	close(b->master);
	vb_target_free(&b->t);
	teardown(&b->f);
}

static void test_board_never_says_hello(void **state)
{
	struct board b;
	struct vb_error e;

	(void)state;
	board_setup(&b);
	assert_int_equal(vb_launch_run(&b.l, &b.o, &e), 0);
	assert_int_equal(b.o.how, VB_PUMP_TIMEOUT);
	vbt_contains(b.o.cut, "the images never said hello on /dev/pts/");
	board_teardown(&b);
}

/* The board's side in a child: hello, the block read back whole, its confirmation. */
static void board_child(struct board *b)
{
	unsigned char got[sizeof(b->f.block)];
	size_t n = 0;
	char line[256];
	int len;

	len = snprintf(line, sizeof(line), "%s ", hello);
	len += snprintf(line + len, sizeof(line) - (size_t)len, "*%08x\r\n",
			vb_record_crc(line, (size_t)len));
	/*
	 * Said again until the block starts, as the images do: vbench flushes
	 * what came before it. Other bytes are skipped: before vbench makes the
	 * line raw, the pty echoes the hello back, and vbench's flush then drops
	 * the hello it never read (a child that stopped at the echo waited for
	 * a block that never came, under load).
	 */
	for (unsigned i = 0; n < 4; i++) {
		struct pollfd p = { .fd = b->master, .events = POLLIN };

		if (i == 25 || write(b->master, line, (size_t)len) != len)
			_exit(2);
		while (n < 4 && poll(&p, 1, 200) > 0) { /* the magic, "VBP1" */
			if (read(b->master, got + n, 1) != 1)
				_exit(4);
			n = got[n] == b->f.block[n] ? n + 1 : got[n] == b->f.block[0];
		}
	}
	while (n < sizeof(got)) {
		struct pollfd p = { .fd = b->master, .events = POLLIN };
		ssize_t r;

		if (poll(&p, 1, 5000) <= 0)
			_exit(3);
		r = read(b->master, got + n, sizeof(got) - n);
		if (r <= 0)
			_exit(4);
		n += (size_t)r;
	}
	if (memcmp(got, b->f.block, sizeof(got)))
		_exit(5);
	len = snprintf(line, sizeof(line), "@vbp params crc=0x%x ",
		       (unsigned)(got[n - 4] | got[n - 3] << 8 | got[n - 2] << 16 |
				  (unsigned)got[n - 1] << 24));
	len += snprintf(line + len, sizeof(line) - (size_t)len, "*%08x\r\ndone\r\n",
			vb_record_crc(line, (size_t)len));
	if (write(b->master, line, (size_t)len) != len)
		_exit(6);
	sleep(1); /* until vbench read it: a pty's data goes when its master closes */
	_exit(0);
}

static void test_board_takes_the_block(void **state)
{
	struct board b;
	struct vb_error e;
	pid_t pid;
	int st;

	(void)state;
	board_setup(&b);
	b.l.timeout_s = 10;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		board_child(&b);
	assert_int_equal(vb_launch_run(&b.l, &b.o, &e), 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_int_equal(WEXITSTATUS(st), 0); /* the board got params.bin, byte for byte */
	assert_true(b.o.how == VB_PUMP_STOP || b.o.how == VB_PUMP_STOP_OPEN);
	board_teardown(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hello_send_confirm),
		cmocka_unit_test(test_only_the_last_queued_hello_answered),
		cmocka_unit_test(test_refused_retried_then_fail),
		cmocka_unit_test(test_wrong_confirmation_or_size),
		cmocka_unit_test(test_board_never_says_hello),
		cmocka_unit_test(test_board_takes_the_block),
	};

	return cmocka_run_group_tests_name("handshake", tests, NULL, NULL);
}
