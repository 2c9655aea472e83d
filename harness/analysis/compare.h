/* Matching two sets of runs row by row and judging each change (vbench compare). */
#ifndef VB_COMPARE_H
#define VB_COMPARE_H

#include <stdio.h>

#include "results/runset.h"

enum vb_verdict {
	VB_V_NOCHANGE,
	VB_V_REGRESSION,
	VB_V_IMPROVEMENT,
	VB_V_UNMEASURED, /* a side is not ok (na, unsupported) */
	VB_V_ONLY_BASE,
	VB_V_ONLY_NEW,
};

struct vb_change {
	const struct vb_row *base, *new; /* one may be NULL */
	char *key;
	double pct;  /* change of the median, % of base */
	bool has_ci; /* conservative interval of pct from both medians' intervals */
	double ci_lo, ci_hi;
	enum vb_verdict v;
	char note[128];
};

struct vb_comparison {
	struct vb_change *c;
	size_t n, cap;
	const char **cols; /* identity columns used to match */
	size_t ncols;
	size_t regressions, improvements, only_base, only_new;
	size_t lost;   /* ok in BASE, not measured in NEW: fails the gate like a regression */
	size_t common; /* rows matched on both sides */
};

/*
 * Matches rows over the identity columns both sides have but status (a row going from ok to
 * unsupported is the same row, not measured); `cross` leaves out target, arch, mode.
 */
void vb_compare(const struct vb_set *base, const struct vb_set *new, double threshold, bool cross,
		struct vb_comparison *out);
void vb_comparison_free(struct vb_comparison *c);

const char *vb_verdict_name(enum vb_verdict v);

/*
 * "target/mode" pairs of a set, sorted, joined by ", " (caller frees); a linux
 * run's mode says its begin.in_guest: "qemu-a72/linux (in_guest=yes)".
 */
char *vb_set_targets(const struct vb_set *s);
/* The set's distinct values of `col` (clock, ...), sorted, joined by ", " (caller frees). */
char *vb_set_values(const struct vb_set *s, const char *col);

int vb_comparison_csv(FILE *f, const struct vb_comparison *c);

#endif
