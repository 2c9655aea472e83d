/* Collects result and samples records, and checks one against the other. */
#include "collect.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vb/params.h"

#define VB_SAMPLES_PER_RECORD 16

/* "g:3 result tlb_miss_chase/s1-4k[65536]: " */
#define VB_RFMT "%c:%llu %s %s/%s%s%s%s: "
#define VB_RARG(r, b, c)                                                              \
	(r)->src, (unsigned long long)(r)->seq, vb_record_type_name((r)->type), b, c, \
		vb_variant_of(r)[0] ? "[" : "", vb_variant_of(r), vb_variant_of(r)[0] ? "]" : ""

/* Results of one benchmark and configuration differ by variant; "" when a row has none. */
static const char *vb_variant_of(const struct vb_record *r)
{
	const char *v = vb_record_get(r, "variant");

	return v ? v : "";
}

void vb_rundata_free(struct vb_rundata *d)
{
	for (size_t i = 0; i < d->nresults; i++) {
		free(d->results[i].samples);
		free(d->results[i].digits);
		vb_record_free(&d->results[i].rec);
	}
	for (size_t i = 0; i < d->npending; i++) {
		free(d->pending[i].bench);
		free(d->pending[i].config);
		free(d->pending[i].variant);
		free(d->pending[i].v);
		free(d->pending[i].digits);
	}
	free(d->results);
	free(d->index);
	free(d->pending);
	vb_record_free(&d->begin);
	vb_record_free(&d->hyp);
	memset(d, 0, sizeof(*d));
}

/* FNV-1a of bench, config and variant: results are looked up once per record. */
static size_t vb_key_hash(const char *b, const char *c, const char *v)
{
	const char *parts[3] = { b, c, v };
	uint64_t h = 14695981039346656037ull;

	for (int i = 0; i < 3; i++) {
		for (const unsigned char *p = (const unsigned char *)parts[i]; *p; p++)
			h = (h ^ *p) * 1099511628211ull;
		h = (h ^ 0xff) * 1099511628211ull; /* separator: "ab","c" is not "a","bc" */
	}
	return (size_t)h;
}

/* The index slot of (b, c, v): where it is, or the empty slot where it would go. */
static size_t *vb_slot(const struct vb_rundata *d, const char *b, const char *c, const char *v)
{
	size_t mask = d->icap - 1;

	for (size_t i = vb_key_hash(b, c, v) & mask;; i = (i + 1) & mask) {
		const struct vb_result *r = d->index[i] ? &d->results[d->index[i] - 1] : NULL;

		if (!r || (!strcmp(r->bench, b) && !strcmp(r->config, c) && !strcmp(r->variant, v)))
			return &d->index[i];
	}
}

static struct vb_result *vb_find_result(struct vb_rundata *d, const char *b, const char *c,
					const char *v)
{
	size_t *slot = d->icap ? vb_slot(d, b, c, v) : NULL;

	return slot && *slot ? &d->results[*slot - 1] : NULL;
}

/* Indexes results[nresults - 1], rebuilding the table at half full. */
static void vb_index_last(struct vb_rundata *d)
{
	if (2 * d->nresults > d->icap) {
		free(d->index);
		d->icap = d->icap ? 2 * d->icap : 64;
		d->index = vb_xcalloc(d->icap, sizeof(*d->index));
		for (size_t i = 0; i + 1 < d->nresults; i++) {
			const struct vb_result *r = &d->results[i];

			*vb_slot(d, r->bench, r->config, r->variant) = i + 1;
		}
	}
	{
		const struct vb_result *r = &d->results[d->nresults - 1];

		*vb_slot(d, r->bench, r->config, r->variant) = d->nresults;
	}
}

