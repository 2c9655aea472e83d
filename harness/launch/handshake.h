/*
 * Run parameters over the serial line (docs/records.md, "Parameters over the
 * serial line"): the images say `@vbp hello`, vbench sends params.bin on the
 * same line, they answer `@vbp params` (what they kept) or `@vbp refused`.
 */
#ifndef VB_HANDSHAKE_H
#define VB_HANDSHAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "records/console.h"
#include "base/util.h"

/* Sends before vbench gives up: a line that damages the block this often is not usable. */
#define VB_HANDSHAKE_TRIES 5

struct vb_handshake {
	int fd;			  /* the line: vbench writes the block here */
	unsigned char block[512]; /* params.bin */
	size_t len;
	unsigned sends;
	bool heard; /* a hello came: the images are running */
	bool confirmed;
	/*
	 * Answer only a hello with nothing after it yet on the line: on a boot
	 * that outlives runs, hellos said while vbench was writing the last run
	 * wait queued, and a block sent for each would reach the images' next
	 * handshake, stale (session.c).
	 */
	bool latest_hello;
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
