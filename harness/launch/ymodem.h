/*
 * YMODEM sender (Forsberg's YMODEM, the batch XMODEM-1K that U-Boot's `loady`
 * receives): block 0 with the file's name and size, 1 KiB STX blocks with
 * CRC-16, EOT, then the empty block 0 that ends the batch. A block the
 * receiver refuses (NAK, or 'C' which U-Boot sends instead in CRC mode) or
 * does not answer is sent again; CAN CAN from the receiver cancels.
 */
#ifndef VB_YMODEM_H
#define VB_YMODEM_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

/* Sends of one block before the transfer fails (U-Boot's receiver retries 10 times too). */
#define VB_YMODEM_TRIES 10

/*
 * How long the sender waits for the 'C' after block 0 before sending block 1
 * anyway (U-Boot sends none; a receiver that follows the protocol sends it
 * at once).
 */
#define VB_YMODEM_C_GRACE_MS 200

struct vb_ymodem {
	int fd;		      /* the line, read and written (may be non-blocking) */
	unsigned answer_ms;   /* how long a block's answer may take */
	uint64_t deadline_ms; /* the whole transfer, on vb_now_ms()'s clock; 0: none */
	int log_fd;	      /* bytes that are not answers (the receiver's text) go here; -1 */
	const volatile sig_atomic_t *interrupted;
};

/* CRC-16/XMODEM (polynomial 0x1021, initial 0), as each block carries it. */
uint16_t vb_crc16(const unsigned char *p, size_t n);

/*
 * Sends data as the file `name`. On failure the message says at which block
 * and why (cancelled, refused VB_YMODEM_TRIES times, no answer) and the
 * receiver has been sent CAN CAN so it stops waiting.
 */
int vb_ymodem_send(const struct vb_ymodem *y, const char *name, const unsigned char *data,
		   size_t len, struct vb_error *e);

#endif
