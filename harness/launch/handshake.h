/*
 * Run parameters over the serial line (docs/records.md, "Parameters over the
 * serial line"): the images say `@vbp hello`, vbench sends params.bin on the
 * same line, they answer `@vbp params` (what they kept) or `@vbp refused`.
 */
#ifndef VB_HANDSHAKE_H
#define VB_HANDSHAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "records/console.h"
#include "base/util.h"

/* Sends before vbench gives up: a line that damages the block this often is not usable. */
#define VB_HANDSHAKE_TRIES 5
/* latest_hello: a hello this soon after a send without a refusal is the images' impatience */
#define VB_HANDSHAKE_RESEND_MS 3000

struct vb_handshake {
	int fd;			  /* the line: vbench writes the block here */
	unsigned char block[512]; /* params.bin */
	size_t len;
	unsigned sends;
	bool heard; /* a hello came: the images are running */
	bool confirmed;
	/*
	 * On a boot that outlives runs (session.c) a block the images did not
	 * read stays on the line and reaches their next handshake, stale. So
	 * answer only a hello with nothing after it yet on the line (hellos said
	 * while vbench was writing the last run wait queued), and after a send
	 * answer a new hello only once the refusal or VB_HANDSHAKE_RESEND_MS
	 * came: the images say hello again while the block is on its way.
	 */
	bool latest_hello;
	bool refused;	      /* a refusal since the last send */
	uint64_t sent_ms;     /* vb_now_ms() of the last send */
	bool failed;	      /* the handshake failed: msg says why, reading stops */
	char msg[VB_ERR_LEN]; /* why, for the run's failure */
	char last[128];	      /* the images' last refusal */
	vb_line_fn fn;	      /* the run's own line handler, every line passed on */
	void *ctx;
};

/* Reads params.bin; fd is where the block goes. */
int vb_handshake_init(struct vb_handshake *h, int fd, const char *params, vb_line_fn fn, void *ctx,
		      struct vb_error *e);

/* A vb_line_fn: answers `@vbp` lines, passes every line on to h->fn. */
bool vb_handshake_line(void *ctx, const char *line, size_t len);

#endif
