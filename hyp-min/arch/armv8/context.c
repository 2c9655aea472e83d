/* The guest's EL1/EL0 context, saved and restored one register a line (policy "full"). */
#include <hyp.h>

void arch_el1_save(struct el1_context *c)
{
	c->sctlr = read_sysreg(sctlr_el1);
	c->cpacr = read_sysreg(cpacr_el1);
	c->ttbr0 = read_sysreg(ttbr0_el1);
	c->ttbr1 = read_sysreg(ttbr1_el1);
	c->tcr = read_sysreg(tcr_el1);
	c->esr = read_sysreg(esr_el1);
	c->afsr0 = read_sysreg(afsr0_el1);
	c->afsr1 = read_sysreg(afsr1_el1);
	c->far = read_sysreg(far_el1);
	c->mair = read_sysreg(mair_el1);
	c->amair = read_sysreg(amair_el1);
	c->vbar = read_sysreg(vbar_el1);
	c->contextidr = read_sysreg(contextidr_el1);
	c->tpidr_el0 = read_sysreg(tpidr_el0);
	c->tpidrro_el0 = read_sysreg(tpidrro_el0);
	c->tpidr_el1 = read_sysreg(tpidr_el1);
	c->par = read_sysreg(par_el1);
	c->sp_el0 = read_sysreg(sp_el0);
	c->sp_el1 = read_sysreg(sp_el1);
	c->elr = read_sysreg(elr_el1);
	c->spsr = read_sysreg(spsr_el1);
	c->csselr = read_sysreg(csselr_el1);
	c->mdscr = read_sysreg(mdscr_el1);
	c->cntkctl = read_sysreg(cntkctl_el1);
	c->cntv_ctl = read_sysreg(cntv_ctl_el0);
	c->cntv_cval = read_sysreg(cntv_cval_el0);
	c->vmpidr = read_sysreg(vmpidr_el2);
	c->vpidr = read_sysreg(vpidr_el2);
}

void arch_el1_restore(const struct el1_context *c)
{
	write_sysreg(sctlr_el1, c->sctlr);
	write_sysreg(cpacr_el1, c->cpacr);
	write_sysreg(ttbr0_el1, c->ttbr0);
	write_sysreg(ttbr1_el1, c->ttbr1);
	write_sysreg(tcr_el1, c->tcr);
	write_sysreg(esr_el1, c->esr);
	write_sysreg(afsr0_el1, c->afsr0);
	write_sysreg(afsr1_el1, c->afsr1);
	write_sysreg(far_el1, c->far);
	write_sysreg(mair_el1, c->mair);
	write_sysreg(amair_el1, c->amair);
	write_sysreg(vbar_el1, c->vbar);
	write_sysreg(contextidr_el1, c->contextidr);
	write_sysreg(tpidr_el0, c->tpidr_el0);
	write_sysreg(tpidrro_el0, c->tpidrro_el0);
	write_sysreg(tpidr_el1, c->tpidr_el1);
	write_sysreg(par_el1, c->par);
	write_sysreg(sp_el0, c->sp_el0);
	write_sysreg(sp_el1, c->sp_el1);
	write_sysreg(elr_el1, c->elr);
	write_sysreg(spsr_el1, c->spsr);
	write_sysreg(csselr_el1, c->csselr);
	write_sysreg(mdscr_el1, c->mdscr);
	write_sysreg(cntkctl_el1, c->cntkctl);
	write_sysreg(cntv_cval_el0, c->cntv_cval);
	write_sysreg(cntv_ctl_el0, c->cntv_ctl);
	write_sysreg(vmpidr_el2, c->vmpidr);
	write_sysreg(vpidr_el2, c->vpidr);
	isb();
}
