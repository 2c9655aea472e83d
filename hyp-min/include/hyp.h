/* hyp-min: what its generic parts and its arch/ folder give each other. */
#ifndef HYP_H
#define HYP_H

#include <stdint.h>
#include <frame.h>
#include <vb/hypercall.h>
#include <vb/pgtable.h>
#include <vb/xlat.h>
#include <vgic.h>

/* generic */
void hyp_main(void) __attribute__((noreturn));
void hyp_trap(struct hyp_frame *f);	 /* synchronous exception from the guest, slow path */
void hyp_irq(struct hyp_frame *f);	 /* physical IRQ while the guest ran */
void hyp_trap_full(struct hyp_frame *f); /* the same two, with policy "full" */
void hyp_irq_full(struct hyp_frame *f);
void hyp_irq_handle(struct hyp_frame *f, uint32_t iar); /* irq.c: an acknowledged IRQ */
void hyp_irq_init(void); /* irq.c: the physical GIC, the interrupts hyp-min takes */
void hvc_virq_maint_stamp(struct hyp_frame *f); /* irq.c: where maintenance exits are stamped */
void world_switch_init(void);
void hyp_hypercall(struct hyp_frame *f); /* hypercall.c: dispatch on x0/r0 */
const struct pt *stage2_pt(void);

/* Exits the benchmarks cause: each returns 1 if it handled the trap. */
int mmio_emulate(struct hyp_frame *f, reg_t esr, uint64_t ipa); /* mmio.c */
/*
 * Emulated registers, `bytes` wide at `offset` in their page (the access size
 * from the syndrome): a write uses the value's low `bytes` bytes, a read's
 * value is cut to them by mmio.c. 0 if served, -1 if the device has no such
 * register or access.
 */
int vdev_access(uint64_t offset, unsigned bytes, int is_write, reg_t *val); /* vdev.c */
int console_access(struct hyp_frame *f, uint64_t offset, unsigned bytes, int is_write,
		   reg_t *val);				      /* console.c: the guest's UART */
int s2perm_fix(struct hyp_frame *f, reg_t esr, uint64_t ipa); /* s2perm.c */
void hvc_s2perm_arm(struct hyp_frame *f);
void hvc_s2perm_faults(struct hyp_frame *f);
void hvc_s2perm_tlbi_cycles(struct hyp_frame *f);
void hvc_sysreg_traps(struct hyp_frame *f); /* trap.c */
/*
 * A refused request: a `refused` record (report.c) with key=val if key is not NULL, and with
 * request refuse_hvc the hypercall's function and arguments. The caller sets the guest's
 * return value; the guest runs on.
 */
extern const char refuse_hvc[];
void hyp_refuse(struct hyp_frame *f, const char *request, const char *reason, const char *key,
		uint64_t val);
void hvc_refuse(struct hyp_frame *f, const char *reason); /* hypercall.c: HVC_INVALID */
void hyp_error(const char *kind, struct hyp_frame *f, reg_t esr) __attribute__((noreturn));
void hyp_unexpected(struct hyp_frame *f, reg_t vector) __attribute__((noreturn));
void hyp_unexpected_irq(struct hyp_frame *f, unsigned intid) __attribute__((noreturn));
void hyp_fail(const char *what, int code) __attribute__((noreturn));
void hyp_entry_check(reg_t level, reg_t sctlr); /* from boot.S: ends the run if started wrong */
void hyp_halt(void) __attribute__((noreturn));
uint64_t hyp_mmu_build(void); /* hyp-min's own tables: root PA */
const struct pt *stage2_build(const struct vb_stage_cfg *cfg);
void stage2_teardown(void);
uint64_t stage2_leaf_size(void);
const struct xlat *stage2_config(void);
void hvc_s2_walk_reads(struct hyp_frame *f);  /* stage2.c */
void hvc_s2perm_cleaned(struct hyp_frame *f); /* s2perm.c */
void hvc_walk_flush(struct hyp_frame *f);     /* walk.c */
void hvc_s2_shared(struct hyp_frame *f);
void hvc_window_blocks(struct hyp_frame *f); /* stage2.c */
void hvc_next_config(struct hyp_frame *f);   /* next.c */
uint32_t hyp_run_flags(void);		     /* main.c: the block's flags, as received */

/* arch/<arch>/arch.c */
void arch_mmu_enable(uint64_t root_pa);
void arch_stage2_enable(const struct pt *s2, unsigned walk, unsigned vmid);
reg_t arch_fault_address(reg_t esr);	  /* the faulting VA the syndrome refers to */
uint64_t arch_fault_ipa(reg_t esr);	  /* the faulting IPA of a stage-2 abort */
void arch_s2_tlb_inval_ipa(uint64_t ipa); /* this VMID's entries for one IPA page */
void arch_s12_tlb_inval_all(void);	  /* every stage 1 and stage 2 entry of the guest */
void arch_stage2_disable(void);		  /* stage 2 off, the guest's VMID invalidated, VTTBR 0 */
/* boot.S: EL2's MMU and caches off, its TLB invalidated, then _start as at power-on */
void arch_restart(void) __attribute__((noreturn));
void arch_trap_sysreg(struct hyp_frame *f, reg_t esr); /* emulate a trapped register access */
reg_t *arch_guest_reg(struct hyp_frame *f, unsigned n, reg_t esr); /* NULL: zero register */
void arch_el1_save(struct el1_context *c);
void arch_el1_restore(const struct el1_context *c);
void arch_enter_guest(uintptr_t entry, reg_t a0, reg_t a1) __attribute__((noreturn));
extern const char arch_name[];

#endif
