/*
 * Stage 2 for guest-min: its RAM and the UART, at IPA = PA. hyp-min's own
 * 2 MiB at the start of RAM is not mapped: a guest access there faults.
 * On GICv2 the guest's GICC address leads to the virtual CPU interface
 * (GICV), so the guest's GIC code is the same in both modes. The
 * distributor is not mapped: a real hypervisor emulates it on stage-2
 * faults; guest-min never touches it under hyp-min.
 */
#include <hyp.h>
#include <vb/layout.h>
#include <vb/pgtable.h>

#define S2_NORMAL \
	(PTE_S2_MEMATTR(S2_MEMATTR_NORMAL_WB) | PTE_SH_INNER | PTE_AF | PTE_S2AP_R | PTE_S2AP_W)
#define S2_DEVICE \
	(PTE_S2_MEMATTR(S2_MEMATTR_DEVICE_nGnRE) | PTE_AF | PTE_S2AP_R | PTE_S2AP_W | PTE_XN)

/* 4 KiB granule, 32-bit IPA, walks start at level 1, guest RAM in 4 KiB pages. */
static const struct pt_geom s2_geom = { .granule_shift = 12, .ia_bits = 32, .start_level = 1 };
#define S2_LEAF PAGE_SIZE

struct s2_region {
	uint64_t ipa, pa, size, leaf;
	uint64_t attrs;
};

/* A region at IPA 0 is one the target lacks (GICv3 has no GICC): skipped. */
static const struct s2_region s2_regions[] = {
	{ GUEST_BASE, GUEST_BASE, RAM_END - GUEST_BASE, S2_LEAF, S2_NORMAL },
	{ TARGET_UART_BASE, TARGET_UART_BASE, PAGE_SIZE, PAGE_SIZE, S2_DEVICE },
	{ TARGET_GICC_BASE, TARGET_GICV_BASE, 0x2000, PAGE_SIZE, S2_DEVICE },
};

/* 4 KiB pages over the whole guest RAM: one level-3 table per 2 MiB, and the upper levels. */
#define S2_POOL_PAGES ((TARGET_RAM_SIZE >> 21) + 8)
static uint8_t s2_pool_mem[S2_POOL_PAGES * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

uint64_t stage2_leaf_size(void)
{
	return S2_LEAF;
}

static struct pt s2;

const struct pt *stage2_pt(void)
{
	return &s2;
}

const struct pt *stage2_build(void)
{
	static struct pt_pool pool = { s2_pool_mem, 0, sizeof(s2_pool_mem), 0 };
	int err;

	pool.base_pa = (uintptr_t)s2_pool_mem;
	err = pt_init(&s2, &s2_geom, &pool);
	for (unsigned i = 0; !err && i < sizeof(s2_regions) / sizeof(s2_regions[0]); i++) {
		const struct s2_region *r = &s2_regions[i];

		if (r->ipa)
			err = pt_map(&s2, r->ipa, r->pa, r->size, r->leaf, r->attrs);
	}
	if (err)
		hyp_fail("stage2_tables", err);
	return &s2;
}
