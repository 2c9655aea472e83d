/* vbench's side of the parameter handshake (handshake.h). */
#include "handshake.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "records/record.h"
#include "vb/params.h"

int vb_handshake_init(struct vb_handshake *h, int fd, const char *params, vb_line_fn fn, void *ctx,
		      struct vb_error *e)
{
	FILE *f = fopen(params, "rb");

	memset(h, 0, sizeof(*h));
	h->fd = fd;
	h->fn = fn;
	h->ctx = ctx;
	if (!f)
		return vb_fail(e, "cannot read %s: %s", params, strerror(errno));
	h->len = fread(h->block, 1, sizeof(h->block), f);
	fclose(f);
	if (h->len != sizeof(struct vb_params))
		return vb_fail(e, "%s: %zu bytes, expected %zu", params, h->len,
			       sizeof(struct vb_params));
	return 0;
}

/* The value of key in a `@vbp` line's text, copied into out ("" when absent). */
static void vb_hs_field(const char *text, const char *key, char *out, size_t n)
{
	size_t kl = strlen(key);
	const char *p = text;

	out[0] = '\0';
	while ((p = strstr(p, key)) != NULL) {
		if (p[-1] == ' ' && p[kl] == '=') {
			size_t l = strcspn(p + kl + 1, " ");

			snprintf(out, n, "%.*s", (int)(l < n ? l : n - 1), p + kl + 1);
			return;
		}
		p += kl;
	}
}

static bool vb_hs_fail(struct vb_handshake *h, const char *why)
{
	h->failed = true;
	snprintf(h->msg, sizeof(h->msg), "parameter handshake: %s", why);
	return true;
}

static bool vb_hs_send(struct vb_handshake *h)
{
	char why[256];

	if (h->sends == VB_HANDSHAKE_TRIES) {
		snprintf(why, sizeof(why), "the images refused the block %u times (last: %s)",
			 h->sends, h->last[0] ? h->last : "no answer, a new hello");
		return vb_hs_fail(h, why);
	}
	h->sends++;
	h->refused = false;
	h->sent_ms = vb_now_ms();
	if (vb_write_all(h->fd, h->block, h->len)) {
		snprintf(why, sizeof(why), "writing the block to the line: %s", strerror(errno));
		return vb_hs_fail(h, why);
	}
	return false;
}

/* A `@vbp` line: text from '@' to the line's end; false when it is not one. */
static bool vb_hs_parse(const char *line, size_t len, char *text, size_t n)
{
	const char *at = NULL, *star;
	size_t l;
	char crc[16];

	for (size_t i = 0; i + 5 <= len; i++)
		if (!memcmp(line + i, "@vbp ", 5))
			at = line + i;
	if (!at)
		return false;
	l = len - (size_t)(at - line);
	if (l && at[l - 1] == '\r')
		l--;
	if (l >= n)
		return false;
	memcpy(text, at, l);
	text[l] = '\0';
	star = strrchr(text, '*');
	if (!star || star == text || star[-1] != ' ' || strlen(star + 1) != 8)
		return false;
	snprintf(crc, sizeof(crc), "%08x", vb_record_crc(text, (size_t)(star - text)));
	if (strcmp(crc, star + 1))
		return false; /* damaged: the images say hello again or time the frame out */
	text[star - text] = '\0';
	return true;
}

/* Bytes already waiting on the line. */
static bool vb_hs_more_queued(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	return poll(&pfd, 1, 0) > 0 && (pfd.revents & POLLIN);
}

bool vb_handshake_line(void *ctx, const char *line, size_t len)
{
	struct vb_handshake *h = ctx;
	char text[1100], v[64], want[16];

	if (h->failed)
		return true;
	if (!vb_hs_parse(line, len, text, sizeof(text)))
		return h->fn(h->ctx, line, len);
	if (!strncmp(text, "@vbp hello ", 11)) {
		h->heard = true;
		if (h->confirmed)
			return vb_hs_fail(h, "the images said hello again after taking the "
					     "parameters: the board restarted");
		if (h->latest_hello && (vb_hs_more_queued(h->fd) ||
					(h->sends && !h->refused &&
					 vb_now_ms() - h->sent_ms < VB_HANDSHAKE_RESEND_MS)))
			return h->fn(h->ctx, line, len);
		vb_hs_field(text, "size", v, sizeof(v));
		if (strtoul(v, NULL, 10) != h->len)
			return vb_hs_fail(h, "the images take another parameter block size: "
					     "rebuild them with this vbench");
		return vb_hs_send(h);
	}
	if (!strncmp(text, "@vbp refused ", 13)) {
		vb_hs_field(text, "reason", h->last, sizeof(h->last));
		h->refused = true;
		return vb_hs_send(h);
	}
	if (!strncmp(text, "@vbp params ", 12)) {
		const unsigned char *c = h->block + h->len - 4;

		snprintf(want, sizeof(want), "0x%x",
			 (unsigned)(c[0] | c[1] << 8 | c[2] << 16 | (unsigned)c[3] << 24));
		vb_hs_field(text, "crc", v, sizeof(v));
		if (strcmp(v, want)) {
			char why[256];

			snprintf(why, sizeof(why), "the images confirmed crc=%s, vbench sent %s", v,
				 want);
			return vb_hs_fail(h, why);
		}
		h->confirmed = true;
	}
	return false;
}
