/*
 * Every system register and field the images use, named once for both
 * architectures. Registers carry their AArch64 names; for AArch32 each name
 * has its coprocessor encoding beside it (Rt left as a parameter), so generic
 * code reads `read_sysreg(esr_el2)` on both and gets HSR on ARMv7.
 * Accessors are in <arch/sysreg.h>; assembly uses the A32_ macros directly:
 *     mrc  A32_esr_el2(r1)
 */
#ifndef VB_SYSREG_H
#define VB_SYSREG_H

/* ---- AArch32 encodings: 32-bit (MRC/MCR) ------------------ AArch32 name */
#define A32_midr_el1(rt)       p15, 0, rt, c0, c0, 0  /* MIDR      */
#define A32_mpidr_el1(rt)      p15, 0, rt, c0, c0, 5  /* MPIDR     */
#define A32_sctlr_el1(rt)      p15, 0, rt, c1, c0, 0  /* SCTLR     */
#define A32_cpacr_el1(rt)      p15, 0, rt, c1, c0, 2  /* CPACR     */
#define A32_tcr_el1(rt)	       p15, 0, rt, c2, c0, 2  /* TTBCR     */
#define A32_mair0(rt)	       p15, 0, rt, c10, c2, 0 /* MAIR0     */
#define A32_mair1(rt)	       p15, 0, rt, c10, c2, 1 /* MAIR1     */
#define A32_vbar_el1(rt)       p15, 0, rt, c12, c0, 0 /* VBAR      */
#define A32_id_mmfr0_el1(rt)   p15, 0, rt, c0, c1, 4  /* ID_MMFR0 */
#define A32_ctr_el0(rt)	       p15, 0, rt, c0, c0, 1  /* CTR       */
#define A32_dfsr(rt)	       p15, 0, rt, c5, c0, 0  /* DFSR      */
#define A32_ifsr(rt)	       p15, 0, rt, c5, c0, 1  /* IFSR      */
#define A32_dfar(rt)	       p15, 0, rt, c6, c0, 0  /* DFAR      */
#define A32_ifar(rt)	       p15, 0, rt, c6, c0, 2  /* IFAR      */
#define A32_sctlr_el2(rt)      p15, 4, rt, c1, c0, 0  /* HSCTLR    */
#define A32_hcr_el2(rt)	       p15, 4, rt, c1, c1, 0  /* HCR       */
#define A32_mdcr_el2(rt)       p15, 4, rt, c1, c1, 1  /* HDCR      */
#define A32_cptr_el2(rt)       p15, 4, rt, c1, c1, 2  /* HCPTR     */
#define A32_hstr_el2(rt)       p15, 4, rt, c1, c1, 3  /* HSTR      */
#define A32_tcr_el2(rt)	       p15, 4, rt, c2, c0, 2  /* HTCR      */
#define A32_vtcr_el2(rt)       p15, 4, rt, c2, c1, 2  /* VTCR      */
#define A32_esr_el2(rt)	       p15, 4, rt, c5, c2, 0  /* HSR       */
#define A32_far_el2(rt)	       p15, 4, rt, c6, c0, 0  /* HDFAR     */
#define A32_hifar(rt)	       p15, 4, rt, c6, c0, 2  /* HIFAR     */
#define A32_hpfar_el2(rt)      p15, 4, rt, c6, c0, 4  /* HPFAR     */
#define A32_hmair0(rt)	       p15, 4, rt, c10, c2, 0 /* HMAIR0    */
#define A32_hmair1(rt)	       p15, 4, rt, c10, c2, 1 /* HMAIR1    */
#define A32_vbar_el2(rt)       p15, 4, rt, c12, c0, 0 /* HVBAR     */
#define A32_tpidr_el2(rt)      p15, 4, rt, c13, c0, 2 /* HTPIDR    */
#define A32_pmcr_el0(rt)       p15, 0, rt, c9, c12, 0 /* PMCR      */
#define A32_pmcntenset_el0(rt) p15, 0, rt, c9, c12, 1 /* PMCNTENSET */
#define A32_pmcntenclr_el0(rt) p15, 0, rt, c9, c12, 2 /* PMCNTENCLR */
#define A32_pmovsclr_el0(rt)   p15, 0, rt, c9, c12, 3 /* PMOVSR    */
#define A32_pmselr_el0(rt)     p15, 0, rt, c9, c12, 5 /* PMSELR    */
#define A32_pmccntr_el0(rt)    p15, 0, rt, c9, c13, 0 /* PMCCNTR (32 bits) */
#define A32_pmxevtyper_el0(rt) p15, 0, rt, c9, c13, 1 /* PMXEVTYPER */
#define A32_pmxevcntr_el0(rt)  p15, 0, rt, c9, c13, 2 /* PMXEVCNTR */
#define A32_pmuserenr_el0(rt)  p15, 0, rt, c9, c14, 0 /* PMUSERENR */
#define A32_cntfrq_el0(rt)     p15, 0, rt, c14, c0, 0 /* CNTFRQ    */
#define A32_cnthctl_el2(rt)    p15, 4, rt, c14, c1, 0 /* CNTHCTL   */
#define A32_cntkctl_el1(rt)    p15, 0, rt, c14, c1, 0 /* CNTKCTL   */
#define A32_cntv_ctl_el0(rt)   p15, 0, rt, c14, c3, 1 /* CNTV_CTL  */
#define A32_dacr32_el2(rt)     p15, 0, rt, c3, c0, 0  /* DACR      */
#define A32_adfsr(rt)	       p15, 0, rt, c5, c1, 0  /* ADFSR     */
#define A32_aifsr(rt)	       p15, 0, rt, c5, c1, 1  /* AIFSR     */
#define A32_amair0(rt)	       p15, 0, rt, c10, c3, 0 /* AMAIR0    */
#define A32_amair1(rt)	       p15, 0, rt, c10, c3, 1 /* AMAIR1    */
#define A32_contextidr_el1(rt) p15, 0, rt, c13, c0, 1 /* CONTEXTIDR */
#define A32_tpidr_el0(rt)      p15, 0, rt, c13, c0, 2 /* TPIDRURW  */
#define A32_tpidrro_el0(rt)    p15, 0, rt, c13, c0, 3 /* TPIDRURO  */
#define A32_tpidr_el1(rt)      p15, 0, rt, c13, c0, 4 /* TPIDRPRW  */
#define A32_csselr_el1(rt)     p15, 2, rt, c0, c0, 0  /* CSSELR    */
#define A32_vpidr_el2(rt)      p15, 4, rt, c0, c0, 0  /* VPIDR     */
#define A32_vmpidr_el2(rt)     p15, 4, rt, c0, c0, 5  /* VMPIDR    */

