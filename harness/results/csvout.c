/* Writes meta.csv, summary.csv and samples.csv; libcsv does all quoting. */
#include "csvout.h"

#include <csv.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vb/params.h"

/*
 * A sample row holds only what changes: `row` is the summary.csv data row
 * (1 = the first after the header) whose result the sample belongs to, so
 * bench, config, variant, target and mode are written once, there.
 */
const char *const vb_samples_columns[] = { "row", "index", "value", NULL };

/*
 * The row is quoted by csv_write into a buffer and written at once (csv_fwrite
 * writes a byte at a time); a field too long for the buffer goes by csv_fwrite.
 */
int vb_csv_row(FILE *f, const char *const *fields, size_t n)
{
	char buf[8192];
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		const char *v = fields[i] ? fields[i] : "";
		size_t len = strlen(v);

		if (k + 2 * len + 4 > sizeof(buf)) {
			if (k && fwrite(buf, 1, k, f) != k)
				return -1;
			k = 0;
		}
		if (i)
			buf[k++] = ',';
		if (2 * len + 4 > sizeof(buf)) {
			if ((k && fwrite(buf, 1, k, f) != k) || csv_fwrite(f, v, len))
				return -1;
			k = 0;
		} else {
			k += csv_write(buf + k, sizeof(buf) - k, v, len);
		}
	}
	buf[k++] = '\n';
	return fwrite(buf, 1, k, f) == k ? 0 : -1;
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
	for (size_t i = 0; i < m->nextra; i++)
		bad |= vb_kv(f, "", m->extra[i].key, m->extra[i].value);
	if (m->trailing_bytes)
		bad |= vb_kv(f, "", "trailing_bytes", m->trailing_bytes);
	for (size_t i = 0; i < d->begin.nfields; i++)
		bad |= vb_kv(f, "begin.", d->begin.fields[i].key, d->begin.fields[i].value);
	for (size_t i = 0; i < d->hyp.nfields; i++)
		bad |= vb_kv(f, "hyp.", d->hyp.fields[i].key, d->hyp.fields[i].value);
	return vb_close(f, path, bad, e);
}

/* What a summary cell is computed from. */
struct vb_cell_ctx {
	const char *column;
	const char *run_id;
	const struct vb_rundata *d;
	const struct vb_result *r;
	char buf[32]; /* for numbers */
};

typedef const char *(*vb_cell_fn)(struct vb_cell_ctx *c);

static char *vb_put_u64(char *w, uint64_t x, char sep);

static const char *vb_num(struct vb_cell_ctx *c, uint64_t v)
{
	if (c->r->st != VB_STATUS_OK)
		return "";	     /* not measured: empty, never 0 */
	vb_put_u64(c->buf, v, '\0'); /* "%llu" without printf: 7 cells a row */
	return c->buf;
}

static const char *c_run_id(struct vb_cell_ctx *c)
{
	return c->run_id;
}
static const char *c_target(struct vb_cell_ctx *c)
{
	return vb_record_get(&c->d->begin, "target");
}
static const char *c_arch(struct vb_cell_ctx *c)
{
	return vb_record_get(&c->d->begin, "arch");
}
static const char *c_mode(struct vb_cell_ctx *c)
{
	return vb_record_get(&c->d->begin, "mode");
}
static const char *c_bench(struct vb_cell_ctx *c)
{
	return c->r->bench;
}
static const char *c_config(struct vb_cell_ctx *c)
{
	return c->r->config;
}
static const char *c_unit(struct vb_cell_ctx *c)
{
	return c->r->unit;
}
static const char *c_status(struct vb_cell_ctx *c)
{
	return c->r->status;
}
static const char *c_n(struct vb_cell_ctx *c)
{
	return vb_num(c, c->r->s.n);
}
static const char *c_warmup(struct vb_cell_ctx *c)
{
	return vb_num(c, c->r->warmup);
}
static const char *c_min(struct vb_cell_ctx *c)
{
	return vb_num(c, c->r->s.min);
}
static const char *c_median(struct vb_cell_ctx *c)
{
	return vb_num(c, c->r->s.p50);
}
static const char *c_p90(struct vb_cell_ctx *c)
{
	return vb_num(c, c->r->s.p90);
}
static const char *c_p99(struct vb_cell_ctx *c)
{
	return vb_num(c, c->r->s.p99);
}
static const char *c_max(struct vb_cell_ctx *c)
{
	return vb_num(c, c->r->s.max);
}
static const char *c_emulated(struct vb_cell_ctx *c)
{
	return vb_record_get(&c->d->begin, "emulated");
}
static const char *c_clock(struct vb_cell_ctx *c)
{
	return vb_record_get(&c->d->begin, "clock");
}

