/*
 * Run parameters over the console (docs/records.md, "Parameters over the
 * serial line"): an image started without a valid block (a board: nothing
 * loaded it) says hello and waits for vbench to send one on the same line.
 * Handshake lines are `@vbp ...`, outside the record stream, CRC-checked.
 */
#include <stddef.h>
#include <build_rev.h>
#include <vb/crc32.h>
#include <vb/params.h>
#include <vb/record.h>
#include <vb/uart.h>

/* Polls of an idle line before saying hello again (or giving up on a frame): about a second. */
#define IDLE_POLLS (1u << 20)

static void hello(const char *image)
{
	struct record r;

	rec_open_handshake(&r, "hello");
	rec_str(&r, "target", TARGET_NAME);
	rec_str(&r, "rev", BUILD_REV);
	rec_str(&r, "image", image);
	rec_str(&r, "accepts", "vbp1");
	rec_u64(&r, "size", sizeof(struct vb_params));
	rec_close(&r);
}

static void refuse(const char *reason)
{
	struct record r;

	rec_open_handshake(&r, "refused");
	rec_str(&r, "reason", reason);
	rec_close(&r);
}

static void confirm(const struct vb_params *p)
{
	struct record r;

	rec_open_handshake(&r, "params");
	rec_hex(&r, "crc", p->crc);
	rec_u64(&r, "size", p->size);
	rec_hex(&r, "flags", p->flags);
	rec_u64(&r, "samples", p->samples);
	rec_u64(&r, "warmup", p->warmup);
	rec_u64(&r, "policy", p->policy);
	rec_str(&r, "only", p->only[0] ? p->only : "-");
	rec_close(&r);
}

/* Why the block is not one, or NULL. */
static const char *check(const struct vb_params *p)
{
	if (p->size != sizeof(*p))
		return "size";
	if (crc32_update(0, p, offsetof(struct vb_params, crc)) != p->crc)
		return "crc";
	if (p->only[VB_PARAMS_ONLY_LEN - 1] != '\0')
		return "only_not_terminated";
	return NULL;
}

/* The next byte, or -1 after IDLE_POLLS polls without one. */
static int getc_idle(void)
{
	for (unsigned i = 0; i < IDLE_POLLS; i++) {
		int c = uart_getc();

		if (c >= 0)
			return c;
	}
	return -1;
}

void params_receive(uintptr_t addr, const char *image)
{
	static const unsigned char magic[4] = { 'V', 'B', 'P', '1' }; /* VB_PARAMS_MAGIC, LE */
	struct vb_params *p = (struct vb_params *)addr;
	unsigned char *b = (unsigned char *)addr;
	const char *why;

	if (params_get(addr) == p)
		return; /* loaded with the image */
	p->magic = 0;
	hello(image);
	for (;;) {
		unsigned got = 0;
		int c;

		/* hunt for the magic; an idle line means vbench missed the hello */
		while (got < sizeof(magic)) {
			c = getc_idle();
			if (c < 0) {
				hello(image);
				got = 0;
				continue;
			}
			got = c == magic[got] ? got + 1 : c == magic[0];
		}
		for (unsigned i = 0; i < sizeof(magic); i++)
			b[i] = magic[i];
		while (got < sizeof(*p) && (c = getc_idle()) >= 0)
			b[got++] = (unsigned char)c;
		why = got < sizeof(*p) ? "short_frame" : check(p);
		if (!why)
			break;
		p->magic = 0;
		refuse(why);
	}
	confirm(p);
}
