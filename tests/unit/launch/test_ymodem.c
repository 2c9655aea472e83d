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

enum { SOH = 1, STX = 2, EOT = 4, ACK = 6, NAK = 0x15, CAN = 0x18 };

/* How the receiver (and the line into it) misbehaves. */
struct rx_faults {
	long drop_at, flip_at; /* index of an incoming byte dropped / damaged; -1 none */
	unsigned lose_ack;     /* the first ACK of this data block is lost (0: none) */
	unsigned cancel_at;    /* CAN CAN instead of the ACK of this block (0: none) */
	bool silent, nak_all;  /* never answers; refuses every data block */
	bool ack_first_eot;    /* ACK the first EOT (U-Boot) instead of NAKing it */
	const char *chatter;   /* text before the first 'C' (a receiver's banner) */
};

struct rx {
	int fd;
	struct rx_faults f;
	long in; /* incoming bytes so far */
};

/* One incoming byte within ms, after the line's faults; -1 on silence. */
static int rx_getc(struct rx *r, int ms)
{
	for (;;) {
		struct pollfd p = { .fd = r->fd, .events = POLLIN };
		unsigned char c;

		if (poll(&p, 1, ms) <= 0 || read(r->fd, &c, 1) != 1)
			return -1;
		if (r->in++ == r->f.drop_at)
			continue;
		if (r->in - 1 == r->f.flip_at)
			c ^= 0x40;
		return c;
	}
}

static void rx_put(struct rx *r, unsigned char c)
{
	if (write(r->fd, &c, 1) != 1)
		_exit(10);
}

/* A block after its first byte: 0 good, -1 damaged or short. */
static int rx_block(struct rx *r, int first, unsigned char *seq, unsigned char *p, size_t *n)
{
	size_t size = first == STX ? 1024 : 128;
	unsigned char b[2 + 1024 + 2];

	for (size_t i = 0; i < size + 4; i++) {
		int c = rx_getc(r, 300);

		if (c < 0)
			return -1;
		b[i] = (unsigned char)c;
	}
	if ((unsigned char)~b[0] != b[1] ||
	    vb_crc16(b + 2, size) != (uint16_t)(b[2 + size] << 8 | b[3 + size]))
		return -1;
	*seq = b[0];
	memcpy(p, b + 2, size);
	*n = size;
	return 0;
}

/* Receives one file into <dir>/got (name, NUL, data cut to the size in block 0). */
static int rx_run(struct rx *r, const char *dir)
{
	unsigned char buf[1024], seq, next = 1, *data = NULL;
	size_t n, len = 0, size = 0, cap = 0;
	unsigned eots = 0;
	char name[128] = "", path[512];
	bool lost = false;
	FILE *out;
	int c;

	if (r->f.silent) {
		sleep(3);
		return 0;
	}
	if (r->f.chatter && write(r->fd, r->f.chatter, strlen(r->f.chatter)) < 0)
		return 11;
	/* 'C' until block 0 comes */
	for (;;) {
		rx_put(r, 'C');
		c = rx_getc(r, 300);
		if (c == SOH && !rx_block(r, c, &seq, buf, &n) && seq == 0)
			break;
	}
	snprintf(name, sizeof(name), "%.100s", (char *)buf);
	size = strtoul((char *)buf + strlen(name) + 1, NULL, 10);
	rx_put(r, ACK);
	rx_put(r, 'C');
	for (;;) {
		c = rx_getc(r, 300);
		if (c == EOT) {
			if (!eots++ && !r->f.ack_first_eot) {
				rx_put(r, NAK);
				continue;
			}
			rx_put(r, ACK);
			break;
		}
		if ((c != STX && c != SOH) || rx_block(r, c, &seq, buf, &n)) {
			/* flush what is left of a damaged block, then ask again */
			while (rx_getc(r, 50) >= 0)
				;
			rx_put(r, NAK);
			continue;
		}
		if (seq == (unsigned char)(next - 1)) { /* a repeat: its ACK was lost */
			rx_put(r, ACK);
			continue;
		}
		if (seq != next)
			return 12;
		if (r->f.nak_all) {
			rx_put(r, NAK);
			continue;
		}
		if (r->f.cancel_at && seq == r->f.cancel_at) {
			rx_put(r, CAN);
			rx_put(r, CAN);
			return 0;
		}
		data = vb_grow(data, &cap, len + n, 1);
		memcpy(data + len, buf, n);
		len += n;
		next++;
		if (r->f.lose_ack && seq == r->f.lose_ack && !lost) {
			lost = true; /* the ACK goes nowhere: the sender times out and sends again */
			continue;
		}
		rx_put(r, ACK);
	}
	/* the empty block 0 ends the batch */
	for (;;) {
		rx_put(r, 'C');
		c = rx_getc(r, 300);
		if (c == SOH && !rx_block(r, c, &seq, buf, &n) && seq == 0 && !buf[0])
			break;
	}
	rx_put(r, ACK);
	snprintf(path, sizeof(path), "%s/got", dir);
	out = fopen(path, "wb");
	if (!out || size > len)
		return 13;
	fwrite(name, 1, strlen(name) + 1, out);
	fwrite(data, 1, size, out);
	fclose(out);
	free(data);
	return 0;
}

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

		close(sv[0]);
		_exit(rx_run(&r, u->dir));
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
		cmocka_unit_test(test_faulty_line),
		cmocka_unit_test(test_receiver_cancels_or_refuses),
		cmocka_unit_test(test_receiver_silent),
	};

	return cmocka_run_group_tests_name("ymodem", tests, NULL, NULL);
}
