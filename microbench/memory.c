/*
 * Issue #4: what a translation costs, in the test window (<vb/layout.h>),
 * which both stages map with the configured leaf size. QEMU has no timing
 * model for walks: there these rows are path lengths and a check that every
 * configuration translates; a board gives the cycles.
 */
#include <arch/cpu.h>
#include <bench.h>
#include <guest.h>
#include <sample.h>
#include <vb/fmt.h>
#include <vb/hypercall.h>
#include <vb/layout.h>

/* probe_s1_unmapped's VA: below RAM, above every device page stage 1 maps */
#define S1_UNMAPPED (TARGET_RAM_BASE - PAGE_SIZE)
_Static_assert(TARGET_UART_BASE < S1_UNMAPPED && TARGET_VDEV_IPA < S1_UNMAPPED &&
		       TARGET_GICD_BASE < S1_UNMAPPED && TARGET_GICR_BASE < S1_UNMAPPED,
	       "probe_s1_unmapped needs an unmapped VA just below RAM");

#define WINDOW_END (TEST_BASE + TEST_SIZE - TEST_KEEP_OUT) /* the run parameters stay out */
#define CHASE_PAGE 0x1000 /* one access per 4 KiB page, whatever the page size mapped */
#define CHASE_MAX  ((WINDOW_END - TEST_BASE) / CHASE_PAGE)
#define LINE	   64

static inline uintptr_t load(uintptr_t addr)
{
	return *(volatile uintptr_t *)addr;
}

/*
 * addr in a register the compiler cannot see through: a timed load is then
 * the load alone, with no address-forming instruction (mov, movk, adrp) inside
 * the bracket, the same for every row that times one load.
 */
static inline uintptr_t in_reg(uintptr_t addr)
{
	asm volatile("" : "+r"(addr));
	return addr;
}

/* Drops every stage-1 entry of this guest (with stage 2: the combined ones of its VMID). */
static inline void tlb_flush(void)
{
#ifdef __aarch64__
	asm volatile("dsb ishst\n\ttlbi vmalle1\n\tdsb nsh\n\tisb" : : : "memory");
#else
	asm volatile("dsb ishst\n\tmcr p15, 0, %0, c8, c7, 0\n\tdsb nsh\n\tisb"
		     :
		     : "r"(0)
		     : "memory"); /* TLBIALL */
#endif
}

/* ---- tlb_hit: the same page again, its translation in the TLB ---- */
const char *prepare_tlb_hit(struct bench_variant *v)
{
	(void)v;
	(void)load(TEST_BASE);
	return 0;
}

uint32_t bench_tlb_hit(void)
{
	uintptr_t p = in_reg(TEST_BASE);
	reg_t t0 = sample_start();

	(void)load(p);
	return sample_stop(t0);
}

/*
 * Empties the TLBs outside the timed region, and nothing the walk could
 * reuse is touched after it: the event counters were read before (their
 * stores touch memory), the timed address is in a register. Under hyp-min
 * only hyp-min can drop stage-2 entries and walk caches (the guest's TLBI
 * VMALLE1 leaves the IPA cache alive): HVC_WALK_FLUSH, TLBI VMALLS12E1IS.
 * cold: the walk's descriptors (both stages; natively stage 1's) are also
 * cleaned and invalidated from the data cache, so the walk reads memory.
 */
static __attribute__((noinline)) void clean_s1_walk(uintptr_t va)
{
	struct pt_walk w;

	if (pt_walk(mmu_stage1(), va, &w))
		guest_fail("walk_of_an_unmapped_va", 1);
	for (unsigned i = 0; i < w.reads; i++) /* VA = PA natively */
		dcache_clean_inval_range((uintptr_t)w.desc_at[i], (uintptr_t)w.desc_at[i] + 8);
}

static inline __attribute__((always_inline)) void walk_flush(uintptr_t va, unsigned cold)
{
	if (guest_is_virt()) {
		if (hvc_call2(HVC_WALK_FLUSH, va, cold))
			guest_fail("walk_flush_refused", 1);
		return;
	}
	if (cold)
		clean_s1_walk(va);
	tlb_flush();
}

/* ---- walk_full: the TLBs emptied before each access, so the access walks ---- */
static const char *const walk_temps[] = { "warm", "cold" };
static unsigned walk_cold;

