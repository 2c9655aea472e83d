/* Writes meta.csv, summary.csv and samples.csv; libcsv does all quoting. */
#include "csvout.h"

#include <csv.h>
#include <errno.h>
#include <string.h>

const char *const vb_summary_columns[] = {
	"run_id", "target", "arch",   "mode",	  "bench",  "config", "unit",
	"status", "n",	    "warmup", "min",	  "median", "p90",    "p99",
	"max",	  "mean",   "stddev", "emulated", "clock",  NULL,
};

const char *const vb_samples_columns[] = {
	"run_id", "target", "mode", "bench", "config", "index", "value", NULL,
};

int vb_csv_row(FILE *f, const char *const *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *v = fields[i] ? fields[i] : "";

		if ((i && fputc(',', f) == EOF) || csv_fwrite(f, v, strlen(v)))
			return -1;
	}
	return fputc('\n', f) == EOF ? -1 : 0;
}

static size_t vb_count(const char *const *cols)
{
	size_t n = 0;

	while (cols[n])
		n++;
	return n;
}

static FILE *vb_open(const char *path, struct vb_error *e)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		vb_fail(e, "cannot create %s: %s", path, strerror(errno));
	return f;
}

/* fclose that reports a write error seen on the way. */
static int vb_close(FILE *f, const char *path, int failed, struct vb_error *e)
{
	failed |= ferror(f);
	if (fclose(f) || failed)
		return vb_fail(e, "writing %s: %s", path, strerror(errno ? errno : EIO));
	return 0;
}

static int vb_kv(FILE *f, const char *prefix, const char *key, const char *value)
{
	char k[256];
	const char *row[2] = { k, value };

	snprintf(k, sizeof(k), "%s%s", prefix, key);
	return vb_csv_row(f, row, 2);
}

int vb_csvout_meta(const char *path, const struct vb_meta *m, const struct vb_rundata *d,
		   struct vb_error *e)
{
	const char *own[][2] = {
		{ "run_id", m->run_id },   { "vbench_version", m->version },
		{ "date", m->date },	   { "target", m->target },
		{ "mode", m->mode },	   { "launch", m->launch },
		{ "command", m->command }, { "deterministic", m->deterministic },
		{ "image", m->image },	   { "image_bytes", m->image_bytes },
	};
	FILE *f = vb_open(path, e);
	int bad = 0;

	if (!f)
		return -1;
	bad |= vb_kv(f, "", "key", "value");
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		bad |= vb_kv(f, "", own[i][0], own[i][1]);
	if (m->source)
		bad |= vb_kv(f, "", "source", m->source);
	for (size_t i = 0; i < d->begin.nfields; i++)
		bad |= vb_kv(f, "begin.", d->begin.fields[i].key, d->begin.fields[i].value);
	for (size_t i = 0; i < d->hyp.nfields; i++)
		bad |= vb_kv(f, "hyp.", d->hyp.fields[i].key, d->hyp.fields[i].value);
	return vb_close(f, path, bad, e);
}

static int vb_summary_row(FILE *f, const char *run_id, const struct vb_rundata *d,
			  const struct vb_result *r)
{
	char num[9][32] = { { 0 } };
	const struct vb_summary *s = &r->s;
	const char *row[19];
	double sd;

	if (r->st == VB_STATUS_OK) {
		snprintf(num[0], 32, "%llu", (unsigned long long)s->n);
		snprintf(num[1], 32, "%llu", (unsigned long long)r->warmup);
		snprintf(num[2], 32, "%llu", (unsigned long long)s->min);
		snprintf(num[3], 32, "%llu", (unsigned long long)s->p50);
		snprintf(num[4], 32, "%llu", (unsigned long long)s->p90);
		snprintf(num[5], 32, "%llu", (unsigned long long)s->p99);
		snprintf(num[6], 32, "%llu", (unsigned long long)s->max);
		snprintf(num[7], 32, "%.3f", vb_stats_mean(s->n, s->sum));
		if (!s->ssq_overflow && !vb_stats_stddev(s->n, s->sum, s->min, s->ssq, &sd))
			snprintf(num[8], 32, "%.3f", sd);
	}
	row[0] = run_id;
	row[1] = vb_record_get(&d->begin, "target");
	row[2] = vb_record_get(&d->begin, "arch");
	row[3] = vb_record_get(&d->begin, "mode");
	row[4] = r->bench;
	row[5] = r->config;
	row[6] = r->unit;
	row[7] = r->status;
	for (size_t i = 0; i < 9; i++)
		row[8 + i] = num[i];
	row[17] = vb_record_get(&d->begin, "emulated");
	row[18] = vb_record_get(&d->begin, "clock");
	return vb_csv_row(f, row, 19);
}

int vb_csvout_summary(const char *path, const char *run_id, const struct vb_rundata *d,
		      struct vb_error *e)
{
	FILE *f = vb_open(path, e);
	int bad;

	if (!f)
		return -1;
	bad = vb_csv_row(f, vb_summary_columns, vb_count(vb_summary_columns));
	for (size_t i = 0; i < d->nresults; i++)
		bad |= vb_summary_row(f, run_id, d, &d->results[i]);
	return vb_close(f, path, bad, e);
}

int vb_csvout_samples(const char *path, const char *run_id, const struct vb_rundata *d,
		      struct vb_error *e)
{
	FILE *f = vb_open(path, e);
	int bad;

	if (!f)
		return -1;
	bad = vb_csv_row(f, vb_samples_columns, vb_count(vb_samples_columns));
	for (size_t i = 0; i < d->nresults; i++) {
		const struct vb_result *r = &d->results[i];

		for (size_t j = 0; j < r->nsamples && !bad; j++) {
			char idx[32], val[32];
			const char *row[7] = { run_id,
					       vb_record_get(&d->begin, "target"),
					       vb_record_get(&d->begin, "mode"),
					       r->bench,
					       r->config,
					       idx,
					       val };

			snprintf(idx, sizeof(idx), "%zu", j);
			snprintf(val, sizeof(val), "%llu", (unsigned long long)r->samples[j]);
			bad |= vb_csv_row(f, row, 7);
		}
	}
	return vb_close(f, path, bad, e);
}
