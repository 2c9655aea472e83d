/* hyp-min's error records: what the hardware said, then the end of the run. */
#include <arch/sysreg.h>
#include <hyp.h>
#include <vb/halt.h>
#include <vb/record.h>

void hyp_halt(void)
{
	halt_smc();
}

void hyp_error(const char *kind, struct hyp_frame *f, reg_t esr)
{
	struct record r;
	unsigned ec = ESR_EC(esr);

	rec_open(&r, "error");
	rec_str(&r, "kind", kind);
	rec_u64(&r, "el", 2);
	rec_hex(&r, "esr", esr);
	rec_hex(&r, "ec", ec);
	if (ec == EC_DABT_LOW || ec == EC_IABT_LOW) {
		rec_hex(&r, "far", arch_fault_address(esr));
		rec_hex(&r, "hpfar", read_sysreg(hpfar_el2));
		rec_hex(&r, "ipa", arch_fault_ipa(esr));
	}
	if (f)
		rec_hex(&r, "pc", f->elr);
	rec_close(&r);
	hyp_halt();
}

const char refuse_hvc[] = "hvc";

/*
 * A request hyp-min refused (docs/records.md, `refused`): counted, reported,
 * and the guest runs on. `f` is NULL when no guest instruction asked (an
 * interrupt hyp-min could not inject); for a hypercall (refuse_hvc) the
 * fields are the function and its arguments as the guest passed them.
 */
void hyp_refuse(struct hyp_frame *f, const char *request, const char *reason, const char *key,
		uint64_t val)
{
	static uint64_t refused;
	struct record r;

	rec_open(&r, "refused");
	rec_u64(&r, "count", ++refused);
	rec_str(&r, "request", request);
	rec_str(&r, "reason", reason);
	if (key)
		rec_hex(&r, key, val);
	if (f && request == refuse_hvc) {
		rec_hex(&r, "fn", f->r[0]);
		rec_hex(&r, "arg1", f->r[1]);
		rec_hex(&r, "arg2", f->r[2]);
	}
	if (f)
		rec_hex(&r, "pc", f->elr);
	rec_close(&r);
}

/* A vector hyp-min has no handler for (an exception at EL2 itself, an interrupt). */
void hyp_unexpected(struct hyp_frame *f, reg_t vector)
{
	struct record r;

	rec_open(&r, "error");
	rec_str(&r, "kind", "hyp_unexpected");
	rec_u64(&r, "vector", vector);
	rec_hex(&r, "esr", read_sysreg(esr_el2));
	rec_hex(&r, "far", read_sysreg(far_el2));
	rec_hex(&r, "pc", f->elr);
	rec_close(&r);
	hyp_halt();
}

/* A physical interrupt hyp-min did not enable. */
void hyp_unexpected_irq(struct hyp_frame *f, unsigned intid)
{
	struct record r;

	rec_open(&r, "error");
	rec_str(&r, "kind", "hyp_unexpected_irq");
	rec_u64(&r, "intid", intid);
	rec_hex(&r, "pc", f->elr);
	rec_close(&r);
	hyp_halt();
}

void hyp_fail(const char *what, int code)
{
	struct record r;

	rec_open(&r, "error");
	rec_str(&r, "kind", "hyp_setup");
	rec_str(&r, "msg", what);
	rec_u64(&r, "code", (uint64_t)(code < 0 ? -code : code)); /* table errors are negative */
	rec_close(&r);
	hyp_halt();
}

static void hyp_entry_fail(const char *msg, const char *key, reg_t found)
{
	struct record r;

	rec_open(&r, "error");
	rec_str(&r, "kind", "entry");
	rec_str(&r, "msg", msg);
	rec_hex(&r, key, found);
	rec_close(&r);
}

/*
 * What arch/<arch>/boot.S found: the exception level (AArch32: the mode) and
 * SCTLR_EL2/HSCTLR before it forced the MMU and caches off. Returns if
 * hyp-min was started as it assumes.
 */
void hyp_entry_check(reg_t level, reg_t sctlr)
{
	rec_set_source('h');
	if (level != ARCH_ENTRY_LEVEL) {
		hyp_entry_fail(ARCH_ENTRY_LEVEL_MSG, ARCH_ENTRY_LEVEL_KEY, level);
		halt_wait(); /* not at EL2: an SMC might not even be defined */
	}
	if (sctlr & SCTLR_M) {
		/* the loader's cached view of the image may never have reached memory */
		hyp_entry_fail("entered_with_mmu_on", "sctlr", sctlr);
		hyp_halt();
	}
}