unsigned variants_walk_full(const struct vb_params *p, struct bench_variant *out)
{
	(void)p;
	for (unsigned i = 0; i < 2; i++) {
		out[i].key = 0; /* the variant column says it */
		out[i].arg = i;
		for (unsigned c = 0; (out[i].value[c] = walk_temps[i][c]); c++)
			;
	}
	return 2;
}

const char *prepare_walk_full(struct bench_variant *v)
{
	walk_cold = (unsigned)v->arg;
	return 0;
}

uint32_t bench_walk_full(void)
{
	uintptr_t p = in_reg(TEST_BASE);
	reg_t t0;

	sample_events_start();
	walk_flush(p, walk_cold);
	t0 = sample_clock_start();
	(void)load(p);
	return sample_stop(t0);
}

/*
 * ---- tlb_miss_chase: a dependent pointer chase, one access per 4 KiB page,
 * pages in a random cyclic order (Sattolo, fixed seed: every run the same),
 * so neither prefetchers nor locality help. Each page's pointer sits on a
 * different cache line (page index mod 64), so the lines do not all fall in
 * the same cache sets. A sample is CHASE_STEPS accesses, continuing where the
 * last one stopped: the unit is cycles per 1024 accesses, exact.
 */
static uint32_t perm[CHASE_MAX];
static uintptr_t chase_at;

static const uint32_t default_footprints[] = {
	0x4000, 0x10000, 0x40000, 0x100000, 0x400000, 0x1000000, 0x4000000, 0x10000000,
};

unsigned variants_footprints(const struct vb_params *p, struct bench_variant *out)
{
	const uint32_t *fp = p->footprints[0] ? p->footprints : default_footprints;
	unsigned max = p->footprints[0] ?
			       VB_PARAMS_MAX_FOOTPRINTS :
			       sizeof(default_footprints) / sizeof(default_footprints[0]);
	unsigned n = 0;

	for (unsigned i = 0; i < max && fp[i] && n < BENCH_MAX_VARIANTS; i++) {
		if (fp[i] < CHASE_PAGE || fp[i] / CHASE_PAGE > CHASE_MAX)
			guest_fail("footprint_outside_the_test_window", (int)i);
		out[n].key = "footprint";
		out[n].arg = fp[i] - fp[i] % CHASE_PAGE;
		fmt_u64(out[n].value, out[n].arg);
		n++;
	}
	return n;
}

