/*
 * Stage-2 permission faults, each a fault-and-fix round trip (docs/design.md):
 * the page is armed with a mode before the sample (outside the timed region),
 * the timed access faults once, hyp-min grants and invalidates, the access
 * runs again. Each sample also checks the fault fired exactly once and not
 * again after the fix.
 */
#include <arch/cpu.h>
#include <bench.h>
#include <sample.h>
#include <guest.h>
#include <vb/hypercall.h>
#include <vb/layout.h>

static volatile uint32_t s2perm_area[S2PERM_DEVICE + 1][PAGE_SIZE / 4]
	__attribute__((aligned(PAGE_SIZE)));

static reg_t page_ipa(unsigned mode)
{
	return (reg_t)(uintptr_t)s2perm_area[mode]; /* VA = IPA in guest-min */
}

static void access(unsigned mode, int write, uint32_t v)
{
	if (write)
		s2perm_area[mode][0] = v;
	else
		(void)s2perm_area[mode][0];
}

static uint32_t s2perm_sample(unsigned mode, int write)
{
	reg_t before = 0, t0;
	uint32_t dt;

	if (guest_is_virt()) {
		if (hvc_call2(HVC_S2PERM_ARM, page_ipa(mode), mode))
			guest_fail("s2perm_arm", (int)mode);
		before = hvc_call2(HVC_S2PERM_FAULTS, page_ipa(mode), 0);
	}
	t0 = sample_start();
	access(mode, write, (uint32_t)t0);
	dt = sample_stop(t0);
	if (guest_is_virt()) {
		access(mode, write, 0); /* fixed: must not fault again */
		if (hvc_call2(HVC_S2PERM_FAULTS, page_ipa(mode), 0) != before + (mode != S2PERM_RW))
			guest_fail("s2perm_fault_count", (int)mode);
	}
	return dt;
}

uint32_t bench_s2perm_none(void)
{
	return s2perm_sample(S2PERM_NONE, 0);
}

uint32_t bench_s2perm_ro(void)
{
	return s2perm_sample(S2PERM_RO, 1);
}

uint32_t bench_s2perm_wo(void)
{
	return s2perm_sample(S2PERM_WO, 0);
}

uint32_t bench_s2perm_rw(void)
{
	return s2perm_sample(S2PERM_RW, 1);
}

/* The invalidation alone, as hyp-min timed it inside its fix of a lazy-copy fault. */
uint32_t bench_s2perm_tlbi(void)
{
	(void)s2perm_sample(S2PERM_RO, 1);
	ev_valid = 0; /* the figure is hyp-min's, not this bracket's */
	return (uint32_t)hvc_call2(HVC_S2PERM_TLBI_CYCLES, 0, 0);
}

/*
 * Not a benchmark but a check, for the tests: stage 1 says Normal, stage 2
 * says Device; the combination is Device, where an unaligned load must take
 * an alignment fault. Returning is a sign the platform did not model it.
 */
uint32_t bench_probe_s2_device(void)
{
	volatile uint8_t *p = (volatile uint8_t *)s2perm_area[S2PERM_DEVICE];

	if (hvc_call2(HVC_S2PERM_ARM, page_ipa(S2PERM_DEVICE), S2PERM_DEVICE))
		guest_fail("s2perm_arm", S2PERM_DEVICE);
	return *(volatile uint32_t *)(p + 1);
}

/* One 4 KiB page per experiment: larger stage-2 pages would take code and stack along. */
const char *check_s2perm(void)
{
	const struct xlat *s2 = guest_s2_config();

	return s2 && s2->geom.granule_shift != 12 ? "needs_4k_stage_2_pages" : 0;
}

/*
 * What hyp-min's fix did with the descriptor it changed: cleaned it to PoC
 * ("poc": stage-2 walks non-cacheable, the walker reads memory) or nothing
 * ("none": write-back walks see the data cache). Natively there is no fix.
 */
void fields_s2perm(struct record *r)
{
	if (guest_is_virt())
		rec_str(r, "s2_desc_clean", hvc_call2(HVC_S2PERM_CLEANED, 0, 0) ? "poc" : "none");
}