/*
 * A PMU event column: the guest's median count per sample (field ev_<column>),
 * "unsupported" where the core or emulator does not count it, "na" where the
 * row's figure is not its own bracket's; empty where nothing was measured.
 */
static const char *c_event(struct vb_cell_ctx *c)
{
	char key[64] = "ev_";
	const char *v;

	if (c->r->st != VB_STATUS_OK)
		return "";
	/* "ev_<column>" without printf: 7 cells a row; columns are the table's own short names */
	strncpy(key + 3, c->column, sizeof(key) - 4);
	v = vb_record_get(&c->r->rec, key);
	return v ? v : "";
}

/*
 * Configuration columns, each the field of its own name in the record that
 * knows it: the result (a variant: footprint, pattern), guest-min's begin
 * record (stage 1, desc_reads) or hyp-min's record (stage 2: empty natively).
 */
static const char *c_result_field(struct vb_cell_ctx *c)
{
	const char *v = vb_record_get(&c->r->rec, c->column);

	return v ? v : "";
}
static const char *c_begin_field(struct vb_cell_ctx *c)
{
	const char *v = vb_record_get(&c->d->begin, c->column);

	return v ? v : "";
}
static const char *c_hyp_field(struct vb_cell_ctx *c)
{
	const char *v = c->d->has_hyp ? vb_record_get(&c->d->hyp, c->column) : NULL;

	return v ? v : "";
}

/* hyp-min's exit path; native runs have no hypervisor and so no policy. */
static const char *c_policy(struct vb_cell_ctx *c)
{
	return c->d->has_hyp ? vb_record_get(&c->d->hyp, "policy") : "none";
}

static const char *c_mean(struct vb_cell_ctx *c)
{
	if (c->r->st != VB_STATUS_OK)
		return "";
	snprintf(c->buf, sizeof(c->buf), "%.3f", vb_stats_mean(c->r->s.n, c->r->s.sum));
	return c->buf;
}

static const char *c_stddev(struct vb_cell_ctx *c)
{
	const struct vb_summary *s = &c->r->s;
	double sd;

	if (c->r->st != VB_STATUS_OK || s->ssq_overflow ||
	    vb_stats_stddev(s->n, s->sum, s->min, s->ssq, &sd))
		return "";
	snprintf(c->buf, sizeof(c->buf), "%.3f", sd);
	return c->buf;
}

/* summary.csv, column by column (docs/results.md says what each means). */
static const struct {
	const char *name;
	vb_cell_fn cell;
} vb_summary_table[] = {
	{ "run_id", c_run_id },
	{ "target", c_target },
	{ "arch", c_arch },
	{ "mode", c_mode },
	{ "bench", c_bench },
	{ "variant", c_result_field },
	{ "config", c_config },
	{ "policy", c_policy },
	{ "unit", c_unit },
	{ "status", c_status },
	{ "n", c_n },
	{ "warmup", c_warmup },
	{ "min", c_min },
	{ "median", c_median },
	{ "p90", c_p90 },
	{ "p99", c_p99 },
	{ "max", c_max },
	{ "mean", c_mean },
	{ "stddev", c_stddev },
	{ "emulated", c_emulated },
	{ "clock", c_clock },
	{ "inst_retired", c_event },
	{ "exc_taken", c_event },
	/* issue #4: translation configuration, variants, events */
	{ "pattern", c_result_field },
	{ "footprint", c_result_field },
	{ "s1_shared", c_result_field },
	{ "s2_shared", c_result_field },
	{ "s2_desc_clean", c_result_field },
	{ "chase_mapping", c_result_field },
	{ "s1_granule", c_begin_field },
	{ "s1_mapping", c_begin_field },
	{ "s1_walk_cache", c_begin_field },
	{ "s2_granule", c_hyp_field },
	{ "s2_mapping", c_hyp_field },
	{ "s2_start_level", c_hyp_field },
	{ "s2_walk_cache", c_hyp_field },
	{ "desc_reads", c_begin_field },
	{ "l1d_tlb_refill", c_event },
	{ "l2d_tlb_refill", c_event },
	{ "dtlb_walk", c_event },
	{ "mem_access", c_event },
	{ "l1d_cache_refill", c_event },
	/* issue #13: kvm mode, KVM's counters over the row's samples, the host kernel */
	{ "stat_exits", c_result_field },
	{ "stat_hvc_exits", c_result_field },
	{ "stat_user_exits", c_result_field },
	{ "kernel", c_begin_field },
	/* kvm mode's memory rows: the memslot's madvise, and its smaps after the row */
	{ "memslot_thp", c_begin_field },
	{ "memslot_page_kb", c_result_field },
	{ "memslot_thp_kb", c_result_field },
	{ "memslot_rss_kb", c_result_field },
	/* the rows' timer: cntvct in kvm mode and with --clock ticks; empty: the cycle counter */
	{ "timer", c_begin_field },
};
#define VB_SUMMARY_NCOLS (sizeof(vb_summary_table) / sizeof(vb_summary_table[0]))

