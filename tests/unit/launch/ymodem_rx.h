/*
 * A YMODEM receiver for the tests (test_ymodem, and the fake U-Boot of
 * test_uboot): YMODEM as Forsberg's ymodem.txt and U-Boot's xyzModem.c
 * receive it, with faults on the line into it and in its answers.
 */
#ifndef VBT_YMODEM_RX_H
#define VBT_YMODEM_RX_H

#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/util.h"
#include "launch/ymodem.h"

enum { SOH = 1, STX = 2, EOT = 4, ACK = 6, NAK = 0x15, CAN = 0x18 };

/* How the receiver (and the line into it) misbehaves. */
struct rx_faults {
	long drop_at, flip_at; /* index of an incoming byte dropped / damaged; -1 none */
	unsigned lose_ack;     /* the first ACK of this data block is lost (0: none) */
	unsigned cancel_at;    /* CAN CAN instead of the ACK of this block (0: none) */
	bool silent, nak_all;  /* never answers; refuses every data block */
	bool ack_first_eot;    /* ACK the first EOT (U-Boot) instead of NAKing it */
	bool no_c_after_hdr;   /* ACK block 0 without a 'C' (U-Boot's xyzModem.c): a sender
				  that waits for one waits out the receiver's timeout (exit 15) */
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

/*
 * Receives one file: its name, and its data cut to the size block 0 gave
 * (*data, malloc'd). 0, or an exit status for the child that runs it.
 */
static int rx_run(struct rx *r, char name[128], unsigned char **out, size_t *out_len)
{
	unsigned char buf[1024], seq, next = 1, *data = NULL;
	size_t n, len = 0, size = 0, cap = 0;
	unsigned eots = 0;
	bool lost = false;
	int c;

	name[0] = '\0';
	*out = NULL;
	*out_len = 0;
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
	snprintf(name, 128, "%.100s", (char *)buf);
	size = strtoul((char *)buf + strlen(name) + 1, NULL, 10);
	rx_put(r, ACK);
	c = -1;
	if (!r->f.no_c_after_hdr)
		rx_put(r, 'C');
	else if ((c = rx_getc(r, 2000)) < 0)
		return 15; /* U-Boot would now send its 'C': two seconds lost */
	for (;; c = -1) {
		if (c < 0) /* else block 1's first byte, read above */
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
	if (size > len)
		return 13;
	*out = data;
	*out_len = size;
	return 0;
}

#endif
