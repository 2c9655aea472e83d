/* YMODEM sender (ymodem.h). */
#include "ymodem.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "records/console.h"

enum { SOH = 0x01, STX = 0x02, EOT = 0x04, ACK = 0x06, NAK = 0x15, CAN = 0x18, PAD = 0x1a };

/* What the receiver answered to a block. */
enum vb_ym_answer { VB_YM_ACK, VB_YM_NAK, VB_YM_C, VB_YM_CANCEL, VB_YM_SILENT, VB_YM_ERROR };

struct vb_ym {
	const struct vb_ymodem *y;
	unsigned char frame[3 + 1024 + 2];
	bool can; /* the last byte read was a CAN */
	char why[160];
};

uint16_t vb_crc16(const unsigned char *p, size_t n)
{
	uint16_t crc = 0;

	while (n--) {
		crc ^= (uint16_t)(*p++ << 8);
		for (int i = 0; i < 8; i++)
			crc = (uint16_t)(crc & 0x8000 ? crc << 1 ^ 0x1021 : crc << 1);
	}
	return crc;
}

/*
 * Waits up to answer_ms for an answer byte. Anything else the receiver says
 * (U-Boot's messages, a board's junk) goes to the log and is skipped.
 */
static enum vb_ym_answer vb_ym_answer_within(struct vb_ym *m, unsigned ms)
{
	const struct vb_ymodem *y = m->y;
	uint64_t until = vb_now_ms() + ms;

