/*
 * Stage 2 for guest-min: its RAM, at IPA = PA, in the configuration the run
 * parameters ask for (common/xlat.c): the test window with the configured
 * leaf size, the rest of guest RAM with pages of the configured granule.
 * hyp-min's own memory at the start of RAM is not mapped: a guest access
 * there faults. Nor is the UART: hyp-min writes the guest's console for it
 * (console.c), so the guest cannot write a line in hyp-min's name.
 * On GICv2 the guest's GICC address leads to the virtual CPU interface
 * (GICV), so the guest's GIC code is the same in both modes. The
 * distributor is not mapped: a real hypervisor emulates it on stage-2
 * faults; guest-min never touches it under hyp-min.
 */
#include <arch/cpu.h>
#include <hyp.h>
#include <vb/board.h>
#include <vb/layout.h>
#include <vb/pgtable.h>

#define S2_NORMAL \
	(PTE_S2_MEMATTR(S2_MEMATTR_NORMAL_WB) | PTE_SH_INNER | PTE_AF | PTE_S2AP_R | PTE_S2AP_W)
#define S2_DEVICE \
	(PTE_S2_MEMATTR(S2_MEMATTR_DEVICE_nGnRE) | PTE_AF | PTE_S2AP_R | PTE_S2AP_W | PTE_XN)

static const struct vb_board board = TARGET_BOARD;

/*
 * 4 KiB pages over all of RAM at most: one level-3 table per 2 MiB and a few
 * upper-level ones; 16 and 64 KiB granules need less. Aligned for 64 KiB tables.
 */
#define S2_POOL_PAGES ((TARGET_RAM_SIZE >> 21) + 32)
static uint8_t s2_pool_mem[S2_POOL_PAGES * PAGE_SIZE] __attribute__((aligned(0x10000)));

static struct pt s2;
static struct xlat s2_cfg;
static struct pt_pool pool;

uint64_t stage2_leaf_size(void)
{
	return s2_cfg.mapping;
}

const struct xlat *stage2_config(void)
{
	return &s2_cfg;
}

const struct pt *stage2_pt(void)
{
	return &s2;
}

const struct pt *stage2_build(const struct vb_stage_cfg *cfg)
{
	const char *bad = xlat_resolve(cfg, 1, ARCH_XLAT, &s2_cfg);
	struct board_region r[BOARD_MAX_REGIONS];
	struct board_problem p;
	unsigned n;
	int err;

	if (!bad && !arch_granule_implemented(s2_cfg.geom.granule_shift))
		bad = "granule_not_implemented_by_this_core";
	if (bad)
		hyp_fail(bad, 1);
	/* vbench refuses these first; a board booted by hand gets the same answer */
	p = board_check_granule(&board, s2_cfg.geom.granule_shift);
	if (p.ok)
		p = board_check_mapping(&board, s2_cfg.mapping);
	if (!p.ok)
		hyp_fail(p.why, (int)s2_cfg.geom.granule_shift);
	n = board_s2_regions(&board, s2_cfg.geom.granule_shift, r);
	pool = (struct pt_pool){ s2_pool_mem, (uintptr_t)s2_pool_mem, sizeof(s2_pool_mem), 0 };
	err = pt_init(&s2, &s2_cfg.geom, &pool);
	for (unsigned i = 0; !err && i < n; i++)
		err = pt_map(&s2, r[i].in, r[i].out, r[i].size,
			     r[i].leaf == BOARD_LEAF_MAPPING ?
				     s2_cfg.mapping :
				     (uint64_t)1 << s2_cfg.geom.granule_shift,
			     r[i].mem == BOARD_NORMAL ? S2_NORMAL : S2_DEVICE);
	/* the far window (<vb/layout.h>): one leaf, to the start of the test window */
	if (!err)
		err = pt_map(&s2, xlat_far_base(&s2_cfg), TEST_BASE, s2_cfg.mapping, s2_cfg.mapping,
			     S2_NORMAL);
	if (err)
		hyp_fail("stage2_tables", err);
	/* Non-cacheable walks read memory: the tables, written with caches on, must be there. */
	dcache_clean_inval_range((uintptr_t)s2_pool_mem, (uintptr_t)s2_pool_mem + pool.used);
	return &s2;
}

/*
 * The run is over (next.c): stage 2 off and every entry of the guest's VMID
 * gone from the TLBs, the pool empty for the next configuration's tables.
 */
void stage2_teardown(void)
{
	arch_stage2_disable();
	pool.used = 0;
	s2 = (struct pt){ 0 };
}

/*
 * HVC_WINDOW_BLOCKS(on): the test window mapped with stage 2's largest block,
 * or back as built: tlb_miss_chase_blocks' control. Break-before-make: the
 * slots are invalidated and the TLBs emptied before the new descriptors go in.
 */
#define WINDOW_SLOTS_MAX 512 /* 1 GiB in 2 MiB blocks (4 KiB granule, level-2 start) */
static uint64_t window_saved[WINDOW_SLOTS_MAX];
static int window_blocks;

static uint64_t *window_slot(uint64_t block, unsigned i)
{
	unsigned level = s2.geom.start_level;

	while (((uint64_t)1 << pt_level_shift(&s2.geom, level)) != block)
		level++;
	return pt_slot(&s2, TEST_BASE + i * block, level);
}

void hvc_window_blocks(struct hyp_frame *f)
{
	uint64_t block = pt_window_block(&s2.geom, TEST_BASE, TEST_SIZE);
	uint64_t *leaf = pt_leaf(&s2, TEST_BASE);
	uint64_t attrs = leaf ? *leaf & ~(0x0000fffffffff000ULL | PTE_NOT_BLOCK) : 0;
	unsigned n = block ? (unsigned)(TEST_SIZE / block) : 0, on = f->r[1] != 0;

	if (!block || n > WINDOW_SLOTS_MAX || !leaf || on == (unsigned)window_blocks) {
		f->r[0] = on == (unsigned)window_blocks && leaf ? block : (reg_t)HVC_UNKNOWN;
		return;
	}
	for (unsigned i = 0; i < n; i++) {
		uint64_t *d = window_slot(block, i);

		if (on)
			window_saved[i] = *d;
		*d = 0;
		dcache_clean_inval_range((uintptr_t)d, (uintptr_t)(d + 1));
	}
	arch_s12_tlb_inval_all();
	for (unsigned i = 0; i < n; i++) {
		uint64_t *d = window_slot(block, i);

		*d = on ? (TEST_BASE + i * block) | attrs | PTE_VALID : window_saved[i];
		dcache_clean_inval_range((uintptr_t)d, (uintptr_t)(d + 1));
	}
	arch_s12_tlb_inval_all();
	window_blocks = (int)on;
	f->r[0] = block;
}

/* HVC_S2_WALK_READS(ipa): the descriptors a stage-2 walk of ipa reads, built tables as they are. */
void hvc_s2_walk_reads(struct hyp_frame *f)
{
	struct pt_walk w;

	if (pt_walk(&s2, f->r[1], &w))
		hvc_refuse(f, "ipa_not_mapped");
	else
		f->r[0] = w.reads;
}
