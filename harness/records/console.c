/* Reading a console: lines, console.log, deadline. */
#include "console.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void vb_lines_init(struct vb_lines *l)
{
	memset(l, 0, sizeof(*l));
}

void vb_lines_free(struct vb_lines *l)
{
	free(l->buf);
	memset(l, 0, sizeof(*l));
}

static void vb_lines_append(struct vb_lines *l, const char *data, size_t n)
{
	l->pending += n;
	if (l->len + n > VB_LINE_MAX) {
		/* Keep the tail: a record ends its line, noise comes before it. */
		size_t keep = VB_LINE_MAX / 2;

		if (n >= keep) {
			data += n - keep;
			n = keep;
			l->len = 0;
		} else if (l->len > keep - n) {
			memmove(l->buf, l->buf + l->len - (keep - n), keep - n);
			l->len = keep - n;
		}
	}
	l->buf = vb_grow(l->buf, &l->cap, l->len + n + 1, 1);
	memcpy(l->buf + l->len, data, n);
	l->len += n;
}

bool vb_lines_feed(struct vb_lines *l, const char *data, size_t n, vb_line_fn fn, void *ctx)
{
	while (n) {
		const char *nl = memchr(data, '\n', n);
		size_t chunk = nl ? (size_t)(nl - data) : n;
		bool stop = false;

		if (nl && !l->pending && chunk <= VB_LINE_MAX) {
			/* the whole line is in data: handed over where it is, not copied */
			l->pos += chunk + 1;
			stop = fn(ctx, data, chunk);
		} else {
			vb_lines_append(l, data, chunk);
			if (!nl)
				return false;
			l->buf[l->len] = '\0';
			l->pos += l->pending + 1;
			l->pending = 0;
			stop = fn(ctx, l->buf, l->len);
			l->len = 0;
		}
		if (stop)
			return true;
		data += chunk + 1;
		n -= chunk + 1;
	}
	return false;
}

bool vb_lines_flush(struct vb_lines *l, vb_line_fn fn, void *ctx)
{
	bool stop;

	if (!l->len)
		return false;
	l->buf[l->len] = '\0';
	l->pos += l->pending;
	l->pending = 0;
	stop = fn(ctx, l->buf, l->len);
	l->len = 0;
	return stop;
}

uint64_t vb_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int vb_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* Every line goes to fn, also after it said stop: the pump decides when to stop. */
struct vb_pump_lines {
	const struct vb_pump *p;
	bool stop;
};

static bool vb_pump_line(void *arg, const char *line, size_t len)
{
	struct vb_pump_lines *c = arg;

	c->stop |= c->p->fn(c->p->ctx, line, len);
	return false;
}

int vb_console_pump(const struct vb_pump *p, enum vb_pump_end *how, struct vb_error *e)
{
	struct vb_pump_lines c = { .p = p };
	struct vb_lines lines;
	uint64_t deadline = p->deadline_ms;
	char buf[4096];
	int ret = 0;

	vb_lines_init(&lines);
	for (;;) {
		struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
		uint64_t now = vb_now_ms();
		ssize_t n;
		int r;

		if (p->interrupted && *p->interrupted) {
			*how = VB_PUMP_INTERRUPTED;
			break;
		}
		if (now >= deadline) {
			*how = c.stop ? VB_PUMP_STOP_OPEN : VB_PUMP_TIMEOUT;
			break;
		}
		r = poll(&pfd, 1, (int)(deadline - now > 1000 ? 1000 : deadline - now));
		if (r < 0 && errno != EINTR) {
			ret = vb_fail(e, "poll: %s", strerror(errno));
			break;
		}
		if (r <= 0)
			continue;
		n = read(p->fd, buf,
			 p->read_max && p->read_max < sizeof(buf) ? p->read_max : sizeof(buf));
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0 && errno == EIO)
			n = 0; /* a pty whose other side closed (QEMU exited): its end of file */
		if (n < 0) {
			ret = vb_fail(e, "reading the console: %s", strerror(errno));
			break;
		}
		if (n == 0) {
			vb_lines_flush(&lines, vb_pump_line, &c);
			*how = c.stop ? VB_PUMP_STOP : VB_PUMP_EOF;
			break;
		}
		if (vb_write_all(p->log_fd, buf, (size_t)n)) {
			ret = vb_fail(e, "writing console.log: %s", strerror(errno));
			break;
		}
		bool was = c.stop;

		vb_lines_feed(&lines, buf, (size_t)n, vb_pump_line, &c);
		if (c.stop && !was) {
			if (!p->drain_ms) {
				*how = VB_PUMP_STOP;
				break;
			}
			if (deadline > vb_now_ms() + p->drain_ms)
				deadline = vb_now_ms() + p->drain_ms;
		}
	}
	vb_lines_free(&lines);
	return ret;
}
