/* What the virtual-interrupt benchmarks share: one interrupt per sample, checked. */
#ifndef VIRQ_H
#define VIRQ_H

#include <stdint.h>

#define VIRQ_NO_INTID (~0u) /* HCR.VI: not a GIC interrupt, nothing to acknowledge */

/* Set by the handlers: the IAR value acknowledged, the cycles a completion took. */
extern volatile uint32_t virq_iar, virq_complete;

/* Before causing the interrupt: expect one, handled by `handler`; IRQs unmasked. */
void virq_begin(void (*handler)(void));
/* After: wait for it (bounded), mask IRQs, check it came once, with INTID `intid`. */
void virq_end(unsigned intid);

/* Handlers (they run in the guest's IRQ vector) */
void virq_on_hcr(void);	  /* lowers HCR.VI through hyp-min, timed */
void virq_on_gic(void);	  /* acknowledge and EOI on the CPU interface, timed */
void virq_on_timer(void); /* acknowledge, stop the virtual timer, EOI */
/* acknowledge and EOI, timed until hyp-min's maintenance exit is stamped (virq_maint_register) */
void virq_on_gic_maint(void);
void virq_maint_register(void); /* tells hyp-min where to stamp; once, outside any sample */

#endif
