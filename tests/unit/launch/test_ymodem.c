/*
 * The YMODEM sender against a receiver written here (a forked process on a
 * socketpair, YMODEM as Forsberg's ymodem.txt and U-Boot's xyzModem.c receive
 * it), on a clean line and on one that drops, damages or loses bytes.
 */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "helpers.h"
#include "launch/ymodem.h"
#include "records/console.h"
#include "ymodem_rx.h"

struct run {
	char *dir;
	int status; /* the receiver's exit status */
	int ret;    /* vb_ymodem_send's */
	struct vb_error e;
	unsigned char *got;
	size_t got_len;
};

static void run(struct run *u, const struct rx_faults *f, const unsigned char *data, size_t len,
		unsigned answer_ms)
{
	int sv[2], st;
	pid_t pid;

	memset(u, 0, sizeof(*u));
	u->dir = vbt_tmpdir();
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		struct rx r = { .fd = sv[1], .f = *f };
		unsigned char *got;
		char name[128], path[512];
		size_t n;
		int st;
		FILE *out;

		close(sv[0]); /* the parent's end: closed, the child sees the line end */
		st = rx_run(&r, name, &got, &n);
		if (st || r.f.silent || r.f.cancel_at)
			_exit(st);
		snprintf(path, sizeof(path), "%s/got", u->dir);
		out = fopen(path, "wb");
		if (!out || fwrite(name, 1, strlen(name) + 1, out) != strlen(name) + 1 ||
		    fwrite(got, 1, n, out) != n || fclose(out))
			_exit(14);
		_exit(0);
	}
	close(sv[1]);
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	u->ret = vb_ymodem_send(
		&(struct vb_ymodem){ .fd = sv[0], .answer_ms = answer_ms, .log_fd = -1 },
		"virt.bin", data, len, &u->e);
	close(sv[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	u->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	{
		char path[512];
		FILE *in;

		snprintf(path, sizeof(path), "%s/got", u->dir);
		in = fopen(path, "rb");
		if (in) {
			u->got = malloc(len + 64);
			u->got_len = fread(u->got, 1, len + 64, in);
			fclose(in);
		}
	}
}

static void done(struct run *u)
{
	free(u->got);
	vbt_rmdir(u->dir);
}

static unsigned char *pattern(size_t len)
{
	unsigned char *p = malloc(len ? len : 1);

	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(i * 131 + (i >> 8));
	return p;
}

/* The file arrives byte for byte, name and size included. */
static void expect_file(struct run *u, const unsigned char *data, size_t len)
{
	if (u->ret)
		print_error("%s\n", u->e.msg);
	assert_int_equal(u->ret, 0);
	assert_int_equal(u->status, 0);
	assert_non_null(u->got);
	assert_int_equal(u->got_len, len + sizeof("virt.bin"));
	assert_string_equal((char *)u->got, "virt.bin");
	assert_memory_equal(u->got + sizeof("virt.bin"), data, len);
}

#define CLEAN                                \
	{                                    \
		.drop_at = -1, .flip_at = -1 \
	}

static void test_crc16(void **state)
{
	(void)state;
	/* CRC-16/XMODEM's check value */
	assert_int_equal(vb_crc16((const unsigned char *)"123456789", 9), 0x31c3);
}

static void test_clean_line(void **state)
{
	/* a partial last block, an exact multiple of 1 KiB, one byte, and 300 blocks (seq wraps) */
	const size_t sizes[] = { 5000, 4096, 1, 300 * 1024 + 7 };
	struct rx_faults f = CLEAN;

	(void)state;
	f.chatter = "## Ready for binary (ymodem) download\r\n";
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *d = pattern(sizes[i]);
		struct run u;

		f.ack_first_eot = i % 2;
		run(&u, &f, d, sizes[i], 1000);
		expect_file(&u, d, sizes[i]);
		done(&u);
		free(d);
	}
}

/*
 * U-Boot's receiver ACKs block 0 and sends its 'C' only after a 2 s timeout;
 * the sender goes on after a short wait instead of waiting it out (it cost
 * 4 s a part, 8 s a launch through U-Boot). Exit 15: the receiver timed out.
 */
static void test_no_c_after_block_0(void **state)
{
	unsigned char *d = pattern(5000);
	struct rx_faults f = CLEAN;
	struct run u;

	(void)state;
	f.no_c_after_hdr = true;
	f.ack_first_eot = true;
	run(&u, &f, d, 5000, 1000);
	expect_file(&u, d, 5000);
	done(&u);
	free(d);
}

/* A byte lost or damaged on the way, an ACK lost on the way back: sent again, still whole. */
static void test_faulty_line(void **state)
{
	const long at[] = { 3 + 128 + 2 + 500, 2 * 1029 + 133 + 1, 133 + 1029 + 1028 };
	unsigned char *d = pattern(5000);
	struct run u;

	(void)state;
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		struct rx_faults f = CLEAN;

		f.drop_at = at[i];
		run(&u, &f, d, 5000, 1000);
		expect_file(&u, d, 5000);
		done(&u);
		f.drop_at = -1;
		f.flip_at = at[i];
		run(&u, &f, d, 5000, 1000);
		expect_file(&u, d, 5000);
		done(&u);
	}
	{
		struct rx_faults f = CLEAN;

		f.lose_ack = 3;
		run(&u, &f, d, 5000, 500);
		expect_file(&u, d, 5000);
		done(&u);
	}
	free(d);
}

static void test_receiver_cancels_or_refuses(void **state)
{
	unsigned char *d = pattern(5000);
	struct rx_faults f = CLEAN;
	struct run u;

	(void)state;
	f.cancel_at = 2;
	run(&u, &f, d, 5000, 1000);
	assert_int_equal(u.ret, -1);
	vbt_contains(u.e.msg, "the receiver cancelled the transfer (CAN CAN) at block 2 of 5");
	done(&u);

	f.cancel_at = 0;
	f.nak_all = true;
	run(&u, &f, d, 5000, 1000);
	assert_int_equal(u.ret, -1);
	vbt_contains(u.e.msg, "block 1 of 5 sent 10 times, never acknowledged");
	vbt_contains(u.e.msg, "refused");
	done(&u);
	free(d);
}

static void test_receiver_silent(void **state)
{
	unsigned char *d = pattern(100);
	struct rx_faults f = CLEAN;
	struct run u;

	(void)state;
	f.silent = true;
	run(&u, &f, d, 100, 100);
	assert_int_equal(u.ret, -1);
	vbt_contains(u.e.msg, "the receiver never asked for the file ('C') before block 0");
	done(&u);
	free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc16),
		cmocka_unit_test(test_clean_line),
		cmocka_unit_test(test_no_c_after_block_0),
		cmocka_unit_test(test_faulty_line),
		cmocka_unit_test(test_receiver_cancels_or_refuses),
		cmocka_unit_test(test_receiver_silent),
	};

	return cmocka_run_group_tests_name("ymodem", tests, NULL, NULL);
}
