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

		vb_lines_append(l, data, chunk);
		if (!nl)
			return false;
		l->buf[l->len] = '\0';
		stop = fn(ctx, l->buf, l->len);
		l->len = 0;
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

int vb_console_pump(const struct vb_pump *p, enum vb_pump_end *how, struct vb_error *e)
{
	struct vb_lines lines;
	char buf[4096];
	int ret = 0;

	vb_lines_init(&lines);
	for (;;) {
		struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
		uint64_t now = vb_now_ms();
		ssize_t n;
		int r;

		if (now >= p->deadline_ms) {
			*how = VB_PUMP_TIMEOUT;
			break;
		}
		r = poll(&pfd, 1, (int)(p->deadline_ms - now > 1000 ? 1000 : p->deadline_ms - now));
		if (r < 0 && errno != EINTR) {
			ret = vb_fail(e, "poll: %s", strerror(errno));
			break;
		}
		if (r <= 0)
			continue;
		n = read(p->fd, buf, sizeof(buf));
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n < 0) {
			ret = vb_fail(e, "reading the console: %s", strerror(errno));
			break;
		}
		if (n == 0) {
			*how = vb_lines_flush(&lines, p->fn, p->ctx) ? VB_PUMP_STOP : VB_PUMP_EOF;
			break;
		}
		if (vb_write_all(p->log_fd, buf, (size_t)n)) {
			ret = vb_fail(e, "writing console.log: %s", strerror(errno));
			break;
		}
		if (vb_lines_feed(&lines, buf, (size_t)n, p->fn, p->ctx)) {
			*how = VB_PUMP_STOP;
			break;
		}
	}
	vb_lines_free(&lines);
	return ret;
}