static uint32_t xorshift32(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static uintptr_t slot(uint32_t page)
{
	return TEST_BASE + (uintptr_t)page * CHASE_PAGE + (page % (CHASE_PAGE / LINE)) * LINE;
}

/* "s1-4k_s2-4k": the leaves the chase's window is mapped with (natively stage 1 only). */
static void chase_mapping(char *buf, uint64_t s1, uint64_t s2)
{
	char *p = buf;

	*p++ = 's', *p++ = '1', *p++ = '-';
	xlat_size_name(p, s1);
	while (*p)
		p++;
	if (!s2)
		return;
	*p++ = '_', *p++ = 's', *p++ = '2', *p++ = '-';
	xlat_size_name(p, s2);
}

const char *prepare_tlb_miss_chase(struct bench_variant *v)
{
	uint32_t pages = (uint32_t)(v->arg / CHASE_PAGE), seed = 0x2545f491;

	for (uint32_t i = 0; i < pages; i++)
		perm[i] = i;
	for (uint32_t i = pages - 1; i > 0; i--) { /* Sattolo: one cycle through every page */
		uint32_t j = xorshift32(&seed) % i, t = perm[i];

		perm[i] = perm[j];
		perm[j] = t;
	}
	for (uint32_t i = 0; i < pages; i++)
		*(volatile uintptr_t *)slot(perm[i]) = slot(perm[(i + 1) % pages]);
	chase_at = slot(perm[0]);
	if (!v->fields[0].key) { /* the pages row: the configured mapping */
		v->fields[0].key = "chase_mapping";
		chase_mapping(v->fields[0].value, mmu_config()->mapping,
			      guest_s2_config() ? guest_s2_config()->mapping : 0);
	}
	return 0;
}

uint32_t bench_tlb_miss_chase(void)
{
	uintptr_t p = chase_at;
	reg_t t0 = sample_start();

	for (unsigned i = 0; i < CHASE_STEPS; i++)
		p = load(p);
	uint32_t dt = sample_stop(t0);

	chase_at = p;
	return dt;
}

/*
 * ---- tlb_miss_chase_blocks: the same chase over the same lines, with the
 * test window mapped by the largest block of each stage's granule (1 GiB,
 * 32 MiB, 512 MiB), so a few TLB entries cover every footprint:
 * chase(pages) - chase(blocks) is what translation adds. Stage 1 is the
 * guest's to re-map, stage 2 hyp-min's (HVC_WINDOW_BLOCKS); both
 * break-before-make, and finish_chase_blocks() puts the tables back.
 */
#define S1_SLOTS_MAX 512
static uint64_t s1_saved[S1_SLOTS_MAX];
static int s1_blocks;

static uint64_t *s1_window_slot(uint64_t block, unsigned i)
{
	const struct pt *pt = mmu_stage1();
	unsigned level = pt->geom.start_level;

	while (((uint64_t)1 << pt_level_shift(&pt->geom, level)) != block)
		level++;
	return pt_slot(pt, TEST_BASE + i * block, level);
}

/* Stage 1's test window with its largest block (on) or as built; returns the block size. */
static uint64_t s1_window_blocks(int on)
{
	uint64_t block = pt_largest_leaf(&mmu_stage1()->geom), *leaf;
	uint64_t attrs;
	unsigned n = (unsigned)(TEST_SIZE / block);

	if (on == s1_blocks)
		return block;
	leaf = pt_leaf(mmu_stage1(), TEST_BASE);
	if (n > S1_SLOTS_MAX || !leaf)
		guest_fail("chase_blocks_window", (int)n);
	attrs = *leaf & ~(0x0000fffffffff000ULL | PTE_NOT_BLOCK);
	for (unsigned i = 0; i < n; i++) {
		uint64_t *d = s1_window_slot(block, i);

		if (on)
			s1_saved[i] = *d;
		*d = 0;
		dcache_clean_inval_range((uintptr_t)d,
					 (uintptr_t)(d + 1)); /* nc walks read memory */
	}
	tlb_flush();
	for (unsigned i = 0; i < n; i++) {
		uint64_t *d = s1_window_slot(block, i);

		*d = on ? (TEST_BASE + i * block) | attrs | PTE_VALID : s1_saved[i];
		dcache_clean_inval_range((uintptr_t)d, (uintptr_t)(d + 1));
	}
	tlb_flush();
	s1_blocks = on;
	return block;
}

/* The leaf size stage 1's tables map va with. */
static uint64_t leaf_now(uintptr_t va)
{
	struct pt_walk w;

	if (pt_walk(mmu_stage1(), va, &w))
		guest_fail("chase_blocks_window_unmapped", 1);
	return (uint64_t)1 << pt_level_shift(&mmu_stage1()->geom, w.level);
}

/* Can a stage map the window with a block? Not when it starts at its page level. */
static int has_block(const struct xlat *x)
{
	return pt_largest_leaf(&x->geom) > ((uint64_t)1 << x->geom.granule_shift);
}

const char *prepare_chase_blocks(struct bench_variant *v)
{
	uint64_t s1, s2 = 0;

	if (!has_block(mmu_config()) || (guest_s2_config() && !has_block(guest_s2_config())))
		return "no_block_size_at_a_stage_start_level";
	s1_window_blocks(1);
	s1 = leaf_now(TEST_BASE); /* what the tables say now, not what was asked */

	if (guest_is_virt()) {
		s2 = hvc_call2(HVC_WINDOW_BLOCKS, 1, 0);
		if (s2 == (uint64_t)(reg_t)HVC_UNKNOWN)
			guest_fail("chase_blocks_stage_2", 1);
	}
	v->fields[0].key = "chase_mapping";
	chase_mapping(v->fields[0].value, s1, s2);
	return prepare_tlb_miss_chase(v);
}

void finish_chase_blocks(void)
{
	if (guest_is_virt() && hvc_call2(HVC_WINDOW_BLOCKS, 0, 0) == (reg_t)HVC_UNKNOWN)
		guest_fail("chase_blocks_stage_2", 0);
	s1_window_blocks(0);
}

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

/* A load stage 1 does not map (just below RAM): a stage-1 fault, taken by guest-min. */
uint32_t bench_probe_s1_unmapped(void)
{
	(void)load(S1_UNMAPPED);
	return 0;
}
