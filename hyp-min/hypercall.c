/* Hypercalls: function number in x0/r0, arguments in x1-x3, results in x0-x3. */
#include <hyp.h>
#include <vb/hypercall.h>
#include <vb/pmu.h>

static void hvc_null(struct hyp_frame *f)
{
	f->r[0] = 0; /* the slow path's null call: policy "full" comes here */
}

static void hvc_system_off(struct hyp_frame *f)
{
	(void)f;
	hyp_halt();
}

/* A known function with an argument out of range: the guest gets HVC_INVALID, the log a record. */
void hvc_refuse(struct hyp_frame *f, const char *reason)
{
	hyp_refuse(f, refuse_hvc, reason, NULL, 0);
	f->r[0] = (reg_t)HVC_INVALID;
}

/*
 * The injection stamp: the last thing an injecting handler does. After it
 * come only the C returns and the vector's restore_frame and ERET
 * (docs/design.md counts them), then the guest's IRQ vector.
 */
static void hvc_return_stamp(struct hyp_frame *f)
{
	f->r[0] = 0;
	f->r[1] = cycles_fenced();
}

static void hvc_virq_hcr(struct hyp_frame *f)
{
	write_sysreg(hcr_el2, read_sysreg(hcr_el2) | HCR_VI);
	hvc_return_stamp(f);
}

static void hvc_virq_hcr_clear(struct hyp_frame *f)
{
	write_sysreg(hcr_el2, read_sysreg(hcr_el2) & ~HCR_VI);
	f->r[0] = 0;
}

/* Unknown flags, or every list register full (the guest masked IRQs and kept injecting): refused. */
static void hvc_virq_lr(struct hyp_frame *f)
{
	if (f->r[1] & ~(reg_t)VIRQ_LR_EOI_MAINT)
		hvc_refuse(f, "unknown_flags");
	else if (vgic_inject(VIRQ_LR_INTID, f->r[1] & VIRQ_LR_EOI_MAINT ? VGIC_EOI_MAINT : 0))
		hvc_refuse(f, "no_free_list_register");
	else
		hvc_return_stamp(f);
}

/* Out of line, so that the dispatch below stays a leaf that tail-calls its handler. */
static void __attribute__((noinline)) hvc_unknown(struct hyp_frame *f)
{
	hyp_refuse(f, refuse_hvc, "unknown_function", NULL, 0);
	f->r[0] = (reg_t)HVC_UNKNOWN;
}

/* One row per function; the guest's side is in common/include/vb/hypercall.h. */
static const struct {
	reg_t fn;
	void (*handler)(struct hyp_frame *f);
} hvc_table[] = {
	{ HVC_NULL, hvc_null },
	{ HVC_VIRQ_HCR, hvc_virq_hcr },
	{ HVC_VIRQ_HCR_CLEAR, hvc_virq_hcr_clear },
	{ HVC_VIRQ_LR, hvc_virq_lr },
	{ HVC_VIRQ_MAINT_STAMP, hvc_virq_maint_stamp },
	{ PSCI_SYSTEM_OFF, hvc_system_off },
	{ HVC_S2PERM_ARM, hvc_s2perm_arm },
	{ HVC_S2PERM_FAULTS, hvc_s2perm_faults },
	{ HVC_S2PERM_TLBI_CYCLES, hvc_s2perm_tlbi_cycles },
	{ HVC_SYSREG_TRAPS, hvc_sysreg_traps },
	{ HVC_S2_WALK_READS, hvc_s2_walk_reads },
	{ HVC_S2PERM_CLEANED, hvc_s2perm_cleaned },
	{ HVC_WALK_FLUSH, hvc_walk_flush },
	{ HVC_S2_SHARED, hvc_s2_shared },
	{ HVC_WINDOW_BLOCKS, hvc_window_blocks },
	{ HVC_NEXT_CONFIG, hvc_next_config },
};

void hyp_hypercall(struct hyp_frame *f)
{
	for (unsigned i = 0; i < sizeof(hvc_table) / sizeof(hvc_table[0]); i++) {
		if (hvc_table[i].fn == f->r[0]) {
			hvc_table[i].handler(f);
			return;
		}
	}
	hvc_unknown(f);
}
