/* hyp-min's hypercalls: function number in x0/r0, result in x0/r0 (SMCCC-like). */
#ifndef VB_HYPERCALL_H
#define VB_HYPERCALL_H

#define HVC_NULL 0 /* returns at once, on the shortest path hyp-min has */
/* PSCI_SYSTEM_OFF (<vb/sysreg.h>) ends the run. Unknown functions return HVC_UNKNOWN. */
#define HVC_UNKNOWN (-1)

#endif