static struct vb_sampleset *vb_find_pending(struct vb_rundata *d, const char *b, const char *c,
					    const char *v)
{
	/* strcmp: names of 10 to 30 bytes, on every samples record, where its vector loop pays */
	for (size_t i = 0; i < d->npending; i++)
		if (!strcmp(d->pending[i].bench, b) && !strcmp(d->pending[i].config, c) &&
		    !strcmp(d->pending[i].variant, v))
			return &d->pending[i];
	return NULL;
}

/* A value of v= that is not plain digits short enough not to overflow: vb_parse_u64's verdict. */
static int vb_value_slow(const char *tok, size_t len, uint64_t *x)
{
	char *copy = vb_xstrndup(tok, len);
	int r = vb_parse_u64(copy, x);

	free(copy);
	return r;
}

#define VB_ONES 0x0101010101010101ull
#define VB_HIGH 0x8080808080808080ull

/*
 * The plain digits at the start of the 8 bytes b (the first in the low byte):
 * their count (8 if there may be more), the value in *x and the text in *w
 * (VB_DIGITS_*). Bytes below 0x80 (a record is printable ASCII) are flagged
 * exactly; the lowest flagged byte is the first that is no digit, as only
 * bytes after it may carry into others.
 */
static size_t vb_digits8(uint64_t b, uint64_t *x, uint64_t *w)
{
	uint64_t nd = ((b + VB_ONES * 0x46) | ~(b + VB_ONES * 0x50)) & VB_HIGH; /* > '9', < '0' */
	size_t len = nd ? (size_t)__builtin_ctzll(nd) >> 3 : 8;
	uint64_t d;

	if (!len || len == 8)
		return len;
	/* the digits moved to the top bytes (leading zeros below), then paired up */
	d = ((b & ~(VB_ONES * 0x30)) << (8 * (8 - len))) & (VB_ONES * 0x0f);
	d = (d * (10 * 256 + 1)) >> 8 & 0x00ff00ff00ff00ffull;
	d = (d * (100 * 65536 + 1)) >> 16 & 0x0000ffff0000ffffull;
	*x = (d * (10000ull * (1ull << 32) + 1)) >> 32;
	*w = len <= VB_DIGITS_MAX && ((b & 0xff) != '0' || len == 1) ?
		     (b & ((1ull << (8 * len)) - 1)) | ((uint64_t)len << 56) :
		     0;
	return len;
}

/*
 * v= split on ',' and read eight bytes at a time, kept as text for
 * samples.csv too (no call per value); room for a record's values is made
 * once. A value that is not 1 to 7 plain digits (or any in a record without
 * slack after its text) goes byte by byte. Empty pieces are refused below,
 * after every value was read.
 */
static int vb_add_values(struct vb_sampleset *set, const struct vb_record *r, const char *v,
			 struct vb_error *e)
{
	size_t count = 0, empty = 0;
	const char *p = v;
	const bool wide = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ &&
			  r->textcap >= r->textlen + VB_RECORD_SLACK - 1;

	set->v = vb_grow(set->v, &set->cap, set->n + VB_SAMPLES_PER_RECORD, sizeof(*set->v));
	set->digits = vb_grow(set->digits, &set->dcap, set->n + VB_SAMPLES_PER_RECORD,
			      sizeof(*set->digits));
	for (;;) {
		const char *tok = p;
		uint64_t x = 0, w = 0, slow; /* in registers: their addresses are never taken */

		if (wide) {
			uint64_t b;
			size_t len;
			unsigned sep;

			memcpy(&b, p, 8);
			len = vb_digits8(b, &x, &w);
			sep = len && len < 8 ? (unsigned)(b >> (8 * len)) & 0xff : 1;
			if (sep == ',' || sep == 0) {
				p += len;
				goto got;
			}
			x = w = 0; /* empty, long or not a number: byte by byte */
		}
		while (*p >= '0' && *p <= '9')
			x = x * 10 + (uint64_t)(*p++ - '0');
		if ((*p && *p != ',') || p - tok > 19) { /* not digits alone, or long: strictly */
			while (*p && *p != ',')
				p++;
			if (vb_value_slow(tok, (size_t)(p - tok), &slow))
				return vb_fail(e, VB_RFMT "value '%.*s' is not a number",
					       VB_RARG(r, set->bench, set->config), (int)(p - tok),
					       tok);
			x = slow;
		}
got:
		if (p == tok) {
			empty++;
		} else if (count++ < VB_SAMPLES_PER_RECORD) {
			set->digits[set->n] = w;
			set->v[set->n++] = x;
		}
		if (!*p++)
			break;
	}
	if (count == 0 || count > VB_SAMPLES_PER_RECORD || empty)
		return vb_fail(e, VB_RFMT "v= must hold 1 to %d comma-separated values",
			       VB_RARG(r, set->bench, set->config), VB_SAMPLES_PER_RECORD);
	return 0;
}

