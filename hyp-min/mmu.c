/* hyp-min's own EL2 translation: identity, caches on, as data. */
#include <hyp.h>
#include <vb/layout.h>
#include <vb/pgtable.h>

#define HYP_NORMAL (PTE_S1_ATTRIDX(MAIR_IDX_NORMAL_WB) | PTE_SH_INNER | PTE_AF | PTE_S1_AP1)
#define HYP_DEVICE (PTE_S1_ATTRIDX(MAIR_IDX_DEVICE) | PTE_AF | PTE_S1_AP1 | PTE_XN)
#define SZ_2M	   0x200000ULL

_Static_assert(TARGET_RAM_BASE % SZ_2M == 0 && TARGET_RAM_SIZE % SZ_2M == 0,
	       "RAM must be 2 MiB aligned: hyp-min maps it with 2 MiB blocks");

struct hyp_region {
	uint64_t base, size, leaf;
	uint64_t attrs;
};

/* The GIC's parts the target has (base 0: absent, skipped). */
static const struct hyp_region hyp_regions[] = {
	{ TARGET_RAM_BASE, TARGET_RAM_SIZE, SZ_2M, HYP_NORMAL },
	{ TARGET_UART_BASE, PAGE_SIZE, PAGE_SIZE, HYP_DEVICE },
	{ TARGET_GICD_BASE, 0x10000, PAGE_SIZE, HYP_DEVICE },
	{ TARGET_GICC_BASE, 0x2000, PAGE_SIZE, HYP_DEVICE },
	{ TARGET_GICH_BASE, 0x2000, PAGE_SIZE, HYP_DEVICE },
	{ TARGET_GICV_BASE, 0x2000, PAGE_SIZE, HYP_DEVICE },
	{ TARGET_GICR_BASE, 0x20000, PAGE_SIZE, HYP_DEVICE },
};

static uint8_t hyp_pool_mem[16 * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

uint64_t hyp_mmu_build(void)
{
	static struct pt_pool pool = { hyp_pool_mem, 0, sizeof(hyp_pool_mem), 0 };
	static struct pt pt;
	const struct pt_geom geom = { .granule_shift = 12, .ia_bits = 32, .start_level = 1 };
	int err;

	pool.base_pa = (uintptr_t)hyp_pool_mem;
	err = pt_init(&pt, &geom, &pool);
	for (unsigned i = 0; !err && i < sizeof(hyp_regions) / sizeof(hyp_regions[0]); i++) {
		const struct hyp_region *r = &hyp_regions[i];

		if (r->base)
			err = pt_map(&pt, r->base, r->base, r->size, r->leaf, r->attrs);
	}
	if (err)
		hyp_fail("hyp_tables", err);
	return pt.root_pa;
}
