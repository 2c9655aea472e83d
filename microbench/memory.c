/*
 * Issue #4: what a translation costs, in the test window (<vb/layout.h>),
 * which both stages map with the configured leaf size. QEMU has no timing
 * model for walks: there these rows are path lengths and a check that every
 * configuration translates; a board gives the cycles. Here: tlb_hit,
 * walk_full and the stage-1 fault probe; the chase is in chase.c, walk_cache
 * in walk_cache.c.
 */
#include <memrows.h>

/*
 * probe_s1_unmapped's VA, a page stage 1 does not map: just past RAM, unless
 * the far window (<vb/layout.h>) begins there; then just below RAM.
 */
#define S1_UNMAPPED                                             \
	((uint64_t)RAM_END != FAR_BASE_32 ? (uint64_t)RAM_END : \
					    (uint64_t)TARGET_RAM_BASE - (uint64_t)PAGE_SIZE)
#define S1_PAGE_OF(a) ((uint64_t)(a) & ~((uint64_t)PAGE_SIZE - 1))
_Static_assert((uint64_t)RAM_END != FAR_BASE_32 || (uint64_t)TARGET_RAM_BASE >= PAGE_SIZE,
	       "probe_s1_unmapped needs a page past RAM or below it");
_Static_assert(S1_PAGE_OF(TARGET_UART_BASE) != S1_UNMAPPED &&
		       S1_PAGE_OF(TARGET_VDEV_IPA) != S1_UNMAPPED &&
		       S1_PAGE_OF(TARGET_GICD_BASE) != S1_UNMAPPED &&
		       S1_PAGE_OF(TARGET_GICR_BASE) != S1_UNMAPPED,
	       "probe_s1_unmapped's page is a device page stage 1 maps");

/* ---- tlb_hit: the same page again, its translation in the TLB ---- */
const char *prepare_tlb_hit(struct bench_variant *v)
{
	(void)v;
	/* the page points at itself: kvm mode's tlb_hit chases it (kvm.c) */
	*(volatile uintptr_t *)TEST_BASE = TEST_BASE;
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

/* Not inlined: its stack and calls stay out of the code after the invalidation. */
__attribute__((noinline)) void clean_s1_walk(uintptr_t va)
{
	struct pt_walk w;

	if (pt_walk(mmu_stage1(), va, &w))
		guest_fail("walk_of_an_unmapped_va", 1);
	for (unsigned i = 0; i < w.reads; i++) /* VA = PA natively */
		dcache_clean_inval_range((uintptr_t)w.desc_at[i], (uintptr_t)w.desc_at[i] + 8);
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

/* A load stage 1 does not map (just below RAM): a stage-1 fault, taken by guest-min. */
uint32_t bench_probe_s1_unmapped(void)
{
	(void)load(S1_UNMAPPED);
	return 0;
}
