/*
 * The walk rows' set-up, outside their timed region (microbench/memory.c).
 * Only hyp-min can empty stage 2's TLB entries and walk caches (a guest's
 * TLBI VMALLE1 leaves stage-2-only entries and the IPA cache alive), and only
 * it knows where every descriptor of both stages lies.
 */
#include <arch/cpu.h>
#include <hyp.h>
#include <vb/layout.h>
#include <vb/params.h>

/*
 * The guest's stage 1 as its own tables say: the geometry from the run
 * parameters through the same resolver guest-min used, the root from
 * TTBR0_EL1. Its tables lie in guest RAM, where IPA = PA and hyp-min's own
 * map is the identity, so the walker reads them directly.
 */
static int guest_stage1(struct pt *s1, struct pt_pool *pool)
{
	struct xlat x;

	if (xlat_resolve(&params_get(PARAMS_ADDR)->s1, 0, ARCH_XLAT, &x))
		return -1;
	*pool = (struct pt_pool){ (uint8_t *)(uintptr_t)GUEST_BASE, GUEST_BASE,
				  RAM_END - GUEST_BASE, RAM_END - GUEST_BASE };
	s1->geom = x.geom;
	s1->pool = pool;
	s1->root_pa = read_sysreg64(ttbr0_el1) & 0x0000fffffffff000ULL;
	s1->root = (uint64_t *)(uintptr_t)s1->root_pa;
	return s1->root_pa >= GUEST_BASE && s1->root_pa < RAM_END ? 0 : -1;
}

static void clean_desc(uint64_t pa)
{
	dcache_clean_inval_range((uintptr_t)pa, (uintptr_t)pa + sizeof(uint64_t));
}

/* Every stage-2 descriptor a walk of ipa reads, out of the data cache. */
static int clean_s2_walk(uint64_t ipa)
{
	struct pt_walk w;

	if (pt_walk(stage2_pt(), ipa, &w))
		return -1;
	for (unsigned i = 0; i < w.reads; i++)
		clean_desc(w.desc_at[i]);
	return 0;
}

/*
 * A cold walk of va: each stage-1 descriptor, the stage-2 walk of each
 * stage-1 table's IPA and of the output IPA. Returns -1 if va does not
 * translate.
 */
static int clean_walk(uint64_t va)
{
	struct pt_pool pool;
	struct pt s1;
	struct pt_walk w;

	if (guest_stage1(&s1, &pool) || pt_walk(&s1, va, &w))
		return -1;
	for (unsigned i = 0; i < w.reads; i++) {
		if (clean_s2_walk(w.table[i]))
			return -1;
		clean_desc(w.desc_at[i]); /* IPA = PA in guest RAM */
	}
	return clean_s2_walk(w.pa);
}

/* HVC_WALK_FLUSH(va, cold) */
void hvc_walk_flush(struct hyp_frame *f)
{
	if (f->r[2] && clean_walk(f->r[1])) {
		f->r[0] = (reg_t)HVC_UNKNOWN;
		return;
	}
	arch_s12_tlb_inval_all();
	f->r[0] = 0;
}

/* HVC_S2_SHARED(ipa0, ipa1): bit l when both stage-2 walks read the same table at level l. */
void hvc_s2_shared(struct hyp_frame *f)
{
	struct pt_walk a, b;
	unsigned shift = stage2_pt()->geom.granule_shift;
	reg_t levels = 0;

	if (pt_walk(stage2_pt(), f->r[1], &a) || pt_walk(stage2_pt(), f->r[2], &b)) {
		f->r[0] = (reg_t)HVC_UNKNOWN;
		return;
	}
	/* a table is one granule, aligned: concatenated start-level tables count one by one */
	for (unsigned i = 0;
	     i < a.reads && i < b.reads && a.desc_at[i] >> shift == b.desc_at[i] >> shift; i++)
		levels |= (reg_t)1 << (stage2_pt()->geom.start_level + i);
	f->r[0] = levels;
}
