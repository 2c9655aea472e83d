/*
 * guest-min's kvm mode (docs/kvm.md): started at EL1 by vbench-vmm under
 * Linux KVM, with VB_PARAM_KVM in the run parameters. KVM backs PMCCNTR with
 * a host perf event that excludes the host, so a KVM exit timed with it looks
 * free: the rows this mode runs are timed with the virtual counter CNTVCT
 * (unit ticks), and the VMM reads KVM's counters around each row's samples.
 */
#ifndef KVM_H
#define KVM_H

#include <stdint.h>
#include <vb/record.h>

struct bench_variant;

#define KVM_UNIT "ticks"

/* why a row has no kvm sample function (microbench/table.c) */
#define KVM_NA_HYP_MIN "a_hyp_min_mechanism_kvm_does_not_expose"
#define KVM_NA_MEMORY  "memory_rows_under_kvm_not_implemented_yet"
#define KVM_NA_LATER   "not_implemented_under_kvm_yet"
/* walk_full, walk_cache: emptying stage 2's TLB entries and walk caches is the host's (TLBI IPAS2E1, VMALLS12E1) */
#define KVM_NA_S2_FLUSH "stage_2_invalidation_is_kvms_not_the_guests"

/* The memory rows under KVM: 1024 dependent loads a sample, as tlb_miss_chase's cycles/1024 */
#define KVM_CHASE_UNIT "ticks/1024"

/*
 * The trap rows: a tick is 16 instructions under icount, more than hyp-min
 * lean's whole hvc_null, so a sample is KVM_TRAP_BATCH calls and the unit
 * says so (never divided). The same in every world timed in ticks.
 */
#define KVM_TRAP_BATCH 64
#define KVM_TRAP_UNIT  "ticks/64"

/*
 * The ticks clock outside KVM (VB_PARAM_TICKS): native and hyp-min rows
 * timed with these same functions. A row with no such function is na there.
 */
#define TICKS_NA "timed_in_cycles_only_no_ticks_form"

/* Before the first sample: hvc_null's call, KVM's null SMCCC call or hyp-min's HVC_NULL. */
void kvm_ticks_init(int kvm);

/* the rows' kvm sample functions, each timed with CNTVCT */
uint32_t kvm_counter_overhead(void);
uint32_t kvm_hvc_null(void);
uint32_t kvm_sysreg_trap(void);
uint32_t kvm_mmio_read(void);
uint32_t kvm_mmio_write(void);
uint32_t kvm_virq_irq_line(void);
uint32_t kvm_tlb_hit(void);
uint32_t kvm_tlb_miss_chase(void);
/* The memslot's backing as the VMM reads it from its smaps after the row: result fields. */
void kvm_memslot_fields(struct record *r);
const char *prepare_kvm_irq_line(struct bench_variant *v);
#define KVM_NA_NO_VMM "no_vmm_to_raise_it_outside_kvm_mode"

/* Around a row's kept samples: the VMM reads KVM's counters at each (outside the timing). */
void kvm_row_start(void);
void kvm_row_end(void);
/* The row's KVM counters, read back from the VMM, as result fields. */
void kvm_row_fields(struct record *r);
/* The begin record's kvm fields: the timing method, the host kernel's release. */
void kvm_begin_fields(struct record *r);

#endif
