/*
 * Stage-2 permission faults, fixed and resumed: the four cases of the
 * literature on one guest page each. The guest arms a page with a mode
 * (HVC_S2PERM_ARM); the access the mode forbids takes a permission fault to
 * hyp-min, which grants read and write, invalidates the TLB by IPA and
 * returns to the same instruction, which then completes.
 */
#include <arch/cpu.h>
#include <hyp.h>
#include <vb/hypercall.h>
#include <vb/layout.h>
#include <vb/pmu.h>

#define S2PERM_PAGES 8
#define DFSC_MASK    0x3f
#define DFSC_PERM_L3 0x0f /* permission fault, level 3 */
#define S2AP_MASK    (PTE_S2AP_R | PTE_S2AP_W)
#define MEMATTR_MASK PTE_S2_MEMATTR(0xf)
#define MODE_MASK    (S2AP_MASK | MEMATTR_MASK | PTE_XN)

static struct s2perm_page {
	uint64_t ipa;
	uint64_t faults;
} pages[S2PERM_PAGES];

static reg_t last_tlbi_cycles;
static int last_cleaned; /* did the last change clean its descriptor to PoC? */

/* Guest RAM only: hyp-min's own pages are not the guest's to arm (and a free slot's ipa is 0). */
static int in_guest_ram(uint64_t ipa)
{
	return ipa >= GUEST_BASE && ipa < RAM_END;
}

static struct s2perm_page *page_of(uint64_t ipa, int add)
{
	if (!in_guest_ram(ipa))
		return NULL;
	ipa &= ~(uint64_t)(PAGE_SIZE - 1);
	for (unsigned i = 0; i < S2PERM_PAGES; i++) {
		if (pages[i].ipa == ipa)
			return &pages[i];
		if (add && !pages[i].ipa) {
			pages[i].ipa = ipa;
			return &pages[i];
		}
	}
	return NULL;
}

static const uint64_t mode_bits[] = {
	[S2PERM_NONE] = PTE_S2_MEMATTR(S2_MEMATTR_NORMAL_WB),
	[S2PERM_RO] = PTE_S2_MEMATTR(S2_MEMATTR_NORMAL_WB) | PTE_S2AP_R,
	[S2PERM_WO] = PTE_S2_MEMATTR(S2_MEMATTR_NORMAL_WB) | PTE_S2AP_W,
	[S2PERM_RW] = PTE_S2_MEMATTR(S2_MEMATTR_NORMAL_WB) | PTE_S2AP_R | PTE_S2AP_W,
	/* never executable: an instruction fetch from Device memory is a permission fault */
	[S2PERM_DEVICE] =
		PTE_S2_MEMATTR(S2_MEMATTR_DEVICE_nGnRE) | PTE_S2AP_R | PTE_S2AP_W | PTE_XN,
};

/* The page's 4 KiB stage-2 descriptor, or NULL (a block maps it: it is not one page). */
static uint64_t *page_desc(uint64_t ipa)
{
	uint64_t *d = pt_leaf(stage2_pt(), ipa);

	return d && (*d & PTE_NOT_BLOCK) ? d : NULL;
}

/*
 * Changes one page's stage-2 permissions and memory type, then drops its TLB
 * entries; returns the cycles the invalidation took, fenced like a benchmark.
 */
static reg_t set_page(uint64_t ipa, uint64_t bits)
{
	uint64_t *d = page_desc(ipa); /* checked when the page was armed */
	reg_t t0;

	*d = (*d & ~MODE_MASK) | bits;
	/*
	 * With non-cacheable walks the walker reads memory, not the cache: the
	 * descriptor must reach PoC. With write-back walks the walker snoops the
	 * data cache (coherent walks), and the DSB before the TLBI suffices.
	 */
	last_cleaned = stage2_config()->walk == VB_WALK_NC;
	if (last_cleaned)
		dcache_clean_inval_range((uintptr_t)d, (uintptr_t)(d + 1));
	t0 = cycles_fenced();
	arch_s2_tlb_inval_ipa(ipa);
	return cycles_fenced() - t0;
}

void hvc_s2perm_arm(struct hyp_frame *f)
{
	uint64_t ipa = f->r[1];
	reg_t mode = f->r[2];

	/* one 4 KiB page per experiment: larger stage-2 pages would take their neighbours along */
	if (!in_guest_ram(ipa))
		hvc_refuse(f, "ipa_outside_guest_ram");
	else if (mode > S2PERM_DEVICE)
		hvc_refuse(f, "unknown_mode");
	else if (stage2_pt()->geom.granule_shift != 12 || !page_desc(ipa))
		hvc_refuse(f, "not_a_4k_stage_2_page");
	else if (!page_of(ipa, 1))
		hvc_refuse(f, "no_free_slot");
	else {
		set_page(ipa, mode_bits[mode]);
		f->r[0] = 0;
	}
}

void hvc_s2perm_faults(struct hyp_frame *f)
{
	struct s2perm_page *p = page_of(f->r[1], 0);

	if (p)
		f->r[0] = (reg_t)p->faults;
	else
		hvc_refuse(f, "page_not_armed");
}

void hvc_s2perm_tlbi_cycles(struct hyp_frame *f)
{
	f->r[0] = last_tlbi_cycles;
}

void hvc_s2perm_cleaned(struct hyp_frame *f)
{
	f->r[0] = (reg_t)last_cleaned;
}

/* 1 if the abort was a permission fault on an armed page, now fixed. */
int s2perm_fix(struct hyp_frame *f, reg_t esr, uint64_t ipa)
{
	struct s2perm_page *p = page_of(ipa, 0);

	(void)f;
	if (!p || (esr & DFSC_MASK) != DFSC_PERM_L3)
		return 0;
	p->faults++;
	/* the "external update" came, or the copy is made: grant, invalidate */
	last_tlbi_cycles = set_page(ipa, mode_bits[S2PERM_RW]);
	return 1; /* the faulting instruction runs again */
}
