/* guest-min: what its generic parts and its arch/ folder give each other. */
#ifndef GUEST_H
#define GUEST_H

#include <stdint.h>
#include <arch/sysreg.h>
#include <vb/params.h>
#include <vb/xlat.h>

/* generic */
void guest_main(reg_t boot_magic, reg_t s2_leaf, reg_t level, reg_t sctlr)
	__attribute__((noreturn));
void guest_exception(reg_t vector, reg_t esr, reg_t far, reg_t pc) __attribute__((noreturn));
void guest_fail(const char *what, int code) __attribute__((noreturn));
void guest_fail_named(const char *what, const char *name) __attribute__((noreturn));
void guest_halt(void) __attribute__((noreturn));
int guest_halting(void); /* guest_halt has begun */
int guest_is_virt(void);
void mmu_init(const struct vb_stage_cfg *cfg);
const struct pt *mmu_stage1(void);	   /* the tables built */
int mmu_map_page(uint64_t va, int device); /* one more page, for the isolation probes */
const struct xlat *mmu_config(void);	   /* and their configuration */
void mmu_teardown(void);		   /* the run is over: timer stopped, MMU off, TLB empty */
/* next.c: after the end record, the next configuration when the block asks (VB_PARAM_NEXT) */
void guest_next(reg_t level) __attribute__((noreturn));
const struct vb_params *guest_params(void); /* the run parameters, copied at boot */
const struct xlat *guest_s2_config(void);   /* stage 2 as hyp-min built it; NULL natively */
unsigned guest_desc_reads(uint64_t va);	    /* descriptor reads of a full walk of va */

/* irq.c: interrupts, counted (a lost or duplicated one is an error record) */
#define IRQ_SGI_SELF 1 /* the SGI guest-min sends itself natively */
struct irq_seen {
	reg_t cycles;	/* PMCCNTR read at the IRQ vector */
	uint64_t ticks; /* CNTVCT read at the IRQ vector */
	unsigned count; /* interrupts taken so far */
};
extern volatile struct irq_seen irq_seen;
void irq_init(int virt);
void guest_irq(reg_t cycles, uint64_t ticks); /* the IRQ vector's C half */
void irq_expect_one(void (*handler)(void));   /* before causing an interrupt */
int irq_pending_count(void);		      /* expected but not yet handled */
void irq_check(void);			      /* after it, IRQs masked: exactly as expected? */
void irq_check_intid(unsigned want, uint32_t iar);
/* An error record `kind` with what was expected and what happened; ends the run. */
void irq_fail(const char *kind, uint64_t want, uint64_t got) __attribute__((noreturn));

/* arch/<arch>/arch.c */
/* Where guest-min may start (the level or mode boot.S found), and the error's name otherwise */
#ifdef __aarch64__
#define ARCH_ENTRY_NATIVE    2 /* EL2: leaves it for EL1 */
#define ARCH_ENTRY_GUEST     1 /* EL1: under hyp-min, or on a core without EL2 */
#define ARCH_ENTRY_LEVEL_KEY "el"
#define ARCH_ENTRY_LEVEL_MSG "not_started_at_el1_or_el2"
#else
#define ARCH_ENTRY_NATIVE    PSR_MODE_HYP
#define ARCH_ENTRY_GUEST     PSR_MODE_SVC
#define ARCH_ENTRY_LEVEL_KEY "mode"
#define ARCH_ENTRY_LEVEL_MSG "not_started_in_hyp_or_svc_mode"
#endif
void arch_mmu_enable(uint64_t root_pa, const struct xlat *x);
void arch_mmu_disable(void); /* stage 1 off, its TLB entries and the I-cache invalidated */
/* boot.S: from the top of boot as if just started at `level` (boot magic 0), MMU off */
void arch_restart(reg_t level) __attribute__((noreturn));
extern const char arch_name[];

#endif
