/*
 * Physical interrupts: hyp-min owns the GIC (HCR.IMO/FMO route every IRQ
 * and FIQ to EL2 while the guest runs). Acknowledge, dispatch by INTID, EOI.
 */
#include <hyp.h>
#include <vb/gic.h>
#include <vb/layout.h>
#include <vb/pmu.h>

static volatile struct vb_maint_stamp *maint_stamp; /* in guest RAM; NULL until given */

/* HVC_VIRQ_MAINT_STAMP(ipa): IPA = PA, and hyp-min maps all of RAM. */
void hvc_virq_maint_stamp(struct hyp_frame *f)
{
	reg_t ipa = f->r[1];

	if (ipa < GUEST_BASE || ipa > RAM_END - sizeof(*maint_stamp) || ipa % 8) {
		hvc_refuse(f, "stamp_outside_guest_ram");
		return;
	}
	maint_stamp = (volatile struct vb_maint_stamp *)(uintptr_t)ipa;
	f->r[0] = 0;
}

/*
 * The virtual CPU interface signalled an EOI the guest was asked to report.
 * The stamp tells the guest this exit happened, and when: its EOI does not
 * wait for it.
 */
static void irq_maintenance(void)
{
	vgic_maintenance();
	if (maint_stamp) {
		/* no fence: the stamp only has to fall inside the guest's window */
		maint_stamp->cycles = read_sysreg(pmccntr_el0);
		maint_stamp->exits++;
	}
}

/*
 * The guest's virtual timer fired. Its output is a level that stays up
 * until the guest handles it, so hyp-min masks it (CNTV_CTL.IMASK) before
 * the physical EOI, and the guest's own write of CNTV_CTL when it stops or
 * re-arms the timer unmasks it. The guest sees the same INTID, virtual.
 */
static void irq_vtimer(void)
{
	write_sysreg(cntv_ctl_el0, read_sysreg(cntv_ctl_el0) | CNT_CTL_IMASK);
	isb(); /* the masked level reaches the GIC before the EOI below, not after it */
	/* The guest filled every list register: the tick is dropped (and reported), the timer
	 * stays masked until the guest writes CNTV_CTL again; hyp-min runs on. */
	if (vgic_inject(GIC_INTID_VTIMER, 0))
		hyp_refuse(NULL, "irq", "no_free_list_register", "intid", GIC_INTID_VTIMER);
}

static const struct {
	unsigned intid;
	void (*handler)(void);
} irq_table[] = {
	{ GIC_INTID_MAINT, irq_maintenance },
	{ GIC_INTID_VTIMER, irq_vtimer },
};

/* An acknowledged interrupt (iar): its handler, then the EOI. */
static inline void irq_handle(struct hyp_frame *f, uint32_t iar)
{
	unsigned intid = iar & GIC_INTID_MASK, i = 0;

	if (intid == GIC_INTID_SPURIOUS)
		return; /* withdrawn before it was acknowledged */
	while (i < sizeof(irq_table) / sizeof(irq_table[0]) && irq_table[i].intid != intid)
		i++;
	if (i == sizeof(irq_table) / sizeof(irq_table[0]))
		hyp_unexpected_irq(f, intid);
	irq_table[i].handler();
	gic_eoi(iar);
}

/* Two copies, so the lean path keeps no extra call. */
void hyp_irq(struct hyp_frame *f)
{
	irq_handle(f, gic_ack());
}

void hyp_irq_handle(struct hyp_frame *f, uint32_t iar)
{
	irq_handle(f, iar);
}

/* The interrupts hyp-min takes; every other one stays disabled at the distributor. */
void hyp_irq_init(void)
{
	vgic_init(); /* first: on GICv3 it also lets EL2 use the ICC_* registers */
	gic_dist_init();
	gic_cpu_init();
	for (unsigned i = 0; i < sizeof(irq_table) / sizeof(irq_table[0]); i++)
		gic_enable(irq_table[i].intid);
}
