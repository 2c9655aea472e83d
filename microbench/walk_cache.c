/* walk_cache: P0 then P1, at a distance derived from the tables as built. */
#include <memrows.h>

/*
 * ---- walk_cache: after emptying the TLBs, touch P0 (TEST_BASE), then time
 * P1. What P1 shares with P0's walk decides what walk caches (and the IPA
 * cache) can give back. P1 is derived from the tables as built, at both
 * stages: same_table is one leaf further (the larger of the two stages'
 * leaves: a new leaf at both) in the same last-level table at both stages;
 * next_table one last-level table further (the larger of the two stages'
 * table spans) under the same table above it at both stages; far is the far
 * window (<vb/layout.h>), another top-level entry at both stages. A pattern
 * the configuration cannot express is "na" with the reason, never a number.
 */
static const char *const patterns[] = { "same_table", "next_table", "far" };
static uintptr_t wc_p1;

unsigned variants_walk_cache(const struct vb_params *p, struct bench_variant *out)
{
	(void)p;
	for (unsigned i = 0; i < sizeof(patterns) / sizeof(patterns[0]); i++) {
		out[i].key = "pattern";
		out[i].arg = i;
		for (unsigned c = 0; (out[i].value[c] = patterns[i][c]); c++)
			;
	}
	return sizeof(patterns) / sizeof(patterns[0]);
}

/* The level whose descriptor maps x's test window (its configured mapping). */
static unsigned leaf_level(const struct xlat *x)
{
	unsigned l = x->geom.start_level;

	while (l < 3 && ((uint64_t)1 << pt_level_shift(&x->geom, l)) != x->mapping)
		l++;
	return l;
}

/* Bytes one table at the leaf level maps (the start level's: all of it). */
static uint64_t table_span(const struct xlat *x)
{
	unsigned l = leaf_level(x);

	return x->mapping * pt_entries(&x->geom, l);
}

/* "l1-l3": the levels whose table both walks read (a run from the start level), or "none". */
static void levels_name(char *buf, unsigned mask)
{
	unsigned lo = 0, hi = 0;

	if (!mask) {
		for (unsigned i = 0; (buf[i] = "none"[i]); i++)
			;
		return;
	}
	while (!(mask & (1u << lo)))
		lo++;
	for (hi = lo; mask & (2u << hi); hi++)
		;
	buf[0] = 'l';
	buf[1] = (char)('0' + lo);
	buf[2] = '\0';
	if (hi != lo) {
		buf[2] = '-';
		buf[3] = 'l';
		buf[4] = (char)('0' + hi);
		buf[5] = '\0';
	}
}

/*
 * Did both walks read their i-th descriptor from the same table? A table is
 * one granule, aligned; concatenated start-level tables count one by one.
 */
static int same_table(const struct pt_walk *a, const struct pt_walk *b, unsigned i,
		      const struct xlat *x)
{
	return a->desc_at[i] >> x->geom.granule_shift == b->desc_at[i] >> x->geom.granule_shift;
}

/* Is what P0 and P1 share at one stage (mask of shared table levels) the pattern? */
static int pattern_holds(unsigned pattern, unsigned mask, const struct xlat *x)
{
	unsigned leaf = leaf_level(x), start = x->geom.start_level;

	if (pattern == 0)
		return (mask >> leaf) & 1;
	if (pattern == 1)
		return leaf > start && !((mask >> leaf) & 1) && ((mask >> (leaf - 1)) & 1);
	return !(mask >> (start + 1)); /* far: no table below the root in common */
}

static const char *const not_expressible[] = {
	"same_table_not_expressible_in_this_configuration",
	"next_table_not_expressible_in_this_configuration",
	"far_not_expressible_in_this_configuration",
};

/* The levels whose table the walks of a and b share, at stage 1 (*m1) and stage 2 (*m2). */
static void shared_levels(uintptr_t a, uintptr_t b, unsigned *m1, unsigned *m2)
{
	const struct xlat *s1 = mmu_config();
	struct pt_walk wa, wb;

	*m1 = *m2 = 0;
	if (pt_walk(mmu_stage1(), a, &wa) || pt_walk(mmu_stage1(), b, &wb))
		guest_fail("walk_cache_page_unmapped", 1);
	for (unsigned i = 0; i < wa.reads && i < wb.reads && same_table(&wa, &wb, i, s1); i++)
		*m1 |= 1u << (s1->geom.start_level + i);
	if (guest_s2_config()) {
		*m2 = (unsigned)hvc_call2(HVC_S2_SHARED, (reg_t)wa.pa, (reg_t)wb.pa);
		if (*m2 == (unsigned)HVC_UNKNOWN)
			guest_fail("walk_cache_ipa_unmapped", 1);
	}
}

/* Is what a and P1 share the pattern, at both stages? */
static int holds(unsigned pattern, uintptr_t a, uintptr_t p1, unsigned *m1, unsigned *m2)
{
	shared_levels(a, p1, m1, m2);
	return pattern_holds(pattern, *m1, mmu_config()) &&
	       (!guest_s2_config() || pattern_holds(pattern, *m2, guest_s2_config()));
}

const char *prepare_walk_cache(struct bench_variant *v)
{
	const struct xlat *s1 = mmu_config(), *s2 = guest_s2_config();
	uint64_t leaf = s1->mapping, span = table_span(s1);
	unsigned m1, m2, pattern = (unsigned)v->arg;
	int ok;
	uintptr_t p1;

	if (s2) {
		leaf = s2->mapping > leaf ? s2->mapping : leaf;
		span = table_span(s2) > span ? table_span(s2) : span;
	}
	p1 = pattern == 0 ? TEST_BASE + leaf :
	     pattern == 1 ? TEST_BASE + span :
			    (uintptr_t)xlat_far_base(s1);
	if (pattern < 2 && p1 >= WINDOW_END)
		return not_expressible[pattern];
	ok = holds(pattern, TEST_BASE, p1, &m1, &m2);
	v->fields[0].key = "s1_shared";
	levels_name(v->fields[0].value, m1);
	if (s2) {
		v->fields[1].key = "s2_shared";
		levels_name(v->fields[1].value, m2);
	}
	/* far: nothing below the root in common with the code, data and stack either */
	if (pattern == 2) {
		unsigned x1, x2;

		ok = ok && holds(2, (uintptr_t)bench_walk_cache, p1, &x1, &x2) &&
		     holds(2, (uintptr_t)&wc_p1, p1, &x1, &x2) &&
		     holds(2, (uintptr_t)&x1, p1, &x1, &x2);
	}
	if (!ok)
		return not_expressible[pattern];
	wc_p1 = p1;
	return 0;
}

uint32_t bench_walk_cache(void)
{
	uintptr_t p1 = in_reg(wc_p1); /* the timed region loads nothing else */
	uintptr_t p0 = in_reg(TEST_BASE);
	reg_t t0;

	sample_events_start();
	walk_flush(p0, 0);
	(void)load(p0);
	t0 = sample_clock_start();
	(void)load(p1);
	return sample_stop(t0);
}