/*
 * A samples record's fields in one pass over them (a lookup each was most
 * of the record's cost); NULL where one is missing.
 */
static void vb_samples_fields(const struct vb_record *r, const char **f)
{
	f[0] = f[1] = f[2] = f[3] = f[4] = NULL; /* bench, config, first, v, variant */
	for (size_t i = 0; i < r->nfields; i++) {
		const char *k = r->fields[i].key, *val = r->fields[i].value;

		if (k[0] == 'b' && vb_streq(k, "bench"))
			f[0] = val;
		else if (k[0] == 'c' && vb_streq(k, "config"))
			f[1] = val;
		else if (k[0] == 'f' && vb_streq(k, "first"))
			f[2] = val;
		else if (k[0] == 'v' && !k[1])
			f[3] = val;
		else if (k[0] == 'v' && vb_streq(k, "variant"))
			f[4] = val;
	}
}

/* What the begin record's samples= announced, within what the images keep; else 16. */
static size_t vb_expected_samples(const struct vb_rundata *d)
{
	uint64_t n;

	if (!d->has_begin || vb_record_u64(&d->begin, "samples", &n, NULL) || !n ||
	    n > VB_PARAMS_MAX_SAMPLES)
		return VB_SAMPLES_PER_RECORD;
	return (size_t)n;
}

/* first=: plain digits quickly; anything else as vb_record_u64 takes it, with its message. */
static int vb_first(const struct vb_record *r, const char *s, uint64_t *x, struct vb_error *e)
{
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < 19 && s[i] >= '0' && s[i] <= '9'; i++)
		n = n * 10 + (uint64_t)(s[i] - '0');
	if (i && !s[i]) {
		*x = n;
		return 0;
	}
	return vb_record_u64(r, "first", x, e);
}

int vb_collect_samples(struct vb_rundata *d, const struct vb_record *r, struct vb_error *e)
{
	const char *b, *c, *v, *var, *f[5];
	struct vb_sampleset *set;
	uint64_t first;

	vb_samples_fields(r, f);
	b = f[0], c = f[1], v = f[3];
	/* a missing field: the lookups below name it, in the order they always did */
	if (!b || !c || !f[2] || !v) {
		if (vb_record_need(r, "bench", &b, e) || vb_record_need(r, "config", &c, e) ||
		    vb_record_u64(r, "first", &first, e) || vb_record_need(r, "v", &v, e))
			return -1;
	}
	if (vb_first(r, f[2], &first, e))
		return -1;
	var = f[4] ? f[4] : "";
	/* A row with samples waiting has no result yet: only a new set needs the lookup. */
	set = vb_find_pending(d, b, c, var);
	if (!set && vb_find_result(d, b, c, var))
		return vb_fail(e, VB_RFMT "samples after the result record", VB_RARG(r, b, c));
	if (!set) {
		d->pending = vb_grow(d->pending, &d->pcap, d->npending + 1, sizeof(*d->pending));
		set = &d->pending[d->npending++];
		memset(set, 0, sizeof(*set));
		set->bench = vb_xstrdup(b);
		set->config = vb_xstrdup(c);
		set->variant = vb_xstrdup(var);
		/* room for the samples the begin record announced, at once: no regrowing */
		set->v = vb_grow(NULL, &set->cap, vb_expected_samples(d) + VB_SAMPLES_PER_RECORD,
				 sizeof(*set->v));
		set->digits = vb_grow(NULL, &set->dcap, set->cap, sizeof(*set->digits));
	}
	if (first != set->n)
		return vb_fail(e, VB_RFMT "first=%llu, expected %zu (samples missing or repeated)",
			       VB_RARG(r, b, c), (unsigned long long)first, set->n);
	d->any_samples = true;
	return vb_add_values(set, r, v, e);
}