const char *vb_summary_column(size_t i)
{
	return i < VB_SUMMARY_NCOLS ? vb_summary_table[i].name : NULL;
}

static int vb_summary_header(FILE *f)
{
	const char *row[VB_SUMMARY_NCOLS];

	for (size_t i = 0; i < VB_SUMMARY_NCOLS; i++)
		row[i] = vb_summary_table[i].name;
	return vb_csv_row(f, row, VB_SUMMARY_NCOLS);
}

static int vb_summary_row(FILE *f, const char *run_id, const struct vb_rundata *d,
			  const struct vb_result *r)
{
	struct vb_cell_ctx c[VB_SUMMARY_NCOLS];
	const char *row[VB_SUMMARY_NCOLS];

	for (size_t i = 0; i < VB_SUMMARY_NCOLS; i++) {
		c[i] = (struct vb_cell_ctx){
			.column = vb_summary_table[i].name, .run_id = run_id, .d = d, .r = r
		};
		row[i] = vb_summary_table[i].cell(&c[i]);
	}
	return vb_csv_row(f, row, VB_SUMMARY_NCOLS);
}

int vb_csvout_summary(const char *path, const char *run_id, const struct vb_rundata *d,
		      struct vb_error *e)
{
	FILE *f = vb_open(path, e);
	int bad;

	if (!f)
		return -1;
	bad = vb_summary_header(f);
	for (size_t i = 0; i < d->nresults; i++)
		bad |= vb_summary_row(f, run_id, d, &d->results[i]);
	return vb_close(f, path, bad, e);
}

#define VB_SAMPLES_BUF (1u << 20)

void vb_samples_out_init(struct vb_samples_out *o, const char *path)
{
	memset(o, 0, sizeof(*o));
	snprintf(o->path, sizeof(o->path), "%s", path);
}

static int vb_out_flush(struct vb_samples_out *o, struct vb_error *e)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len)
		return vb_fail(e, "writing %s: %s", o->path, strerror(errno ? errno : EIO));
	o->len = 0;
	return 0;
}

/* The header as libcsv quotes it; the rows are numbers, which need no quoting. */
static int vb_out_open(struct vb_samples_out *o, struct vb_error *e)
{
	size_t n = vb_count(vb_samples_columns);

	o->f = vb_open(o->path, e);
	if (!o->f)
		return -1;
	/* stdio's own buffer would only copy our 1 MiB writes once more */
	setvbuf(o->f, NULL, _IONBF, 0);
	o->buf = vb_xmalloc(VB_SAMPLES_BUF);
	for (size_t i = 0; i < n; i++) {
		o->len += csv_write(o->buf + o->len, VB_SAMPLES_BUF - o->len, vb_samples_columns[i],
				    strlen(vb_samples_columns[i]));
		o->buf[o->len++] = i + 1 < n ? ',' : '\n';
	}
	return 0;
}

