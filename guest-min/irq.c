/*
 * guest-min's interrupts: the GIC in each mode, the C half of the IRQ
 * vector, and the count of interrupts handled against those expected, so a
 * lost or duplicated interrupt ends the run with an error record instead of
 * a number.
 */
#include <arch/cpu.h>
#include <guest.h>
#include <vb/gic.h>
#include <vb/record.h>

volatile struct irq_seen irq_seen;
static void (*irq_handler)(void);
static unsigned irq_expected;

/*
 * Natively guest-min owns the physical GIC: distributor and the interrupts
 * it uses. Under hyp-min it touches only its CPU interface, the virtual one.
 */
void irq_init(int virt)
{
	if (!virt) {
		gic_dist_init();
		gic_enable(IRQ_SGI_SELF);
		gic_enable(GIC_INTID_VTIMER);
	}
	gic_cpu_init();
}

void irq_fail(const char *kind, uint64_t want, uint64_t got)
{
	struct record r;

	rec_open(&r, "error");
	rec_str(&r, "kind", kind);
	rec_u64(&r, "el", 1);
	rec_u64(&r, "expected", want);
	rec_u64(&r, "got", got);
	rec_close(&r);
	guest_halt();
}

/* From the IRQ vector, with the counters it read first. */
void guest_irq(reg_t cycles, uint64_t ticks)
{
	irq_seen.cycles = cycles;
	irq_seen.ticks = ticks;
	irq_seen.count++;
	if (irq_seen.count > irq_expected)
		irq_fail("irq_duplicated", irq_expected, irq_seen.count);
	irq_handler();
}

void irq_expect_one(void (*handler)(void))
{
	irq_handler = handler;
	irq_expected++;
}

int irq_pending_count(void)
{
	return (int)(irq_expected - irq_seen.count);
}

/*
 * After the interrupt should have been handled, with IRQs masked: open one
 * more window for a late duplicate, then insist on exactly the count expected.
 */
void irq_check(void)
{
	irq_unmask();
	isb();
	irq_mask();
	if (irq_seen.count != irq_expected)
		irq_fail(irq_seen.count < irq_expected ? "irq_lost" : "irq_duplicated",
			 irq_expected, irq_seen.count);
}

void irq_check_intid(unsigned want, uint32_t iar)
{
	if ((iar & GIC_INTID_MASK) != want)
		irq_fail("irq_wrong_intid", want, iar & GIC_INTID_MASK);
}
