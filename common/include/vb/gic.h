/*
 * The physical GIC, one API for GICv2 (memory-mapped CPU interface) and
 * GICv3 (ICC_* system registers); common/gic/v<N>.c per target. hyp-min
 * drives it at EL2; guest-min natively. Under hyp-min the guest calls only
 * the CPU-interface half (gic_cpu_init, gic_ack, gic_eoi), which then reaches
 * the virtual CPU interface: on GICv2 stage 2 maps the GICC address to the
 * GICV frame, on GICv3 HCR.IMO makes ICC_* at EL1 the virtual ICV_*.
 */
#ifndef VB_GIC_H
#define VB_GIC_H

#include <stdint.h>

#define GIC_INTID_MASK	   0x3ff /* of an IAR value; the rest (GICv2 SGIs) is the source CPU */
#define GIC_INTID_SPURIOUS 1023
#define GIC_INTID_MAINT	   25	/* PPI: the virtual CPU interface's maintenance interrupt */
#define GIC_INTID_VTIMER   27	/* PPI: the EL1 virtual timer */
#define GIC_PRIO	   0xa0 /* every interrupt this project enables */
#define GIC_PMR		   0xf0 /* unmasks it, even with only 5 priority bits (GICv2 GICV) */

/* Distributor (and redistributor): all interrupts off, then on, as group 1 non-secure IRQs. */
void gic_dist_init(void);
/* This CPU's interface: priority mask open, interrupts signalled. */
void gic_cpu_init(void);
/* An SGI or PPI of this CPU, or an SPI routed to it, at GIC_PRIO. */
void gic_enable(unsigned intid);
/* Acknowledge: the IAR value (GIC_INTID_SPURIOUS in its INTID bits if none). */
uint32_t gic_ack(void);
/* End of interrupt: priority drop and deactivation, with what gic_ack returned. */
void gic_eoi(uint32_t iar);
/* Software-generated interrupt to this CPU. */
void gic_send_sgi_self(unsigned intid);

#endif