/* x in decimal and sep at w, two digits a step, no printf; returns the end. w needs 21 bytes. */
static char *vb_put_u64(char *w, uint64_t x, char sep)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
				    "25262728293031323334353637383940414243444546474849"
				    "50515253545556575859606162636465666768697071727374"
				    "75767778798081828384858687888990919293949596979899";
	static const uint64_t pow10[20] = { 1ull,
					    10ull,
					    100ull,
					    1000ull,
					    10000ull,
					    100000ull,
					    1000000ull,
					    10000000ull,
					    100000000ull,
					    1000000000ull,
					    10000000000ull,
					    100000000000ull,
					    1000000000000ull,
					    10000000000000ull,
					    100000000000000ull,
					    1000000000000000ull,
					    10000000000000000ull,
					    100000000000000000ull,
					    1000000000000000000ull,
					    10000000000000000000ull };
	/* digits from the bit length: log10(2) ~ 1233/4096, then one comparison */
	unsigned bits = 64 - (unsigned)__builtin_clzll(x | 1), n = (bits * 1233) >> 12;
	char *end;

	n += (x | 1) >= pow10[n]; /* x | 1: 0 has one digit too */
	end = w + n;
	*end = sep;
	for (w = end; x >= 100; x /= 100) {
		w -= 2;
		memcpy(w, pairs + 2 * (x % 100), 2);
	}
	if (x >= 10)
		memcpy(w - 2, pairs + 2 * x, 2);
	else
		w[-1] = (char)('0' + x);
	return end + 1;
}

/*
 * The text of index i (VB_DIGITS_*: its digits from the low byte, their count
 * on top), for the indexes a result can have: made once, then each row copies
 * its index as it copies its value.
 */
static const uint64_t *vb_index_words(void)
{
	static uint64_t words[VB_PARAMS_MAX_SAMPLES];
	static bool made;

	if (!made) {
		for (size_t i = 0; i < VB_PARAMS_MAX_SAMPLES; i++) {
			char t[8] = { 0 };
			size_t n = (size_t)(vb_put_u64(t, i, '\0') - t) - 1;

			memcpy(&words[i], t, 8);
			words[i] |= (uint64_t)n << 56;
		}
		made = true;
	}
	return words;
}

int vb_samples_out_result(void *arg, const struct vb_rundata *d, const struct vb_result *r,
			  struct vb_error *e)
{
	struct vb_samples_out *o = arg;
	const uint64_t *idx = VB_DIGITS_MAX ? vb_index_words() : NULL;
	char prefix[24], *w, *lim;
	size_t plen;

	(void)d;
	if (!r->nsamples)
		return 0;
	if (!o->f && vb_out_open(o, e))
		return -1;
	/* "<row>," is every row's: formatted once */
	plen = (size_t)(vb_put_u64(prefix, (uint64_t)r->pos + 1, ',') - prefix);
	/* Rows are built in the buffer through a local pointer: stores through char * alias all. */
	w = o->buf + o->len;
	lim = o->buf + VB_SAMPLES_BUF - (sizeof(prefix) + 2 * 21);
	for (size_t j = 0; j < r->nsamples; j++) {
		if (w > lim) {
			o->len = (size_t)(w - o->buf);
			if (vb_out_flush(o, e))
				return -1;
			w = o->buf;
		}
		/* fixed sizes are single copies; the bytes past the row are overwritten next */
		memcpy(w, prefix, sizeof(prefix));
		w += plen;
		if (idx && j < VB_PARAMS_MAX_SAMPLES) {
			memcpy(w, &idx[j], 8);
			w += VB_DIGITS_LEN(idx[j]);
			*w++ = ',';
		} else {
			w = vb_put_u64(w, j, ',');
		}
		/* the value's own digits from the record when it has them (VB_DIGITS_*) */
		if (r->digits && r->digits[j]) {
			memcpy(w, &r->digits[j], 8);
			w += VB_DIGITS_LEN(r->digits[j]);
			*w++ = '\n';
		} else {
			w = vb_put_u64(w, r->samples[j], '\n');
		}
	}
	o->len = (size_t)(w - o->buf);
	return 0;
}

int vb_samples_out_close(struct vb_samples_out *o, struct vb_error *e)
{
	int ret = 0;

	if (o->f) {
		ret = vb_out_flush(o, e);
		ret |= vb_close(o->f, o->path, ret, ret ? NULL : e);
	}
	free(o->buf);
	o->buf = NULL;
	o->f = NULL;
	return ret ? -1 : 0;
}

int vb_csvout_samples(const char *path, const struct vb_rundata *d, struct vb_error *e)
{
	struct vb_samples_out o;
	int ret;

	vb_samples_out_init(&o, path);
	ret = vb_out_open(&o, e);
	for (size_t i = 0; i < d->nresults && !ret; i++)
		ret = vb_samples_out_result(&o, d, &d->results[i], e);
	if (ret) {
		vb_samples_out_close(&o, NULL);
		return -1;
	}
	return vb_samples_out_close(&o, e);
}
