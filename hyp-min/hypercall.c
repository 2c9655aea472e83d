/* Hypercalls: function number in x0/r0, arguments in x1-x3, results in x0-x3. */
#include <hyp.h>
#include <vb/hypercall.h>

static void hvc_null(struct hyp_frame *f)
{
	f->r[0] = 0; /* the slow path's null call: policy "full" comes here */
}

static void hvc_system_off(struct hyp_frame *f)
{
	(void)f;
	hyp_halt();
}

/* One row per function; the guest's side is in common/include/vb/hypercall.h. */
static const struct {
	reg_t fn;
	void (*handler)(struct hyp_frame *f);
} hvc_table[] = {
	{ HVC_NULL, hvc_null },
	{ PSCI_SYSTEM_OFF, hvc_system_off },
	{ HVC_S2PERM_ARM, hvc_s2perm_arm },
	{ HVC_S2PERM_FAULTS, hvc_s2perm_faults },
	{ HVC_S2PERM_TLBI_CYCLES, hvc_s2perm_tlbi_cycles },
	{ HVC_SYSREG_TRAPS, hvc_sysreg_traps },
	{ HVC_S2_WALK_READS, hvc_s2_walk_reads },
};

void hyp_hypercall(struct hyp_frame *f)
{
	for (unsigned i = 0; i < sizeof(hvc_table) / sizeof(hvc_table[0]); i++) {
		if (hvc_table[i].fn == f->r[0]) {
			hvc_table[i].handler(f);
			return;
		}
	}
	f->r[0] = (reg_t)HVC_UNKNOWN;
}
