/* hyp-min's hypercalls: function number in x0/r0, arguments x1-x3, results x0-x1 (SMCCC-like). */
#ifndef VB_HYPERCALL_H
#define VB_HYPERCALL_H

#define HVC_NULL 0 /* returns at once, on the shortest path hyp-min has */
/*
 * Virtual interrupts. The injecting calls return 0 in x0/r0 (HVC_INVALID if
 * they could not inject) and in x1/r1 hyp-min's cycle counter (PMCCNTR) read
 * as the last thing its handler does before the return path to ERET: the
 * guest's handler, taken right after the ERET, subtracts it from its own.
 */
#define HVC_VIRQ_HCR	   1  /* raise a virtual IRQ with HCR.VI */
#define HVC_VIRQ_HCR_CLEAR 2  /* lower it: HCR.VI is hyp-min's, so completion is a trap */
#define HVC_VIRQ_LR	   3  /* x1/r1: VIRQ_LR_* flags; VIRQ_LR_INTID pending in a list register */
#define VIRQ_LR_EOI_MAINT  1  /* flag: the guest's EOI raises a maintenance interrupt */
#define VIRQ_LR_INTID	   40 /* the virtual INTID HVC_VIRQ_LR injects (an SPI number) */
/* PSCI_SYSTEM_OFF (<vb/sysreg.h>) ends the run. */
/*
 * Refusals (SMCCC's codes): an unknown function returns HVC_UNKNOWN, a known
 * one with an argument out of range (an address, a mode, a flag) or a request
 * hyp-min cannot serve (no free list register) HVC_INVALID. Either way
 * hyp-min writes a `refused` record (docs/records.md) and the guest runs on.
 */
/*
 * MAINT_STAMP(ipa): where hyp-min records its maintenance exits, a struct
 * vb_maint_stamp in guest RAM (8-byte aligned). The maintenance interrupt is
 * asynchronous on a GIC-400/GIC-600: the guest's EOI returns before hyp-min
 * takes it, so virq_lr_maint waits for the count to move before it stops
 * the clock. Returns 0, or HVC_INVALID (refused) for an address outside guest RAM.
 */
#define HVC_VIRQ_MAINT_STAMP 4
#define HVC_UNKNOWN	     (-1)
#define HVC_INVALID	     (-3)

/*
 * Stage-2 permission experiments on one guest page (hyp-min/s2perm.c).
 * ARM(ipa, mode): give the page at ipa the stage-2 permissions of `mode`;
 * the next access the mode forbids faults, and hyp-min fixes it (grants read
 * and write, invalidates the TLB by IPA) and lets the access run again.
 * FAULTS(ipa): how many such faults the page took. TLBI_CYCLES: the cycles
 * the last fix spent invalidating the TLB, counted by hyp-min itself.
 */
#define HVC_S2PERM_ARM	       0x20
#define HVC_S2PERM_FAULTS      0x21
#define HVC_S2PERM_TLBI_CYCLES 0x22
/* S2PERM_CLEANED: 1 if the last fix cleaned the descriptor to PoC (non-cacheable walks), else 0. */
#define HVC_S2PERM_CLEANED 0x23

/* SYSREG_TRAPS: how many system-register accesses hyp-min has emulated so far. */
#define HVC_SYSREG_TRAPS 0x30

/* S2_WALK_READS(ipa): descriptors a stage-2 walk of ipa reads in the tables built (desc_reads). */
#define HVC_S2_WALK_READS 0x40

/*
 * The walk rows (hyp-min/walk.c). WALK_FLUSH(va, cold): invalidate every
 * stage 1 and stage 2 TLB entry and walk cache of the guest (TLBI
 * VMALLS12E1IS; ARMv7 TLBIALLNSNHIS); with cold = 1 first clean and
 * invalidate from the data cache every descriptor a walk of va reads, at
 * both stages. S2_SHARED(ipa0, ipa1): bit l set when stage 2's walks of
 * both IPAs read the same table at level l.
 */
#define HVC_WALK_FLUSH 0x50
#define HVC_S2_SHARED  0x51
/*
 * WINDOW_BLOCKS(on): stage 2 maps the test window with its largest block
 * (on = 1) or as configured (on = 0), break-before-make; returns the block
 * size in bytes (HVC_UNKNOWN if it cannot).
 */
#define HVC_WINDOW_BLOCKS 0x52
/*
 * NEXT_CONFIG: the run ended (its end record is out) and the block asked for
 * another (VB_PARAM_NEXT): hyp-min tears stage 2 down and starts again from
 * its entry, as at boot. Refused (HVC_INVALID) when the block did not ask.
 */
#define HVC_NEXT_CONFIG 0x60
#ifndef __ASSEMBLER__
#include <stdint.h>

struct vb_maint_stamp {
	uint64_t cycles; /* PMCCNTR when hyp-min handled the last maintenance interrupt */
	uint32_t exits;	 /* maintenance interrupts handled so far; written after cycles */
	uint32_t pad;
};
#endif

#define S2PERM_NONE   0 /* no access: "wait for an external update", then map */
#define S2PERM_RO     1 /* read-only: a write faults, as in a lazy copy */
#define S2PERM_WO     2 /* write-only: a read faults, as an output device page */
#define S2PERM_RW     3 /* all access: never faults */
#define S2PERM_DEVICE 4 /* read/write, memory type Device at stage 2 */

#endif
