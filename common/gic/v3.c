/*
 * GICv3: distributor and this CPU's redistributor memory-mapped, the CPU
 * interface as ICC_* system registers. Single security state (QEMU virt
 * without secure=on): group 1 interrupts are IRQs.
 */
#include <arch/sysreg.h>
#include <vb/gic.h>
#include <vb/mmio.h>

#define GICD_CTLR	    0x0000
#define GICD_TYPER	    0x0004
#define GICD_IGROUPR	    0x0080
#define GICD_ISENABLER	    0x0100
#define GICD_ICENABLER	    0x0180
#define GICD_IPRIORITYR	    0x0400
#define GICD_CTLR_RWP	    BIT(31)
#define GICD_CTLR_ARE	    BIT(4) /* affinity routing (ARE_NS with a single security state) */
#define GICD_CTLR_ENABLE_G1 BIT(1) /* EnableGrp1 (EnableGrp1NS) */
#define GICD_IROUTER	    0x6000

#define GICR_WAKER	  0x0014
#define GICR_WAKER_SLEEP  BIT(1)  /* ProcessorSleep */
#define GICR_WAKER_ASLEEP BIT(2)  /* ChildrenAsleep */
#define GICR_SGI	  0x10000 /* the SGI/PPI frame after RD_base */

#define GICD(r) (TARGET_GICD_BASE + (r))
#define GICR(r) (TARGET_GICR_BASE + (r))

static void dist_wait(void)
{
	while (mmio_read32(GICD(GICD_CTLR)) & GICD_CTLR_RWP)
		;
}

static void byte_write(uintptr_t reg, unsigned intid, uint8_t v)
{
	uintptr_t word = reg + (intid & ~3u);
	unsigned shift = (intid & 3) * 8;

	mmio_write32(word, (mmio_read32(word) & ~(0xffu << shift)) | ((uint32_t)v << shift));
}

void gic_dist_init(void)
{
	unsigned lines = ((mmio_read32(GICD(GICD_TYPER)) & 0x1f) + 1) * 32;

	mmio_write32(GICD(GICD_CTLR), 0);
	dist_wait();
	for (unsigned i = 32; i < lines; i += 32) {
		mmio_write32(GICD(GICD_ICENABLER) + i / 8, ~0u);
		mmio_write32(GICD(GICD_IGROUPR) + i / 8, ~0u);
	}
	mmio_write32(GICD(GICD_CTLR), GICD_CTLR_ARE | GICD_CTLR_ENABLE_G1);
	dist_wait();

	/* This CPU's redistributor: awake, SGIs and PPIs off and in group 1. */
	mmio_write32(GICR(GICR_WAKER), mmio_read32(GICR(GICR_WAKER)) & ~GICR_WAKER_SLEEP);
	while (mmio_read32(GICR(GICR_WAKER)) & GICR_WAKER_ASLEEP)
		;
	mmio_write32(GICR(GICR_SGI + GICD_ICENABLER), ~0u);
	mmio_write32(GICR(GICR_SGI + GICD_IGROUPR), ~0u);
}

void gic_cpu_init(void)
{
	/* Under hyp-min these are the virtual ICV_* registers (HCR_EL2.IMO/FMO set). */
	write_sysreg(icc_sre_el1, read_sysreg(icc_sre_el1) | ICC_SRE_SRE);
	isb();
	write_sysreg(icc_pmr_el1, GIC_PMR);
	write_sysreg(icc_igrpen1_el1, ICC_IGRPEN_EN);
	isb();
}

void gic_enable(unsigned intid)
{
	if (intid < 32) {
		byte_write(GICR(GICR_SGI + GICD_IPRIORITYR), intid, GIC_PRIO);
		mmio_write32(GICR(GICR_SGI + GICD_ISENABLER), 1u << intid);
		return;
	}
	byte_write(GICD(GICD_IPRIORITYR), intid, GIC_PRIO);
	mmio_write32(GICD(GICD_IROUTER) + intid * 8, 0); /* affinity 0.0.0.0: this CPU */
	mmio_write32(GICD(GICD_ISENABLER) + (intid / 32) * 4, 1u << (intid % 32));
	dist_wait();
}

uint32_t gic_ack(void)
{
	return (uint32_t)read_sysreg(icc_iar1_el1);
}

void gic_eoi(uint32_t iar)
{
	write_sysreg(icc_eoir1_el1, iar);
}

void gic_send_sgi_self(unsigned intid)
{
	uint64_t mpidr = read_sysreg(mpidr_el1);
	uint64_t aff = ((mpidr >> 8) & 0xff) << 16 | ((mpidr >> 16) & 0xff) << 32 |
		       ((mpidr >> 32) & 0xff) << 48;

	write_sysreg(icc_sgi1r_el1, aff | ((uint64_t)(intid & 0xf) << ICC_SGI1R_INTID_SHIFT) |
					    (1u << (mpidr & 0xf)));
	isb();
}