	if (y->deadline_ms && until > y->deadline_ms)
		until = y->deadline_ms;
	for (;;) {
		uint64_t now = vb_now_ms();
		struct pollfd pfd = { .fd = y->fd, .events = POLLIN };
		unsigned char c;
		ssize_t r;

		if (y->interrupted && *y->interrupted) {
			snprintf(m->why, sizeof(m->why), "interrupted");
			return VB_YM_ERROR;
		}
		if (now >= until)
			return VB_YM_SILENT;
		if (poll(&pfd, 1, (int)(until - now < 100 ? until - now : 100)) <= 0)
			continue;
		r = read(y->fd, &c, 1);
		if (r < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (r <= 0) {
			snprintf(m->why, sizeof(m->why), "the line closed (%s)",
				 r ? strerror(errno) : "end of file");
			return VB_YM_ERROR;
		}
		if (c == CAN && m->can)
			return VB_YM_CANCEL;
		m->can = c == CAN;
		if (c == ACK)
			return VB_YM_ACK;
		if (c == NAK)
			return VB_YM_NAK;
		if (c == 'C')
			return VB_YM_C;
		if (c != CAN && y->log_fd >= 0)
			(void)vb_write_all(y->log_fd, &c, 1);
	}
}

static enum vb_ym_answer vb_ym_answer(struct vb_ym *m)
{
	return vb_ym_answer_within(m, m->y->answer_ms);
}

/* Tells the receiver to stop (it counts CANs; backspaces erase them from a terminal). */
static void vb_ym_cancel(const struct vb_ymodem *y)
{
	static const unsigned char stop[] = { CAN, CAN, CAN, CAN, CAN, 8, 8, 8, 8, 8 };

	(void)vb_write_all(y->fd, stop, sizeof(stop));
}

/* Sends a frame until it is ACKed; `what` names it in the error. */
static int vb_ym_frame(struct vb_ym *m, size_t len, const char *what, struct vb_error *e)
{
	const char *last = "no answer";

	for (unsigned tries = 0; tries < VB_YMODEM_TRIES; tries++) {
		if (vb_write_all(m->y->fd, m->frame, len)) {
			vb_ym_cancel(m->y);
			return vb_fail(e, "YMODEM: writing %s: %s", what, strerror(errno));
		}
		switch (vb_ym_answer(m)) {
		case VB_YM_ACK:
			return 0;
		case VB_YM_NAK:
		case VB_YM_C: /* U-Boot's receiver asks again with 'C' in CRC mode */
			last = "refused (damaged on the line?)";
			break;
		case VB_YM_SILENT:
			last = "no answer";
			break;
		case VB_YM_CANCEL:
			return vb_fail(
				e, "YMODEM: the receiver cancelled the transfer (CAN CAN) at %s",
				what);
		case VB_YM_ERROR:
			vb_ym_cancel(m->y);
			return vb_fail(e, "YMODEM: %s at %s", m->why, what);
		}
		if (m->y->deadline_ms && vb_now_ms() >= m->y->deadline_ms) {
			vb_ym_cancel(m->y);
			return vb_fail(e, "YMODEM: the transfer's time ran out at %s (last: %s)",
				       what, last);
		}
	}
	vb_ym_cancel(m->y);
	return vb_fail(e, "YMODEM: %s sent %u times, never acknowledged (last: %s)", what,
		       VB_YMODEM_TRIES, last);
}

/* A block: header, payload padded to its size, CRC-16 big-endian. */
static size_t vb_ym_block(struct vb_ym *m, unsigned seq, const unsigned char *p, size_t n,
			  size_t size, unsigned char pad)
{
	uint16_t crc;

	m->frame[0] = size == 1024 ? STX : SOH;
	m->frame[1] = (unsigned char)seq;
	m->frame[2] = (unsigned char)~seq;
	memcpy(m->frame + 3, p, n);
	memset(m->frame + 3 + n, pad, size - n);
	crc = vb_crc16(m->frame + 3, size);
	m->frame[3 + size] = (unsigned char)(crc >> 8);
	m->frame[4 + size] = (unsigned char)crc;
	return 5 + size;
}

/*
 * After block 0's ACK the protocol has the receiver ask for the data with
 * 'C'; U-Boot's xyzModem.c does not (it waits for block 1 and sends its 'C'
 * only after a 2 s timeout), so a short wait, then block 1 regardless. A
 * receiver whose 'C' comes later gets block 1 again (vb_ym_frame's 'C'
 * case), and acknowledges the repeat as the protocol says.
 */
static int vb_ym_after_block_0(struct vb_ym *m, struct vb_error *e)
{
	switch (vb_ym_answer_within(m, VB_YMODEM_C_GRACE_MS)) {
	case VB_YM_CANCEL:
		return vb_fail(e, "YMODEM: the receiver cancelled the transfer (CAN CAN) "
				  "after block 0");
	case VB_YM_ERROR:
		vb_ym_cancel(m->y);
		return vb_fail(e, "YMODEM: %s after block 0", m->why);
	default:
		return 0;
	}
}

/* Waits for the receiver's 'C' (it asks for a file, or for the end-of-batch block). */
static int vb_ym_wait_c(struct vb_ym *m, const char *what, struct vb_error *e)
{
	for (unsigned tries = 0; tries < VB_YMODEM_TRIES; tries++) {
		switch (vb_ym_answer(m)) {
		case VB_YM_C:
			return 0;
		case VB_YM_CANCEL:
			return vb_fail(e,
				       "YMODEM: the receiver cancelled the transfer (CAN CAN) %s",
				       what);
		case VB_YM_ERROR:
			vb_ym_cancel(m->y);
			return vb_fail(e, "YMODEM: %s %s", m->why, what);
		default:
			break;
		}
		if (m->y->deadline_ms && vb_now_ms() >= m->y->deadline_ms)
			break;
	}
	vb_ym_cancel(m->y);
	return vb_fail(e, "YMODEM: the receiver never asked for the file ('C') %s", what);
}

int vb_ymodem_send(const struct vb_ymodem *y, const char *name, const unsigned char *data,
		   size_t len, struct vb_error *e)
{
	struct vb_ym m = { .y = y };
	unsigned char head[128] = { 0 };
	size_t blocks = (len + 1023) / 1024, n;
	char what[64];
	int hl;

	hl = snprintf((char *)head, sizeof(head), "%s%c%zu", name, 0, len);
	if (hl < 0 || (size_t)hl >= sizeof(head))
		return vb_fail(e, "YMODEM: file name '%s' too long for block 0", name);
	if (vb_ym_wait_c(&m, "before block 0", e))
		return -1;
	n = vb_ym_block(&m, 0, head, (size_t)hl + 1, 128, 0);
	if (vb_ym_frame(&m, n, "block 0 (name and size)", e) || vb_ym_after_block_0(&m, e))
		return -1;
	for (size_t b = 0; b < blocks; b++) {
		size_t left = len - b * 1024;

		n = vb_ym_block(&m, (unsigned)(b + 1) & 0xff, data + b * 1024,
				left < 1024 ? left : 1024, 1024, PAD);
		snprintf(what, sizeof(what), "block %zu of %zu", b + 1, blocks);
		if (vb_ym_frame(&m, n, what, e))
			return -1;
	}
	/* EOT until ACKed (a receiver may NAK the first one to be sure), then the empty block 0 */
	m.frame[0] = EOT;
	if (vb_ym_frame(&m, 1, "the end of file (EOT)", e) ||
	    vb_ym_wait_c(&m, "after the end of file", e))
		return -1;
	n = vb_ym_block(&m, 0, head, 0, 128, 0);
	return vb_ym_frame(&m, n, "the empty block 0 that ends the batch", e);
}