/* ---- AArch32 encodings: 64-bit (MRRC/MCRR) ---------------------------- */
#define A32_ttbr0_el1(lo, hi)	  p15, 0, lo, hi, c2  /* TTBR0     */
#define A32_ttbr0_el2(lo, hi)	  p15, 4, lo, hi, c2  /* HTTBR     */
#define A32_vttbr_el2(lo, hi)	  p15, 6, lo, hi, c2  /* VTTBR     */
#define A32_cntpct_el0(lo, hi)	  p15, 0, lo, hi, c14 /* CNTPCT    */
#define A32_cntvct_el0(lo, hi)	  p15, 1, lo, hi, c14 /* CNTVCT    */
#define A32_cntvoff_el2(lo, hi)	  p15, 4, lo, hi, c14 /* CNTVOFF   */
#define A32_ttbr1_el1(lo, hi)	  p15, 1, lo, hi, c2  /* TTBR1     */
#define A32_par_el1(lo, hi)	  p15, 0, lo, hi, c7  /* PAR       */
#define A32_cntv_cval_el0(lo, hi) p15, 3, lo, hi, c14 /* CNTV_CVAL */

/* ---- Fields, the same positions in both architectures unless noted ---- */
#ifdef __ASSEMBLER__
#define UL(x) x
#else
#define UL(x) x##UL
#endif
#define BIT(n) (UL(1) << (n))

/* HCR_EL2 / HCR */
#define HCR_VM	 BIT(0)
#define HCR_SWIO BIT(1)
#define HCR_FMO	 BIT(3)
#define HCR_IMO	 BIT(4)
#define HCR_AMO	 BIT(5)
#define HCR_VF	 BIT(6)
#define HCR_VI	 BIT(7)
#define HCR_TID3 BIT(18) /* trap ID group 3 register reads (ID_MMFR0, ID_AA64MMFR0, ...) */
#define HCR_TSC	 BIT(19)
#define HCR_RW	 BIT(31) /* AArch64 only: EL1 is AArch64 */