static int vb_parse_ok(struct vb_result *res, struct vb_error *e)
{
	const struct vb_record *r = &res->rec;
	struct vb_summary *s = &res->s;
	const char *ssq;

	if (vb_record_u64(r, "n", &s->n, e) || vb_record_u64(r, "warmup", &res->warmup, e) ||
	    vb_record_u64(r, "min", &s->min, e) || vb_record_u64(r, "p50", &s->p50, e) ||
	    vb_record_u64(r, "p90", &s->p90, e) || vb_record_u64(r, "p99", &s->p99, e) ||
	    vb_record_u64(r, "max", &s->max, e) || vb_record_u64(r, "sum", &s->sum, e) ||
	    vb_record_need(r, "ssq", &ssq, e))
		return -1;
	if (!strcmp(ssq, "overflow"))
		s->ssq_overflow = true;
	else if (vb_record_u64(r, "ssq", &s->ssq, e))
		return -1;
	return 0;
}

/*
 * What the images can send and what the fields allow one another: the images
 * keep at most VB_PARAMS_MAX_SAMPLES samples of 32 bits (a warm-up count of
 * 32 bits); one sample is the min and one the max, every one lies between, so
 * sum and ssq (squares from the min) have bounds a damaged record breaks.
 */
static int vb_check_bounds(const struct vb_result *res, struct vb_error *e)
{
	const struct vb_record *r = &res->rec;
	const struct vb_summary *s = &res->s;
	unsigned __int128 span = s->max - s->min, above = s->sum - (unsigned __int128)s->n * s->min;

	if (s->n > VB_PARAMS_MAX_SAMPLES)
		return vb_fail(e, VB_RFMT "n=%llu is more than the images keep (%u)",
			       VB_RARG(r, res->bench, res->config), (unsigned long long)s->n,
			       VB_PARAMS_MAX_SAMPLES);
	if (res->warmup > UINT32_MAX)
		return vb_fail(e, VB_RFMT "warmup=%llu is more than the images count",
			       VB_RARG(r, res->bench, res->config),
			       (unsigned long long)res->warmup);
	if (s->n == 1 && span)
		return vb_fail(e, VB_RFMT "n=1 but min=%llu and max=%llu differ",
			       VB_RARG(r, res->bench, res->config), (unsigned long long)s->min,
			       (unsigned long long)s->max);
	/* one sample is the max, the other n-1 are at least the min, and the reverse */
	if (s->n > 1 && (above < span || above > span * (s->n - 1)))
		return vb_fail(e,
			       VB_RFMT "sum=%llu does not fit one sample at min=%llu, one at "
				       "max=%llu and the others between",
			       VB_RARG(r, res->bench, res->config), (unsigned long long)s->sum,
			       (unsigned long long)s->min, (unsigned long long)s->max);
	/* each square is at most span times its own distance from the min */
	if (!s->ssq_overflow &&
	    (s->ssq < span * span || (above <= UINT64_MAX && s->ssq > span * above)))
		return vb_fail(e,
			       VB_RFMT "ssq=%llu is outside what min=%llu, max=%llu and sum=%llu "
				       "allow",
			       VB_RARG(r, res->bench, res->config), (unsigned long long)s->ssq,
			       (unsigned long long)s->min, (unsigned long long)s->max,
			       (unsigned long long)s->sum);
	return 0;
}

