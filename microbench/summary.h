#ifndef SUMMARY_H
#define SUMMARY_H

#include <stdint.h>

/* What a `result` record carries (docs/records.md); the host derives mean and stddev. */
struct summary {
	uint32_t min, p50, p90, p99, max;
	uint64_t sum; /* of the samples */
	uint64_t ssq; /* of the squared differences from min */
	int ssq_overflow;
};

/* Sorts samples in place. n > 0. */
void summarize(uint32_t *samples, unsigned n, struct summary *s);

struct record;
/* Adds min, p50, p90, p99, max, sum and ssq to a result record (guest-min and vbench-linux). */
void summary_record(struct record *r, const struct summary *s);

#endif
