/* Physical interrupts taken while the guest runs (HCR.IMO routes them to hyp-min). */
#include <hyp.h>

/* No interrupt is routed to hyp-min yet: one arriving is a fault to report. */
void hyp_irq(struct hyp_frame *f)
{
	hyp_unexpected(f, 9); /* vector slot: lower EL, IRQ */
}