/* Catches a guest that computes its statistics wrongly, even without raw samples. */
static int vb_check_ok(const struct vb_result *res, struct vb_error *e)
{
	const struct vb_record *r = &res->rec;
	const struct vb_summary *s = &res->s;
	unsigned __int128 lo = (unsigned __int128)s->n * s->min;
	unsigned __int128 hi = (unsigned __int128)s->n * s->max;
	double sd;

	if (s->n == 0)
		return vb_fail(e, VB_RFMT "status=ok with n=0",
			       VB_RARG(r, res->bench, res->config));
	if (!(s->min <= s->p50 && s->p50 <= s->p90 && s->p90 <= s->p99 && s->p99 <= s->max))
		return vb_fail(e, VB_RFMT "min <= p50 <= p90 <= p99 <= max does not hold",
			       VB_RARG(r, res->bench, res->config));
	if (s->sum < lo || s->sum > hi)
		return vb_fail(e, VB_RFMT "sum=%llu is outside n*min..n*max",
			       VB_RARG(r, res->bench, res->config), (unsigned long long)s->sum);
	if (!s->ssq_overflow && s->n > 1 && vb_stats_stddev(s->n, s->sum, s->min, s->ssq, &sd))
		return vb_fail(e, VB_RFMT "ssq=%llu is too small for sum=%llu",
			       VB_RARG(r, res->bench, res->config), (unsigned long long)s->ssq,
			       (unsigned long long)s->sum);
	return vb_check_bounds(res, e);
}

#define VB_SAME(f)                                                                            \
	if (mine.f != s->f)                                                                   \
		return vb_fail(e, VB_RFMT #f "=%llu but the samples give %llu",               \
			       VB_RARG(r, res->bench, res->config), (unsigned long long)s->f, \
			       (unsigned long long)mine.f);

/* The independent check: recompute what the guest reported from its own samples. */
static int vb_check_samples(const struct vb_result *res, struct vb_error *e)
{
	const struct vb_record *r = &res->rec;
	const struct vb_summary *s = &res->s;
	struct vb_summary mine;

	if (res->nsamples != s->n)
		return vb_fail(e, VB_RFMT "n=%llu but %zu samples were sent",
			       VB_RARG(r, res->bench, res->config), (unsigned long long)s->n,
			       res->nsamples);
	vb_stats_summarize(res->samples, res->nsamples, &mine);
	if (mine.sum_overflow)
		return vb_fail(e, VB_RFMT "the samples' sum overflows 64 bits",
			       VB_RARG(r, res->bench, res->config));
	VB_SAME(min);
	VB_SAME(p50);
	VB_SAME(p90);
	VB_SAME(p99);
	VB_SAME(max);
	VB_SAME(sum);
	if (mine.ssq_overflow != s->ssq_overflow || (!s->ssq_overflow && mine.ssq != s->ssq))
		return vb_fail(e, VB_RFMT "ssq=%s but the samples give %llu%s",
			       VB_RARG(r, res->bench, res->config), vb_record_get(r, "ssq"),
			       (unsigned long long)mine.ssq,
			       mine.ssq_overflow ? " (overflow)" : "");
	return 0;
}

/* Every benchmark of a run keeps the samples and warm-up its begin record announced. */
static int vb_check_begin(const struct vb_rundata *d, const struct vb_result *res,
			  struct vb_error *e)
{
	const struct vb_record *r = &res->rec;
	uint64_t n, w;

	if (!d->has_begin)
		return 0;
	if (!vb_record_u64(&d->begin, "samples", &n, NULL) && n != res->s.n)
		return vb_fail(e, VB_RFMT "n=%llu but begin says samples=%llu",
			       VB_RARG(r, res->bench, res->config), (unsigned long long)res->s.n,
			       (unsigned long long)n);
	if (!vb_record_u64(&d->begin, "warmup", &w, NULL) && w != res->warmup)
		return vb_fail(e, VB_RFMT "warmup=%llu but begin says warmup=%llu",
			       VB_RARG(r, res->bench, res->config), (unsigned long long)res->warmup,
			       (unsigned long long)w);
	return 0;
}

