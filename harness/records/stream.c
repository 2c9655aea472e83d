/* Verifies a console stream: CRCs, sequence numbers, record order, end count. */
#include "stream.h"

#include <stdio.h>
#include <string.h>

#define VB_NAME(r) (r)->src, (unsigned long long)(r)->seq

void vb_stream_init(struct vb_stream *s, const struct vb_stream_opts *opts)
{
	memset(s, 0, sizeof(*s));
	if (opts)
		s->opts = *opts;
}

void vb_stream_free(struct vb_stream *s)
{
	vb_record_free(&s->rec);
	vb_rundata_free(&s->data);
}

/* Records the first failure only, prefixed with where it happened. */
static void vb_stream_fail(struct vb_stream *s, const char *msg)
{
	if (s->failed)
		return;
	s->failed = true;
	vb_fail(&s->err, "console line %lu: %s", s->line, msg);
}

static int vb_check_seq(struct vb_stream *s, const struct vb_record *r, struct vb_error *e)
{
	uint64_t *next = &s->next_seq[r->src == 'h'];

	if (r->seq > *next)
		return vb_fail(e, "missing record %c:%llu%s (next one is %c:%llu)", r->src,
			       (unsigned long long)*next, r->seq > *next + 1 ? " and more" : "",
			       VB_NAME(r));
	if (r->seq < *next)
		return vb_fail(e, "duplicated record %c:%llu (already seen; expected %c:%llu)",
			       VB_NAME(r), r->src, (unsigned long long)*next);
	(*next)++;
	return 0;
}

static int vb_expect(const struct vb_record *r, const char *key, const char *want,
		     struct vb_error *e)
{
	const char *v = vb_record_get(r, key);

	v = v ? v : ""; /* absent: want "" (timer: no --clock ticks) */
	if (want && strcmp(v, want))
		return vb_fail(e, "begin says %s=%s but this run expects %s=%s (wrong image?)", key,
			       v, key, want);
	return 0;
}

