/* GICv2 (GIC-400): distributor and CPU interface, memory-mapped. */
#include <arch/sysreg.h>
#include <vb/gic.h>
#include <vb/mmio.h>

#define GICD_CTLR	0x000
#define GICD_TYPER	0x004
#define GICD_ISENABLER	0x100
#define GICD_ICENABLER	0x180
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR	0x800
#define GICD_SGIR	0xf00
#define GICD_SGIR_SELF	(2u << 24) /* TargetListFilter: the requesting CPU only */
#define GICD_CTLR_EN	BIT(0)

#define GICC_CTLR    0x000
#define GICC_PMR     0x004
#define GICC_IAR     0x00c
#define GICC_EOIR    0x010
#define GICC_CTLR_EN BIT(0)

#define GICD(r) (TARGET_GICD_BASE + (r))
#define GICC(r) (TARGET_GICC_BASE + (r))

void gic_dist_init(void)
{
	unsigned lines = ((mmio_read32(GICD(GICD_TYPER)) & 0x1f) + 1) * 32;

	mmio_write32(GICD(GICD_CTLR), 0);
	for (unsigned i = 0; i < lines; i += 32)
		mmio_write32(GICD(GICD_ICENABLER) + i / 8, ~0u);
	mmio_write32(GICD(GICD_CTLR), GICD_CTLR_EN);
}

void gic_cpu_init(void)
{
	mmio_write32(GICC(GICC_PMR), GIC_PMR);
	mmio_write32(GICC(GICC_CTLR), GICC_CTLR_EN);
}

static void byte_write(uintptr_t reg, unsigned intid, uint8_t v)
{
	uintptr_t word = reg + (intid & ~3u);
	unsigned shift = (intid & 3) * 8;

	mmio_write32(word, (mmio_read32(word) & ~(0xffu << shift)) | ((uint32_t)v << shift));
}

void gic_enable(unsigned intid)
{
	byte_write(GICD(GICD_IPRIORITYR), intid, GIC_PRIO);
	if (intid >= 32)
		byte_write(GICD(GICD_ITARGETSR), intid, 1); /* CPU interface 0: the only one */
	mmio_write32(GICD(GICD_ISENABLER) + (intid / 32) * 4, 1u << (intid % 32));
}

uint32_t gic_ack(void)
{
	return mmio_read32(GICC(GICC_IAR));
}

void gic_eoi(uint32_t iar)
{
	mmio_write32(GICC(GICC_EOIR), iar);
}

void gic_send_sgi_self(unsigned intid)
{
	mmio_write32(GICD(GICD_SGIR), GICD_SGIR_SELF | (intid & 0xf));
}