static int vb_take_samples(struct vb_rundata *d, struct vb_result *res)
{
	struct vb_sampleset *set = vb_find_pending(d, res->bench, res->config, res->variant);

	if (!set)
		return 0;
	res->samples = set->v;
	res->digits = set->digits;
	res->nsamples = set->n;
	free(set->bench);
	free(set->config);
	free(set->variant);
	*set = d->pending[--d->npending];
	return 1;
}

static int vb_result_fields(struct vb_result *res, struct vb_error *e)
{
	const struct vb_record *r = &res->rec;

	if (vb_record_need(r, "bench", &res->bench, e) ||
	    vb_record_need(r, "config", &res->config, e) ||
	    vb_record_need(r, "unit", &res->unit, e) ||
	    vb_record_need(r, "status", &res->status, e))
		return -1;
	res->reason = vb_record_get(r, "reason");
	res->variant = vb_variant_of(r);
	if (!strcmp(res->status, "ok"))
		res->st = VB_STATUS_OK;
	else if (!strcmp(res->status, "na"))
		res->st = VB_STATUS_NA;
	else if (!strcmp(res->status, "unsupported"))
		res->st = VB_STATUS_UNSUPPORTED;
	else
		return vb_fail(e, VB_RFMT "unknown status '%s'",
			       VB_RARG(r, res->bench, res->config), res->status);
	return res->st == VB_STATUS_OK ? vb_parse_ok(res, e) : 0;
}

int vb_collect_result(struct vb_rundata *d, const struct vb_record *r, bool require_samples,
		      struct vb_error *e)
{
	struct vb_result res = { 0 };
	int had;

	vb_record_copy(&res.rec, r);
	if (vb_result_fields(&res, e))
		goto fail;
	if (vb_find_result(d, res.bench, res.config, res.variant)) {
		vb_fail(e, VB_RFMT "reported twice", VB_RARG(r, res.bench, res.config));
		goto fail;
	}
	had = vb_take_samples(d, &res);
	if (res.st != VB_STATUS_OK && had) {
		vb_fail(e, VB_RFMT "samples for a status=%s result",
			VB_RARG(r, res.bench, res.config), res.status);
		goto fail;
	}
	if (res.st == VB_STATUS_OK && (vb_check_ok(&res, e) || vb_check_begin(d, &res, e) ||
				       (had && vb_check_samples(&res, e))))
		goto fail;
	if (res.st == VB_STATUS_OK && !had && require_samples) {
		vb_fail(e, VB_RFMT "no samples records, but raw samples were asked for",
			VB_RARG(r, res.bench, res.config));
		goto fail;
	}
	res.pos = d->nresults;
	if (had && d->samples_fn) {
		int r2 = d->samples_fn(d->samples_ctx, d, &res, e);

		free(res.samples);
		free(res.digits);
		res.samples = res.digits = NULL;
		res.nsamples = 0;
		if (r2)
			goto fail;
	}
	d->results = vb_grow(d->results, &d->rcap, d->nresults + 1, sizeof(*d->results));
	d->results[d->nresults++] = res;
	vb_index_last(d);
	return 0;
fail:
	free(res.samples);
	free(res.digits);
	vb_record_free(&res.rec);
	return -1;
}

int vb_collect_finish(struct vb_rundata *d, struct vb_error *e)
{
	if (d->npending)
		return vb_fail(e, "samples for %s/%s%s%s%s without a result record",
			       d->pending[0].bench, d->pending[0].config,
			       d->pending[0].variant[0] ? "[" : "", d->pending[0].variant,
			       d->pending[0].variant[0] ? "]" : "");
	return 0;
}