static int vb_on_begin(struct vb_stream *s, const struct vb_record *r, struct vb_error *e)
{
	static const char *const need[] = { "target", "arch", "mode", "emulated", "clock" };
	const char *mode, *v;

	for (size_t i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (vb_record_need(r, need[i], &v, e))
			return -1;
	mode = vb_record_get(r, "mode");
	/* kvm: guest-min under KVM; linux: vbench-linux's rows from user space; perf: perf
	 * stat's counts (docs/kvm.md, docs/linux.md) */
	if (strcmp(mode, "virt") && strcmp(mode, "native") && strcmp(mode, "kvm") &&
	    strcmp(mode, "linux") && strcmp(mode, "perf"))
		return vb_fail(e, "begin: mode=%s is not virt, native, kvm, linux or perf", mode);
	if (vb_expect(r, "target", s->opts.expect_target, e) ||
	    vb_expect(r, "mode", s->opts.expect_mode, e) ||
	    vb_expect(r, "clock", s->opts.expect_clock, e) ||
	    vb_expect(r, "timer", s->opts.expect_timer, e))
		return -1;
	if (!strcmp(mode, "virt") && !s->data.has_hyp)
		return vb_fail(e, "virt run without a hyp record before the guest's begin");
	if (strcmp(mode, "virt") && s->next_seq[1])
		return vb_fail(e, "hyp-min records in a %s run", mode);
	if (vb_record_u64(r, "benches", &s->benches, e))
		return -1;
	vb_record_copy(&s->data.begin, r);
	s->data.has_begin = true;
	return 0;
}

/* begin announced how many results the run reports: fewer or more is a damaged run. */
static int vb_check_benches(const struct vb_stream *s, const struct vb_record *r,
			    struct vb_error *e)
{
	if (s->data.nresults != s->benches)
		return vb_fail(e,
			       "end record %c:%llu: begin announced benches=%llu but %zu result "
			       "records came",
			       VB_NAME(r), (unsigned long long)s->benches, s->data.nresults);
	return 0;
}

static int vb_on_end(struct vb_stream *s, const struct vb_record *r, struct vb_error *e)
{
	uint64_t n;

	if (vb_record_u64(r, "records", &n, e))
		return -1;
	if (n != r->seq)
		return vb_fail(e, "end says records=%llu but %llu guest records came before it",
			       (unsigned long long)n, (unsigned long long)r->seq);
	s->ended = true;
	return vb_check_benches(s, r, e) || vb_collect_finish(&s->data, e) ? -1 : 0;
}

static int vb_on_error(const struct vb_record *r, struct vb_error *e)
{
	char fields[VB_ERR_LEN / 2] = "";
	size_t off = 0;

	for (size_t i = 0; i < r->nfields; i++)
		off = vb_catf(fields, sizeof(fields), off, " %s=%s", r->fields[i].key,
			      r->fields[i].value);
	return vb_fail(e, "%s error record %c:%llu:%s", r->src == 'h' ? "hyp-min" : "guest-min",
		       VB_NAME(r), fields);
}

/*
 * hyp-min refused a request of the guest (docs/records.md): counted by both
 * sides, and the first one kept for the verdict. The guest ran on, so the
 * rest of the stream is still read and checked.
 */
static int vb_on_refused(struct vb_stream *s, const struct vb_record *r, struct vb_error *e)
{
	const char *request, *reason;
	uint64_t count;

	if (vb_record_u64(r, "count", &count, e) || vb_record_need(r, "request", &request, e) ||
	    vb_record_need(r, "reason", &reason, e))
		return -1;
	if (count != s->refused + 1)
		return vb_fail(e, "record %c:%llu: refused count=%llu but %llu came before it",
			       VB_NAME(r), (unsigned long long)count,
			       (unsigned long long)s->refused);
	if (!s->refused++)
		snprintf(s->first_refused, sizeof(s->first_refused), "%c:%llu request=%s reason=%s",
			 VB_NAME(r), request, reason);
	return 0;
}

/* Order rules: hyp once before the guest starts; guest begin first, end last. */
static int vb_check_order(struct vb_stream *s, const struct vb_record *r, struct vb_error *e)
{
	if (r->type == VB_REC_ERROR)
		return 0;
	if (r->src == 'h' && r->type == VB_REC_REFUSED) /* answers a guest request: after hyp */
		return s->data.has_hyp ? 0 :
					 vb_fail(e, "record %c:%llu: refused before the hyp record",
						 VB_NAME(r));
	if (r->src == 'h') {
		if (r->type != VB_REC_HYP)
			return vb_fail(e, "record %c:%llu: hyp-min does not send '%s' records",
				       VB_NAME(r), vb_record_type_name(r->type));
		if (s->data.has_hyp || s->data.has_begin)
			return vb_fail(e, "record %c:%llu: a hyp record %s", VB_NAME(r),
				       s->data.has_hyp ? "again" : "after the guest began");
		return 0;
	}
	if (r->type == VB_REC_HYP || r->type == VB_REC_REFUSED)
		return vb_fail(e, "record %c:%llu: guest-min sent a %s record", VB_NAME(r),
			       vb_record_type_name(r->type));
	if ((r->seq == 0) != (r->type == VB_REC_BEGIN))
		return vb_fail(e,
			       "record %c:%llu is '%s': the guest's first record, and only "
			       "that one, must be 'begin'",
			       VB_NAME(r), vb_record_type_name(r->type));
	return 0;
}

static int vb_dispatch(struct vb_stream *s, const struct vb_record *r, struct vb_error *e)
{
	if (r->src == 'h' && r->type == VB_REC_HYP && !s->data.has_hyp) {
		vb_record_copy(&s->data.hyp, r);
		s->data.has_hyp = true;
	}
	switch (r->type) {
	case VB_REC_BEGIN:
		return vb_on_begin(s, r, e);
	case VB_REC_RESULT:
		return vb_collect_result(&s->data, r, s->opts.require_samples, e);
	case VB_REC_SAMPLES:
		return vb_collect_samples(&s->data, r, e);
	case VB_REC_END:
		return vb_on_end(s, r, e);
	case VB_REC_ERROR:
		return vb_on_error(r, e);
	case VB_REC_REFUSED:
		return vb_on_refused(s, r, e);
	default:
		return 0;
	}
}

/*
 * The guest's end closes the run: a record after it is hyp-min failing once
 * the guest was done, or a second run's log appended to this one's.
 */
static void vb_after_end(struct vb_stream *s, const char *line, size_t len)
{
	struct vb_record r;
	struct vb_error e;
	char msg[VB_ERR_LEN + 128];
	int got = vb_record_parse(line, len, &r, &e);

	if (got < 0)
		snprintf(msg, sizeof(msg),
			 "a bad record after the guest's end record (line %lu): %s", s->last_line,
			 e.msg);
	else if (got > 0)
		snprintf(msg, sizeof(msg),
			 "record %c:%llu '%s' after the guest's end record (line %lu): %s",
			 VB_NAME(&r), vb_record_type_name(r.type), s->last_line,
			 r.type == VB_REC_ERROR ? "hyp-min or guest-min failed after the run" :
						  "a second run's log follows this one");
	if (got)
		vb_stream_fail(s, msg);
	vb_record_free(&r);
}

bool vb_stream_line(struct vb_stream *s, const char *line, size_t len)
{
	struct vb_record *r = &s->rec;
	struct vb_error e;
	int got;

	s->line++;
	if (s->ended && !s->failed)
		vb_after_end(s, line, len);
	if (s->stopped)
		return true;
	got = vb_record_reparse(line, len, r, &e);
	if (got < 0)
		vb_stream_fail(s, e.msg);
	if (got <= 0)
		return false;
	if (r->type == VB_REC_ERROR || (r->src == 'g' && r->type == VB_REC_END))
		s->stopped = true;
	if (!s->failed) {
		if (vb_check_seq(s, r, &e) || vb_check_order(s, r, &e) || vb_dispatch(s, r, &e))
			vb_stream_fail(s, e.msg);
		s->last_src = r->src; /* formatted only if a message needs it */
		s->last_seq = r->seq;
		s->last_line = s->line;
	}
	return s->stopped;
}

int vb_stream_finish(struct vb_stream *s, const char *cut, struct vb_error *e)
{
	if (s->failed)
		return vb_fail(e, "%s", s->err.msg);
	if (s->last_src)
		snprintf(s->last, sizeof(s->last), "%c:%llu", s->last_src,
			 (unsigned long long)s->last_seq);
	if (!s->ended) {
		if (!s->last[0])
			return vb_fail(e,
				       "%s before the end record: no record at all in %lu "
				       "console lines",
				       cut ? cut : "the console ends", s->line);
		return vb_fail(e,
			       "%s before the end record: truncated stream (last record %s at "
			       "console line %lu)",
			       cut ? cut : "the console ends", s->last, s->last_line);
	}
	if (s->refused)
		return vb_fail(
			e,
			"hyp-min refused %llu request%s of the guest (first: %s); the guest "
			"ran to its end record, but a run with refused requests is not verified",
			(unsigned long long)s->refused, s->refused == 1 ? "" : "s",
			s->first_refused);
	return 0;
}
