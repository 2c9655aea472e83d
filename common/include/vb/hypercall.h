/* hyp-min's hypercalls: function number in x0/r0, result in x0/r0 (SMCCC-like). */
#ifndef VB_HYPERCALL_H
#define VB_HYPERCALL_H

#define HVC_NULL 0 /* returns at once, on the shortest path hyp-min has */
/*
 * Virtual interrupts. The injecting calls return 0 in x0/r0 (HVC_UNKNOWN if
 * they could not inject) and in x1/r1 hyp-min's cycle counter (PMCCNTR) read
 * as the last thing its handler does before the return path to ERET: the
 * guest's handler, taken right after the ERET, subtracts it from its own.
 */
#define HVC_VIRQ_HCR	   1  /* raise a virtual IRQ with HCR.VI */
#define HVC_VIRQ_HCR_CLEAR 2  /* lower it: HCR.VI is hyp-min's, so completion is a trap */
#define HVC_VIRQ_LR	   3  /* x1/r1: VIRQ_LR_* flags; VIRQ_LR_INTID pending in a list register */
#define VIRQ_LR_EOI_MAINT  1  /* flag: the guest's EOI raises a maintenance interrupt */
#define VIRQ_LR_INTID	   40 /* the virtual INTID HVC_VIRQ_LR injects (an SPI number) */
/* PSCI_SYSTEM_OFF (<vb/sysreg.h>) ends the run. Unknown functions return HVC_UNKNOWN. */
#define HVC_UNKNOWN (-1)

#endif
