/* hyp-min's own EL2 translation: identity, caches on, as data. */
#include <hyp.h>
#include <vb/board.h>
#include <vb/layout.h>
#include <vb/pgtable.h>

#define HYP_NORMAL (PTE_S1_ATTRIDX(MAIR_IDX_NORMAL_WB) | PTE_SH_INNER | PTE_AF | PTE_S1_AP1)
#define HYP_DEVICE (PTE_S1_ATTRIDX(MAIR_IDX_DEVICE) | PTE_AF | PTE_S1_AP1 | PTE_XN)
#define SZ_2M	   0x200000ULL

/* From the target file: RAM in 2 MiB blocks, the UART and the GIC's frames in pages. */
static const struct vb_board board = TARGET_BOARD;

static uint8_t hyp_pool_mem[16 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

uint64_t hyp_mmu_build(void)
{
	static struct pt_pool pool;
	static struct pt pt;
	const struct pt_geom geom = { .granule_shift = 12, .ia_bits = 32, .start_level = 1 };
	struct board_region r[BOARD_MAX_REGIONS];
	unsigned n = board_hyp_regions(&board, r);
	int err;

	/* empty at every start, also the one after a configuration (next.c) */
	pool = (struct pt_pool){ hyp_pool_mem, (uintptr_t)hyp_pool_mem, sizeof(hyp_pool_mem), 0 };
	err = pt_init(&pt, &geom, &pool);
	for (unsigned i = 0; !err && i < n; i++)
		err = pt_map(&pt, r[i].in, r[i].out, r[i].size,
			     r[i].leaf == BOARD_LEAF_2M ? SZ_2M : PAGE_SIZE,
			     r[i].mem == BOARD_NORMAL ? HYP_NORMAL : HYP_DEVICE);
	if (err)
		hyp_fail("hyp_tables", err);
	return pt.root_pa;
}
