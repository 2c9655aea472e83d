/* Reads a CSV file back with libcsv's parser (tests, compare tools). */
#include <csv.h>
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"

struct vb_csv_ctx {
	struct vb_csv_table *t;
	struct vb_csv_row cur; /* the row being read: its field array is reused */
};

/*
 * Fields are carved from large blocks that never move, not allocated one by
 * one: a results folder holds millions of sample cells.
 */
struct vb_block {
	struct vb_block *next;
	size_t used, size;
	char data[];
};

static void *vb_carve(struct vb_csv_table *t, size_t len)
{
	struct vb_block *b = t->arena;

	len = (len + 7) & ~(size_t)7; /* keeps field arrays aligned */
	if (!b || b->size - b->used < len) {
		size_t size = len > 65536 ? len : 65536;

		b = vb_xmalloc(sizeof(*b) + size);
		b->next = t->arena;
		b->used = 0;
		b->size = size;
		t->arena = b;
	}
	b->used += len;
	return b->data + b->used - len;
}

static void vb_on_field(void *data, size_t len, void *arg)
{
	struct vb_csv_ctx *c = arg;
	char *f = vb_carve(c->t, len + 1);

	memcpy(f, data ? data : "", len);
	f[len] = '\0';
	c->cur.f = vb_grow(c->cur.f, &c->cur.cap, c->cur.n + 1, sizeof(*c->cur.f));
	c->cur.f[c->cur.n++] = f;
}

static void vb_on_row(int term, void *arg)
{
	struct vb_csv_ctx *c = arg;
	struct vb_csv_row *row;

	(void)term;
	c->t->rows = vb_grow(c->t->rows, &c->t->cap, c->t->nrows + 1, sizeof(*c->t->rows));
	row = &c->t->rows[c->t->nrows++];
	row->n = c->cur.n;
	row->cap = 0;
	row->f = vb_carve(c->t, c->cur.n * sizeof(*row->f));
	memcpy(row->f, c->cur.f, c->cur.n * sizeof(*row->f));
	c->cur.n = 0;
}

/*
 * A line whose every field is quoted, with no quote or newline inside, or is
 * digits alone (samples.csv's rows), is what vbench writes and what libcsv
 * reads as the text between the quotes or the digits themselves: its fields
 * go to the same callbacks without the parser's byte-by-byte state machine. Returns the bytes of the line with its '\n', 0 if the line
 * does not end before `end` (more is needed), -1 for any other line: nothing
 * was passed on then.
 */
#define VB_PLAIN_FIELDS 128

static ptrdiff_t vb_plain_line(char *p, const char *end, struct vb_csv_ctx *c)
{
	size_t start[VB_PLAIN_FIELDS], len[VB_PLAIN_FIELDS], n = 0;
	const char *q = p;

	for (;;) {
		const char *f;

		if (q == end)
			return 0;
		if (n == VB_PLAIN_FIELDS)
			return -1;
		if (*q >= '0' && *q <= '9') {
			for (f = q; q < end && *q >= '0' && *q <= '9';)
				q++;
			start[n] = (size_t)(f - p);
			len[n++] = (size_t)(q - f);
		} else {
			if (*q != '"')
				return -1;
			f = ++q;
			while (q < end && *q != '"' && *q != '\n')
				q++;
			if (q == end)
				return 0;
			if (*q == '\n')
				return -1; /* a newline inside quotes */
			start[n] = (size_t)(f - p);
			len[n++] = (size_t)(q - f);
			q++;
		}
		if (q == end)
			return 0;
		if (*q == '\n')
			break;
		if (*q++ != ',')
			return -1;
	}
	for (size_t i = 0; i < n; i++)
		vb_on_field(p + start[i], len[i], c);
	vb_on_row('\n', c);
	return q + 1 - p;
}

int vb_csv_read(const char *path, struct vb_csv_table *t, struct vb_error *e)
{
	struct vb_csv_ctx c = { .t = t };
	struct csv_parser p;
	char buf[65536];
	size_t n, keep = 0;
	bool plain = true; /* every line so far went through vb_plain_line */
	FILE *f;
	int ret = 0;

	memset(t, 0, sizeof(*t));
	f = fopen(path, "rb");
	if (!f)
		return vb_fail(e, "cannot open %s: %s", path, strerror(errno));
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI)) {
		fclose(f);
		return vb_fail(e, "csv_init failed");
	}
	while (!ret && (n = fread(buf + keep, 1, sizeof(buf) - keep, f)) > 0) {
		size_t len = keep + n, done = 0;
		ptrdiff_t k;

		while (plain && (k = vb_plain_line(buf + done, buf + len, &c)) != 0) {
			if (k < 0)
				plain = false;
			else
				done += (size_t)k;
		}
		/* from the first other line on (or one longer than buf), libcsv reads the rest */
		if (plain && !done && len == sizeof(buf))
			plain = false;
		keep = 0;
		if (plain) {
			keep = len - done;
			memmove(buf, buf + done, keep);
		} else if (csv_parse(&p, buf + done, len - done, vb_on_field, vb_on_row, &c) !=
			   len - done) {
			ret = vb_fail(e, "%s: %s", path, csv_strerror(csv_error(&p)));
		}
	}
	/* a last line without its newline */
	if (!ret && keep && csv_parse(&p, buf, keep, vb_on_field, vb_on_row, &c) != keep)
		ret = vb_fail(e, "%s: %s", path, csv_strerror(csv_error(&p)));
	if (!ret && ferror(f))
		ret = vb_fail(e, "reading %s: %s", path, strerror(errno));
	if (!ret && csv_fini(&p, vb_on_field, vb_on_row, &c))
		ret = vb_fail(e, "%s: %s", path, csv_strerror(csv_error(&p)));
	csv_free(&p);
	fclose(f);
	free(c.cur.f);
	if (ret)
		vb_csv_free(t);
	return ret;
}

void vb_csv_free(struct vb_csv_table *t)
{
	for (struct vb_block *b = t->arena, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

const char *vb_csv_cell(const struct vb_csv_table *t, size_t row, const char *column)
{
	if (!t->nrows || row >= t->nrows)
		return NULL;
	for (size_t i = 0; i < t->rows[0].n; i++)
		if (!strcmp(t->rows[0].f[i], column))
			return i < t->rows[row].n ? t->rows[row].f[i] : NULL;
	return NULL;
}
