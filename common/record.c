/* Builds and writes `@vb1 <src> <seq> <type> k=v ... *<crc>` lines. */
#include <vb/crc32.h>
#include <vb/fmt.h>
#include <vb/record.h>
#include <vb/uart.h>

#define TAIL_ROOM 32 /* " truncated=yes *xxxxxxxx\n" always fits */

static char rec_src = '?';
static unsigned rec_seq;
static int rec_plain; /* the open line is a handshake line: no sequence number taken */

void rec_set_source(char src)
{
	rec_src = src;
}

unsigned rec_count(void)
{
	return rec_seq;
}

/* Appends s, replacing what would break the line format; drops what does not fit. */
static void rec_put(struct record *r, const char *s, int is_value)
{
	for (; *s; s++) {
		char c = *s;

		if (r->len + 1 >= RECORD_MAX - TAIL_ROOM) {
			r->truncated = 1;
			return;
		}
		if (is_value && (c == ' ' || c == '*' || c < 0x21 || c > 0x7e))
			c = '_';
		r->buf[r->len++] = c;
	}
}

void rec_open(struct record *r, const char *type)
{
	char num[24];

	r->len = 0;
	r->truncated = 0;
	rec_plain = 0;
	rec_put(r, "@vb1 ", 0);
	r->buf[r->len++] = rec_src;
	rec_put(r, " ", 0);
	fmt_u64(num, rec_seq);
	rec_put(r, num, 0);
	rec_put(r, " ", 0);
	rec_put(r, type, 0);
}

void rec_open_handshake(struct record *r, const char *type)
{
	r->len = 0;
	r->truncated = 0;
	rec_plain = 1;
	rec_put(r, "@vbp ", 0);
	rec_put(r, type, 0);
}

void rec_str(struct record *r, const char *key, const char *val)
{
	unsigned mark = r->len;

	rec_put(r, " ", 0);
	rec_put(r, key, 0);
	rec_put(r, "=", 0);
	rec_put(r, val, 1);
	if (r->truncated)
		r->len = mark; /* never half a field */
}

void rec_u64(struct record *r, const char *key, uint64_t v)
{
	char num[24];

	fmt_u64(num, v);
	rec_str(r, key, num);
}

void rec_hex(struct record *r, const char *key, uint64_t v)
{
	char num[24];

	fmt_hex(num, v);
	rec_str(r, key, num);
}

/*
 * Called before a record is written: hyp-min, which writes the guest's
 * console for it, starts its records on a line of their own (hyp-min/console.c).
 */
__attribute__((weak)) void rec_line_start(void)
{
}

static void rec_raw(struct record *r, const char *s)
{
	while (*s)
		r->buf[r->len++] = *s++;
}

void rec_close(struct record *r)
{
	char crc[16];
	unsigned digits;

	if (r->truncated)
		rec_raw(r, " truncated=yes");
	rec_raw(r, " ");
	digits = fmt_hex(crc, crc32_update(0, r->buf, r->len)) - 2;
	rec_raw(r, "*");
	for (unsigned i = digits; i < 8; i++) /* exactly 8 digits */
		rec_raw(r, "0");
	rec_raw(r, crc + 2);
	rec_raw(r, "\n");
	rec_line_start();
	uart_write(r->buf, r->len);
	if (!rec_plain)
		rec_seq++;
}
