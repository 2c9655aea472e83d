/* What a verified console stream says: context records, results, raw samples. */
#ifndef VB_COLLECT_H
#define VB_COLLECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "record.h"
#include "base/stats.h"
#include "base/util.h"

enum vb_status { VB_STATUS_OK, VB_STATUS_NA, VB_STATUS_UNSUPPORTED };

struct vb_result {
	const char *bench, *config, *unit, *status, *reason; /* point into rec */
	const char *variant; /* a parameterised row's variant (footprint, pattern), or "" */
	enum vb_status st;
	struct vb_summary s; /* status ok only */
	size_t pos;	     /* its place among the run's results (summary.csv row pos + 1) */
	uint64_t warmup;
	uint64_t *samples; /* raw samples in the order taken, if the guest sent them */
	uint64_t *digits;  /* each sample's own text (VB_DIGITS_*), or NULL: 0 where it has none */
	size_t nsamples;
	struct vb_record rec;
};

/*
 * A sample's decimal text as the record gave it, when it is 1 to 7 digits
 * without a leading zero (its value's own form): the digits from the low
 * byte up (as memcpy stores the word on a little-endian host), their count
 * in the top byte. samples.csv copies them instead of formatting the value
 * again; 0 (and every big-endian host) means format the value.
 */
#define VB_DIGITS_MAX	 7
#define VB_DIGITS_LEN(w) ((size_t)((w) >> 56))

/* Samples records wait here until the result record of their benchmark arrives. */
struct vb_sampleset {
	char *bench, *config, *variant;
	uint64_t *v, *digits; /* values, and their text (VB_DIGITS_*) */
	size_t n, cap, dcap;
};

struct vb_rundata;

/*
 * Where a result's raw samples go once they are checked: called in the order
 * of the results, then the samples are freed, so a run's memory does not grow
 * with its samples. Without one, results keep them (r->samples).
 */
typedef int (*vb_samples_fn)(void *ctx, const struct vb_rundata *d, const struct vb_result *r,
			     struct vb_error *e);

struct vb_rundata {
	struct vb_record begin, hyp;
	bool has_begin, has_hyp;
	struct vb_result *results;
	size_t nresults, rcap;
	size_t *index, icap; /* hash of results by bench, config, variant: 1 + their position */
	struct vb_sampleset *pending;
	size_t npending, pcap;
	bool any_samples;
	vb_samples_fn samples_fn;
	void *samples_ctx;
};

void vb_rundata_free(struct vb_rundata *d);

/* Takes one `samples` record. */
int vb_collect_samples(struct vb_rundata *d, const struct vb_record *r, struct vb_error *e);

/*
 * Takes one `result` record: checks its numbers are consistent and, when
 * samples came before it, that they give the same statistics.
 */
int vb_collect_result(struct vb_rundata *d, const struct vb_record *r, bool require_samples,
		      struct vb_error *e);

/* After the end record: no samples may be left without their result. */
int vb_collect_finish(struct vb_rundata *d, struct vb_error *e);

#endif