/* ESR_EL2 / HSR */
#define ESR_EC_SHIFT 26
#define ESR_EC_MASK  UL(0x3f)
#define ESR_IL	     BIT(25)
#define ESR_ISS_MASK UL(0x1ffffff)
#define ESR_EC(esr)  (((esr) >> ESR_EC_SHIFT) & ESR_EC_MASK)

#define EC_UNKNOWN  0x00
#define EC_WFX	    0x01
#define EC_CP15_32  0x03
#define EC_HVC32    0x12
#define EC_SMC32    0x13
#define EC_HVC64    0x16
#define EC_SMC64    0x17
#define EC_SYS64    0x18
#define EC_IABT_LOW 0x20
#define EC_IABT_CUR 0x21
#define EC_PC_ALIGN 0x22
#define EC_DABT_LOW 0x24
#define EC_DABT_CUR 0x25

/* ISS of a trapped system-register access: EC_SYS64 (AArch64 MRS/MSR), EC_CP15_32 (MRC/MCR) */
#define ISS_SYS_READ	   BIT(0) /* direction: 1 = read */
#define ISS_SYS_CRM_SHIFT  1
#define ISS_SYS_CRN_SHIFT  10
#define ISS_SYS_OP1_SHIFT  14
#define ISS_SYS_OP2_SHIFT  17
#define ISS_SYS_OP0_SHIFT  20 /* AArch64 only */
#define ISS_SYS64_RT_SHIFT 5  /* Rt: 5 bits in EC_SYS64 */
#define ISS_CP15_RT_SHIFT  5  /* Rt: 4 bits in EC_CP15_32 */

/* HPFAR_EL2: FIPA, IPA[n:12] at bit 4 */
#define HPFAR_FIPA_SHIFT 4

/* SCTLR_ELx / SCTLR / HSCTLR */
#define SCTLR_M	  BIT(0)
#define SCTLR_A	  BIT(1)
#define SCTLR_C	  BIT(2)
#define SCTLR_I	  BIT(12)
#define SCTLR_WXN BIT(19)
#define SCTLR_EE  BIT(25) /* exceptions taken big-endian */
/*
 * AArch64 SCTLR_EL2 / SCTLR_EL1 with every RES1 bit set and everything else
 * 0: MMU, caches and alignment checks off, little-endian. Both reset to
 * UNKNOWN values, so the images write the whole register at entry.
 */
#define SCTLR_EL2_RES1 UL(0x30c50830)
#define SCTLR_EL1_RES1 UL(0x30d00800)
/* AArch32 HSCTLR / SCTLR: the fields the images clear at entry, keeping the rest */
#define SCTLR_A32_ENTRY_CLEAR (SCTLR_M | SCTLR_A | SCTLR_C | SCTLR_I | SCTLR_WXN | SCTLR_EE)

/* TCR_ELx / TTBCR / HTCR / VTCR: walk attributes share bits 8-13 */
#define TCR_IRGN0_SHIFT 8
#define TCR_ORGN0_SHIFT 10
#define TCR_SH0_SHIFT	12
#define TCR_RGN_NC	UL(0)
#define TCR_RGN_WBWA	UL(1)
#define TCR_SH_INNER	UL(3)
#define TCR_WALK_WB                                                              \
	((TCR_RGN_WBWA << TCR_IRGN0_SHIFT) | (TCR_RGN_WBWA << TCR_ORGN0_SHIFT) | \
	 (TCR_SH_INNER << TCR_SH0_SHIFT))
#define TCR_WALK_NC    ((TCR_RGN_NC << TCR_IRGN0_SHIFT) | (TCR_RGN_NC << TCR_ORGN0_SHIFT))
#define TCR_EPD1       BIT(23)	     /* TCR_EL1 / TTBCR: no TTBR1 walks */
#define TTBCR_EAE      BIT(31)	     /* AArch32: long descriptors (LPAE) */
#define TCR_TG0_4K     (UL(0) << 14) /* AArch64 */
#define TCR_EL2_RES1   (BIT(31) | BIT(23))
#define TCR_PS_SHIFT   16 /* TCR_EL2.PS, VTCR_EL2.PS (AArch64) */
#define TCR_IPS_SHIFT  32 /* TCR_EL1.IPS (AArch64) */
#define VTCR_SL0_SHIFT 6
#define VTCR_RES1      BIT(31)

/* CPTR_EL2 / HCPTR: the bits that read as one, nothing trapped (FP/SIMD included) */
#define CPTR_EL2_NO_TRAPS UL(0x33ff)

