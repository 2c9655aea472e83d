/*
 * guest-min's stage 1, VA = IPA, in the configuration the run parameters ask
 * for (common/xlat.c): the test window with the configured leaf size, the
 * rest of RAM, the UART, the GIC and hyp-min's device page with pages of the
 * granule.
 */
#include <arch/cpu.h>
#include <guest.h>
#include <vb/board.h>
#include <vb/layout.h>
#include <vb/pgtable.h>

#define S1_NORMAL (PTE_S1_ATTRIDX(MAIR_IDX_NORMAL_WB) | PTE_SH_INNER | PTE_AF | PTE_S1_AP_RW)
#define S1_DEVICE (PTE_S1_ATTRIDX(MAIR_IDX_DEVICE) | PTE_AF | PTE_S1_AP_RW | PTE_XN | PTE_PXN)

/* From the target file: the regions are common/board.c's. */
static const struct vb_board board = TARGET_BOARD;

/* 4 KiB pages over all of RAM at most (16 and 64 KiB granules need less); 64 KiB aligned. */
#define S1_POOL_PAGES ((TARGET_RAM_SIZE >> 21) + 32)
static uint8_t s1_pool_mem[S1_POOL_PAGES * PAGE_SIZE] __attribute__((aligned(0x10000)));

static struct pt s1;
static struct xlat s1_cfg;
static struct pt_pool pool;

const struct pt *mmu_stage1(void)
{
	return &s1;
}

const struct xlat *mmu_config(void)
{
	return &s1_cfg;
}

/* Where stage 1 sends the far window: stage 2's far window, natively the test window. */
static uint64_t far_output(void)
{
	struct xlat s2;

	if (!guest_is_virt())
		return TEST_BASE;
	if (xlat_resolve(&guest_params()->s2, 1, ARCH_XLAT, &s2))
		guest_fail_named("s2_config", "unresolvable");
	return xlat_far_base(&s2);
}

void mmu_init(const struct vb_stage_cfg *cfg)
{
	const char *bad = xlat_resolve(cfg, 0, ARCH_XLAT, &s1_cfg);
	struct board_region r[BOARD_MAX_REGIONS];
	struct board_problem p;
	unsigned n;
	int err;

	if (!bad && !arch_granule_implemented(s1_cfg.geom.granule_shift))
		bad = "granule_not_implemented_by_this_core";
	if (bad) /* reported before the MMU is on: the UART works with it off */
		guest_fail_named("s1_config", bad);
	/* vbench refuses these first; a board booted by hand gets the same answer */
	p = board_check_granule(&board, s1_cfg.geom.granule_shift);
	if (p.ok)
		p = board_check_mapping(&board, s1_cfg.mapping);
	if (!p.ok)
		guest_fail_named(p.why, p.key);
	n = board_s1_regions(&board, s1_cfg.geom.granule_shift, r);
	/* empty at every start, also the one after a configuration (next.c) */
	pool = (struct pt_pool){ s1_pool_mem, (uintptr_t)s1_pool_mem, sizeof(s1_pool_mem), 0 };
	err = pt_init(&s1, &s1_cfg.geom, &pool);
	for (unsigned i = 0; !err && i < n; i++)
		err = pt_map(&s1, r[i].in, r[i].out, r[i].size,
			     r[i].leaf == BOARD_LEAF_MAPPING ?
				     s1_cfg.mapping :
				     (uint64_t)1 << s1_cfg.geom.granule_shift,
			     r[i].mem == BOARD_NORMAL ? S1_NORMAL : S1_DEVICE);
	/* the far window (<vb/layout.h>): natively straight to the test window, else via stage 2 */
	if (!err)
		err = pt_map(&s1, xlat_far_base(&s1_cfg), far_output(), s1_cfg.mapping,
			     s1_cfg.mapping, S1_NORMAL);
	if (err)
		guest_fail("s1_tables", err);
	arch_mmu_enable(s1.root_pa, &s1_cfg);
}

/*
 * The run is over (next.c): the virtual timer stopped (its interrupt would
 * outlive the run), everything this image wrote with its caches on cleaned
 * to memory (the next start writes with them off), stage 1 off.
 */
void mmu_teardown(void)
{
	extern char __image_start[], __image_end[];

	write_sysreg(cntv_ctl_el0, 0);
	isb();
	dcache_clean_inval_range((uintptr_t)__image_start, (uintptr_t)__image_end);
	arch_mmu_disable();
}

/*
 * One more page at stage 1, VA = IPA, for the isolation probes: what a hostile
 * guest would map to reach past what guest-min maps (GICH, memory beyond RAM).
 * Stage 2 decides what the access then does. 0, or a page-table error.
 */
int mmu_map_page(uint64_t va, int device)
{
	uint64_t granule = (uint64_t)1 << s1_cfg.geom.granule_shift;
	int err = pt_map(&s1, va & ~(granule - 1), va & ~(granule - 1), granule, granule,
			 device ? S1_DEVICE : S1_NORMAL);

	/* non-cacheable walks read memory; a new valid entry needs no invalidation */
	dcache_clean_inval_range((uintptr_t)s1_pool_mem, (uintptr_t)s1_pool_mem + pool.used);
	isb();
	return err;
}
