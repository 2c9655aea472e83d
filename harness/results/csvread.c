/* Reads a CSV file back with libcsv's parser (tests, compare tools). */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "csvout.h"

struct vb_csv_ctx {
	struct vb_csv_table *t;
	struct vb_csv_row cur;
};

static void vb_on_field(void *data, size_t len, void *arg)
{
	struct vb_csv_ctx *c = arg;

	c->cur.f = vb_grow(c->cur.f, &c->cur.cap, c->cur.n + 1, sizeof(*c->cur.f));
	c->cur.f[c->cur.n++] = vb_xstrndup(data ? data : "", len);
}

static void vb_on_row(int term, void *arg)
{
	struct vb_csv_ctx *c = arg;

	(void)term;
	c->t->rows = vb_grow(c->t->rows, &c->t->cap, c->t->nrows + 1, sizeof(*c->t->rows));
	c->t->rows[c->t->nrows++] = c->cur;
	memset(&c->cur, 0, sizeof(c->cur));
}

int vb_csv_read(const char *path, struct vb_csv_table *t, struct vb_error *e)
{
	struct vb_csv_ctx c = { .t = t };
	struct csv_parser p;
	char buf[4096];
	size_t n;
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
	while (!ret && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (csv_parse(&p, buf, n, vb_on_field, vb_on_row, &c) != n)
			ret = vb_fail(e, "%s: %s", path, csv_strerror(csv_error(&p)));
	if (!ret && ferror(f))
		ret = vb_fail(e, "reading %s: %s", path, strerror(errno));
	if (!ret && csv_fini(&p, vb_on_field, vb_on_row, &c))
		ret = vb_fail(e, "%s: %s", path, csv_strerror(csv_error(&p)));
	csv_free(&p);
	fclose(f);
	for (size_t i = 0; i < c.cur.n; i++)
		free(c.cur.f[i]);
	free(c.cur.f);
	if (ret)
		vb_csv_free(t);
	return ret;
}

void vb_csv_free(struct vb_csv_table *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->rows[i].n; j++)
			free(t->rows[i].f[j]);
		free(t->rows[i].f);
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
