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
#include <vb/layout.h>

_Static_assert(RAM_END <= 0xfffff000, "probe_s1_unmapped needs a VA past RAM");

#define WINDOW_END (TEST_BASE + TEST_SIZE - TEST_KEEP_OUT) /* the run parameters stay out */
#define CHASE_PAGE 0x1000 /* one access per 4 KiB page, whatever the page size mapped */
#define CHASE_MAX  ((WINDOW_END - TEST_BASE) / CHASE_PAGE)
#define LINE	   64

static inline uintptr_t load(uintptr_t addr)
{
	return *(volatile uintptr_t *)addr;
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
void prepare_tlb_hit(const struct bench_variant *v)
{
	(void)v;
	(void)load(TEST_BASE);
}

uint32_t bench_tlb_hit(void)
{
	reg_t t0 = sample_start();

	(void)load(TEST_BASE);
	return sample_stop(t0);
}

/* ---- walk_full: the TLB emptied before each access, so the access walks ---- */
uint32_t bench_walk_full(void)
{
	reg_t t0;

	tlb_flush();
	t0 = sample_start();
	(void)load(TEST_BASE);
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

void prepare_tlb_miss_chase(const struct bench_variant *v)
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
 * ---- walk_cache: after emptying the TLB, touch P0, then time P1. What P1
 * shares with P0's walk decides what walk caches (and the IPA cache) can
 * give back: the last-level table, only the upper levels, or nothing.
 */
static const char *const patterns[] = { "same_table", "next_table", "far" };
static uint8_t far_page[0x10000] __attribute__((aligned(0x10000))); /* in the main region */
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

void prepare_walk_cache(const struct bench_variant *v)
{
	unsigned shift = mmu_config()->geom.granule_shift;
	uintptr_t page = (uintptr_t)1 << shift, table_span = page << (shift - 3);

	/* same_table: the next page; next_table: one last-level table further; far: main region */
	wc_p1 = v->arg == 0 ? TEST_BASE + page :
		v->arg == 1 ? TEST_BASE + table_span :
			      (uintptr_t)far_page;
}

uint32_t bench_walk_cache(void)
{
	reg_t t0;

	tlb_flush();
	(void)load(TEST_BASE);
	t0 = sample_start();
	(void)load(wc_p1);
	return sample_stop(t0);
}

/* A load stage 1 does not map (just past RAM): a stage-1 fault, taken by guest-min. */
uint32_t bench_probe_s1_unmapped(void)
{
	(void)load(RAM_END);
	return 0;
}
