/* The guest's PL1/PL0 context, saved and restored one register a line (policy "full"). */
#include <hyp.h>

void arch_el1_save(struct el1_context *c)
{
	c->sctlr = read_sysreg(sctlr_el1);
	c->cpacr = read_sysreg(cpacr_el1);
	c->ttbcr = read_sysreg(tcr_el1);
	c->dacr = read_sysreg(dacr32_el2);
	c->dfsr = read_sysreg(dfsr);
	c->ifsr = read_sysreg(ifsr);
	c->adfsr = read_sysreg(adfsr);
	c->aifsr = read_sysreg(aifsr);
	c->dfar = read_sysreg(dfar);
	c->ifar = read_sysreg(ifar);
	c->mair0 = read_sysreg(mair0);
	c->mair1 = read_sysreg(mair1);
	c->amair0 = read_sysreg(amair0);
	c->amair1 = read_sysreg(amair1);
	c->vbar = read_sysreg(vbar_el1);
	c->contextidr = read_sysreg(contextidr_el1);
	c->tpidrurw = read_sysreg(tpidr_el0);
	c->tpidruro = read_sysreg(tpidrro_el0);
	c->tpidrprw = read_sysreg(tpidr_el1);
	c->csselr = read_sysreg(csselr_el1);
	c->cntkctl = read_sysreg(cntkctl_el1);
	c->cntv_ctl = read_sysreg(cntv_ctl_el0);
	c->vmpidr = read_sysreg(vmpidr_el2);
	c->vpidr = read_sysreg(vpidr_el2);
	c->ttbr0 = read_sysreg64(ttbr0_el1);
	c->ttbr1 = read_sysreg64(ttbr1_el1);
	c->par = read_sysreg64(par_el1);
	c->cntv_cval = read_sysreg64(cntv_cval_el0);
	c->sp_usr = read_banked(SP_usr);
	c->sp_svc = read_banked(SP_svc);
	c->lr_svc = read_banked(LR_svc);
	c->spsr_svc = read_banked(SPSR_svc);
	c->sp_abt = read_banked(SP_abt);
	c->lr_abt = read_banked(LR_abt);
	c->spsr_abt = read_banked(SPSR_abt);
	c->sp_und = read_banked(SP_und);
	c->lr_und = read_banked(LR_und);
	c->spsr_und = read_banked(SPSR_und);
	c->sp_irq = read_banked(SP_irq);
	c->lr_irq = read_banked(LR_irq);
	c->spsr_irq = read_banked(SPSR_irq);
	c->r8_fiq = read_banked(r8_fiq);
	c->r9_fiq = read_banked(r9_fiq);
	c->r10_fiq = read_banked(r10_fiq);
	c->r11_fiq = read_banked(r11_fiq);
	c->r12_fiq = read_banked(r12_fiq);
	c->sp_fiq = read_banked(SP_fiq);
	c->lr_fiq = read_banked(LR_fiq);
	c->spsr_fiq = read_banked(SPSR_fiq);
}

void arch_el1_restore(const struct el1_context *c)
{
	write_sysreg(sctlr_el1, c->sctlr);
	write_sysreg(cpacr_el1, c->cpacr);
	write_sysreg(tcr_el1, c->ttbcr);
	write_sysreg(dacr32_el2, c->dacr);
	write_sysreg(dfsr, c->dfsr);
	write_sysreg(ifsr, c->ifsr);
	write_sysreg(adfsr, c->adfsr);
	write_sysreg(aifsr, c->aifsr);
	write_sysreg(dfar, c->dfar);
	write_sysreg(ifar, c->ifar);
	write_sysreg(mair0, c->mair0);
	write_sysreg(mair1, c->mair1);
	write_sysreg(amair0, c->amair0);
	write_sysreg(amair1, c->amair1);
	write_sysreg(vbar_el1, c->vbar);
	write_sysreg(contextidr_el1, c->contextidr);
	write_sysreg(tpidr_el0, c->tpidrurw);
	write_sysreg(tpidrro_el0, c->tpidruro);
	write_sysreg(tpidr_el1, c->tpidrprw);
	write_sysreg(csselr_el1, c->csselr);
	write_sysreg(cntkctl_el1, c->cntkctl);
	write_sysreg(vmpidr_el2, c->vmpidr);
	write_sysreg(vpidr_el2, c->vpidr);
	write_sysreg64(ttbr0_el1, c->ttbr0);
	write_sysreg64(ttbr1_el1, c->ttbr1);
	write_sysreg64(par_el1, c->par);
	write_sysreg64(cntv_cval_el0, c->cntv_cval);
	write_sysreg(cntv_ctl_el0, c->cntv_ctl);
	write_banked(SP_usr, c->sp_usr);
	write_banked(SP_svc, c->sp_svc);
	write_banked(LR_svc, c->lr_svc);
	write_banked(SPSR_svc, c->spsr_svc);
	write_banked(SP_abt, c->sp_abt);
	write_banked(LR_abt, c->lr_abt);
	write_banked(SPSR_abt, c->spsr_abt);
	write_banked(SP_und, c->sp_und);
	write_banked(LR_und, c->lr_und);
	write_banked(SPSR_und, c->spsr_und);
	write_banked(SP_irq, c->sp_irq);
	write_banked(LR_irq, c->lr_irq);
	write_banked(SPSR_irq, c->spsr_irq);
	write_banked(r8_fiq, c->r8_fiq);
	write_banked(r9_fiq, c->r9_fiq);
	write_banked(r10_fiq, c->r10_fiq);
	write_banked(r11_fiq, c->r11_fiq);
	write_banked(r12_fiq, c->r12_fiq);
	write_banked(SP_fiq, c->sp_fiq);
	write_banked(LR_fiq, c->lr_fiq);
	write_banked(SPSR_fiq, c->spsr_fiq);
	isb();
}
