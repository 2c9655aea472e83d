/* Reading a console: split bytes into lines, copy them to console.log, stop in time. */
#ifndef VB_CONSOLE_H
#define VB_CONSOLE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

/* Called once per line, without its '\n'; returns true to stop reading. */
typedef bool (*vb_line_fn)(void *ctx, const char *line, size_t len);

/* Longest line kept whole; of a longer one only the tail, where a record would be, is kept. */
#define VB_LINE_MAX 65536

struct vb_lines {
	char *buf;
	size_t len, cap;
	uint64_t pos;	  /* input bytes through the line last handed to fn, its '\n' included */
	uint64_t pending; /* input bytes of the line being gathered (buf may keep fewer) */
};

void vb_lines_init(struct vb_lines *l);
void vb_lines_free(struct vb_lines *l);

/* Splits data into lines for fn; returns true as soon as fn asks to stop. */
bool vb_lines_feed(struct vb_lines *l, const char *data, size_t n, vb_line_fn fn, void *ctx);

/* Hands a last line without '\n' (if any) to fn. */
bool vb_lines_flush(struct vb_lines *l, vb_line_fn fn, void *ctx);

/*
 * STOP: fn said stop, and the target closed its output (or there was no
 * drain); STOP_OPEN: fn said stop and the drain ended with the output still
 * open; EOF: the output closed before fn said stop.
 */
enum vb_pump_end {
	VB_PUMP_STOP,
	VB_PUMP_STOP_OPEN,
	VB_PUMP_EOF,
	VB_PUMP_TIMEOUT,
	VB_PUMP_INTERRUPTED
};

struct vb_pump {
	int fd;		      /* what the target prints */
	int log_fd;	      /* console.log: every byte read, as read */
	uint64_t deadline_ms; /* on vb_now_ms()'s clock */
	/*
	 * Once fn says stop, reading goes on for up to drain_ms or to the end of
	 * file, every line still handed to fn: what the target prints after its
	 * last record is checked too (a record there fails the run).
	 */
	unsigned drain_ms;
	/*
	 * Bytes per read, 0: a buffer's worth. 1 on a line that outlives the
	 * run (a suite in one boot): what follows the stopping line stays unread,
	 * for the next run.
	 */
	size_t read_max;
	const volatile sig_atomic_t *interrupted; /* set by a signal handler: stop now (or NULL) */
	vb_line_fn fn;
	void *ctx;
};

/* Monotonic milliseconds. */
uint64_t vb_now_ms(void);

/*
 * Reads until fn says stop (and the drain is over), end of file, the deadline
 * or *interrupted; -1 on a read or write error.
 */
int vb_console_pump(const struct vb_pump *p, enum vb_pump_end *how, struct vb_error *e);

/* write() all of buf, retrying short writes. */
int vb_write_all(int fd, const void *buf, size_t len);

#endif
