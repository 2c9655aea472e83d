/*
 * `perf stat` output as rows: the CSV of `perf stat -x,` and the JSON lines
 * of `perf stat --json` (perf 6.1 and later), told apart by their first line
 * (docs/linux.md, "perf stat beside it"). Bad input is an error naming
 * file:line and what is wrong; interval (-I) and per-CPU (-A, --per-*)
 * layouts are refused, not guessed.
 */
#ifndef VB_PERFSTAT_H
#define VB_PERFSTAT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/util.h"

struct vb_perf_row {
	unsigned line;	 /* in the file, from 1 */
	char *event;	 /* as perf names it: "dTLB-load-misses", "armv8_pmuv3_0/l1d_tlb_refill/" */
	char *value;	 /* as printed: "49", "1.38"; "" when not counted */
	char *unit;	 /* "msec", "" */
	char *variance;	 /* with -r: relative stddev of the mean in percent, "" without */
	char *running;	 /* percent of the time the event was on the PMU */
	char *status;	 /* "ok", "not_supported", "not_counted" */
	const char *fmt; /* "csv" or "json" */
};

struct vb_perf_stat {
	struct vb_perf_row *rows;
	size_t nrows;
};

/* Reads text (the whole file; path names it in errors). */
int vb_perf_stat_parse(const char *path, const char *text, struct vb_perf_stat *out,
		       struct vb_error *e);
void vb_perf_stat_free(struct vb_perf_stat *s);

/*
 * A row's value as an exact integer in the unit it gives (out_unit): counts
 * as printed; msec with decimals as ns. Anything else with decimals is an
 * error: no rounding.
 */
int vb_perf_value(const struct vb_perf_row *r, unsigned long long *v, const char **out_unit,
		  struct vb_error *e);

#endif
