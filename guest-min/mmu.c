/* guest-min's stage 1: all of the target's RAM, the UART and the GIC, VA = IPA. */
#include <guest.h>
#include <vb/layout.h>
#include <vb/pgtable.h>

#define S1_NORMAL (PTE_S1_ATTRIDX(MAIR_IDX_NORMAL_WB) | PTE_SH_INNER | PTE_AF | PTE_S1_AP_RW)
#define S1_DEVICE (PTE_S1_ATTRIDX(MAIR_IDX_DEVICE) | PTE_AF | PTE_S1_AP_RW | PTE_XN | PTE_PXN)

/*
 * The whole RAM window, including hyp-min's part: a guest believes all of
 * the machine's RAM is its own. Under hyp-min, stage 2 decides.
 */
struct s1_region {
	uint64_t va, size, leaf;
	uint64_t attrs;
};

/*
 * The GIC parts the target has (base 0: absent, skipped). Under hyp-min
 * only the CPU interface is used (docs/design.md, "Interrupts").
 */
static const struct s1_region s1_regions[] = {
	{ TARGET_RAM_BASE, TARGET_RAM_SIZE, PAGE_SIZE, S1_NORMAL },
	{ TARGET_UART_BASE, PAGE_SIZE, PAGE_SIZE, S1_DEVICE },
	{ TARGET_VDEV_IPA, PAGE_SIZE, PAGE_SIZE, S1_DEVICE }, /* hyp-min's emulated device */
	{ TARGET_GICD_BASE, 0x10000, PAGE_SIZE, S1_DEVICE },
	{ TARGET_GICC_BASE, 0x2000, PAGE_SIZE, S1_DEVICE },
	{ TARGET_GICR_BASE, 0x20000, PAGE_SIZE, S1_DEVICE },
};

static const struct pt_geom s1_geom = { .granule_shift = 12, .ia_bits = 32, .start_level = 1 };

#define S1_POOL_PAGES ((TARGET_RAM_SIZE >> 21) + 8)
static uint8_t s1_pool_mem[S1_POOL_PAGES * PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

void mmu_init(void)
{
	static struct pt_pool pool = { s1_pool_mem, 0, sizeof(s1_pool_mem), 0 };
	static struct pt s1;
	int err;

	pool.base_pa = (uintptr_t)s1_pool_mem;
	err = pt_init(&s1, &s1_geom, &pool);
	for (unsigned i = 0; !err && i < sizeof(s1_regions) / sizeof(s1_regions[0]); i++) {
		const struct s1_region *r = &s1_regions[i];

		if (r->va)
			err = pt_map(&s1, r->va, r->va, r->size, r->leaf, r->attrs);
	}
	if (err)
		guest_fail("s1_tables", err);
	arch_mmu_enable(s1.root_pa);
}
