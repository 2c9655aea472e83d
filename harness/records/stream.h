/* Verifies a whole console stream, line by line (docs/records.md, "Verification"). */
#ifndef VB_STREAM_H
#define VB_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "collect.h"
#include "base/util.h"

struct vb_stream_opts {
	const char *expect_target; /* begin's target must be this (NULL: any) */
	const char *expect_mode;   /* begin's mode must be this (NULL: any) */
	const char *expect_clock;  /* begin's clock must be this (NULL: any) */
	const char *expect_timer;  /* begin's timer (cntvct: --clock ticks; "": none) (NULL: any) */
	bool require_samples;	   /* every ok result must come with its samples */
};

struct vb_stream {
	struct vb_stream_opts opts;
	struct vb_rundata data;
	unsigned long line;   /* console lines seen */
	uint64_t next_seq[2]; /* per source: [0] guest, [1] hyp */
	bool ended;	      /* the guest's end record arrived */
	bool stopped;	      /* an end or error record arrived: stop reading */
	bool failed;	      /* err holds the first failure */
	struct vb_error err;
	/*
	 * The last good record, its source, sequence number and console line
	 * (last_src 0 before the first), are kept apart: side by side, the
	 * compiler copied them in 16-byte loads that straddle smaller stores
	 * just made, which stalls on every record.
	 */
	char last_src;
	char last[32]; /* "g:7", for messages (set by vb_stream_finish) */
	uint64_t last_seq;
	uint64_t benches; /* from begin, 0 if absent */
	uint64_t refused; /* hyp-min's refused records: a run with any is not verified */
	char first_refused[160];
	unsigned long last_line;
	struct vb_record rec; /* every line is parsed into it: its buffers are reused */
};

void vb_stream_init(struct vb_stream *s, const struct vb_stream_opts *opts);
void vb_stream_free(struct vb_stream *s);

/*
 * Feeds one console line, without its '\n'. Returns true once reading can
 * stop: after the guest's end record or any error record. After the first
 * failure the stream keeps watching for them, so the console log stays whole.
 * After the end record, a line holding a record (or a damaged one) fails the
 * run: hyp-min failing after the guest, or a second run's log. A reader that
 * can go on (a file, QEMU until it exits) should feed those lines too.
 */
bool vb_stream_line(struct vb_stream *s, const char *line, size_t len);

/*
 * The verdict once the console is over: 0 for a verified run. `cut` says
 * why the console ended if it did early ("timeout after 60 s"; NULL: "the
 * console ends"), for the truncation message.
 */
int vb_stream_finish(struct vb_stream *s, const char *cut, struct vb_error *e);

#endif