/*
 * MDCR_EL2 / HDCR: resets to UNKNOWN values (HPMN aside), so hyp-min and
 * native guest-min write the whole register: HPMN = PMCR.N (every event
 * counter is EL1's) and every field below 0.
 */
#define MDCR_HPMN_MASK UL(0x1f)
#define MDCR_TPMCR     BIT(5)  /* 1 would trap EL1's PMCR accesses */
#define MDCR_TPM       BIT(6)  /* 1 would trap every EL1 PMU access */
#define MDCR_HPME      BIT(7)  /* 1 would enable EL2's counters HPMN.. (there are none) */
#define MDCR_TDE       BIT(8)  /* 1 would route debug exceptions to EL2 */
#define MDCR_TDA       BIT(9)  /* 1 would trap debug register accesses */
#define MDCR_TDOSA     BIT(10) /* 1 would trap OS lock / power-down register accesses */
#define MDCR_TDRA      BIT(11) /* 1 would trap debug ROM address accesses */
#define MDCR_HPMD      BIT(17) /* ARMv8.1 PMU: 1 would stop counting at EL2, hiding hyp-min's time */
#define MDCR_ZERO_FIELDS                                                                    \
	(MDCR_TPMCR | MDCR_TPM | MDCR_HPME | MDCR_TDE | MDCR_TDA | MDCR_TDOSA | MDCR_TDRA | \
	 MDCR_HPMD)
#define MDCR_EL2_VALUE(n) ((n)&MDCR_HPMN_MASK) /* and MDCR_ZERO_FIELDS 0 */

/* PMCR_EL0 / PMCR */
#define PMCR_E	     BIT(0)
#define PMCR_P	     BIT(1)
#define PMCR_C	     BIT(2)
#define PMCR_D	     BIT(3)
#define PMCR_LC	     BIT(6) /* ARMv8: 64-bit cycle counter overflow */
#define PMCR_N_SHIFT 11
#define PMCR_N_MASK  UL(0x1f)

/* PMCCFILTR_EL0, PMEVTYPER<n>: count at EL2 too */
#define PMU_FILTER_NSH BIT(27)
#define PMU_CYCLE_IDX  31 /* PMSELR value of the cycle counter (ARMv7 filter) */

/* CNTHCTL_EL2 (without VHE) / CNTHCTL: EL1 may use the physical counter and timer */
#define CNTHCTL_EL1PCTEN BIT(0)
#define CNTHCTL_EL1PCEN	 BIT(1)

/* CNTV_CTL_EL0 / CNTV_CTL (and the other timers' CTL) */
#define CNT_CTL_ENABLE	BIT(0)
#define CNT_CTL_IMASK	BIT(1)
#define CNT_CTL_ISTATUS BIT(2)

/*
 * GICv3 CPU interface (ICC_*_EL1/EL2) and its hypervisor control (ICH_*_EL2),
 * AArch64 only so far: no AArch32 target has a GICv3.
 */
#define ICC_SRE_SRE	      BIT(0)
#define ICC_SRE_ENABLE	      BIT(3) /* ICC_SRE_EL2: EL1 may use ICC_SRE_EL1 */
#define ICC_IGRPEN_EN	      BIT(0)
#define ICC_SGI1R_INTID_SHIFT 24
#define ICH_HCR_EN	      BIT(0)
#define ICH_LR_VINTID_MASK    UL(0xffffffff)
#define ICH_LR_EOI	      BIT(41) /* with HW = 0: maintenance interrupt on EOI */
#define ICH_LR_PRIO_SHIFT     48
#define ICH_LR_GROUP1	      BIT(60)
#define ICH_LR_PENDING	      BIT(62) /* State = 0b01 */
#define ICH_VTR_LISTREGS_MASK UL(0x1f)

/* AArch32 program status: modes and masks */
#define PSR_MODE_MASK 0x1f
#define PSR_MODE_SVC  0x13
#define PSR_MODE_ABT  0x17
#define PSR_MODE_UND  0x1b
#define PSR_MODE_IRQ  0x12
#define PSR_MODE_HYP  0x1a
#define PSR_AIF	      0x1c0
#define SCTLR_V	      BIT(13) /* AArch32: high vectors */
#define SCTLR_TE      BIT(30) /* AArch32: exceptions in Thumb */

/* PSCI function numbers (SMC Calling Convention) */
#define PSCI_SYSTEM_OFF UL(0x84000008)

#endif
