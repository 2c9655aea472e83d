/* tlb_miss_chase and its block-mapped control, tlb_miss_chase_blocks. */
#include <memrows.h>

/*
 * ---- tlb_miss_chase: a dependent pointer chase, one access per 4 KiB page,
 * pages in a random cyclic order (Sattolo, fixed seed: every run the same),
 * so neither prefetchers nor locality help. Each page's pointer sits on a
 * different cache line (page index mod 64), so the lines do not all fall in
 * the same cache sets. A sample is CHASE_STEPS accesses, continuing where the
 * last one stopped: the unit is cycles per 1024 accesses, exact.
 */
static uint32_t perm[CHASE_MAX];
uintptr_t chase_at;

static const uint32_t default_footprints[] = {
	0x4000, 0x10000, 0x40000, 0x100000, 0x400000, 0x1000000, 0x4000000, 0x10000000,
};

unsigned variants_footprints(const struct vb_params *p, struct bench_variant *out)
{
	const uint32_t *fp = p->footprints[0] ? p->footprints : default_footprints;
	unsigned max = p->footprints[0] ?
			       VB_PARAMS_MAX_FOOTPRINTS :
			       sizeof(default_footprints) / sizeof(default_footprints[0]);
	unsigned n = 0;

	for (unsigned i = 0; i < max && fp[i] && n < BENCH_MAX_VARIANTS; i++) {
		if (fp[i] < CHASE_PAGE || fp[i] / CHASE_PAGE > CHASE_MAX)
			guest_fail("footprint_outside_the_test_window", (int)i);
		out[n].key = "footprint";
		out[n].arg = fp[i] - fp[i] % CHASE_PAGE;
		fmt_u64(out[n].value, out[n].arg);
		n++;
	}
	return n;
}

static uint32_t xorshift32(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static uintptr_t slot(uint32_t page)
{
	return TEST_BASE + (uintptr_t)page * CHASE_PAGE + (page % (CHASE_PAGE / LINE)) * LINE;
}

/* "s1-4k_s2-4k": the leaves the chase's window is mapped with (natively stage 1 only). */
static void chase_mapping(char *buf, uint64_t s1, uint64_t s2)
{
	char *p = buf;

	*p++ = 's', *p++ = '1', *p++ = '-';
	xlat_size_name(p, s1);
	while (*p)
		p++;
	if (!s2)
		return;
	*p++ = '_', *p++ = 's', *p++ = '2', *p++ = '-';
	xlat_size_name(p, s2);
}

const char *prepare_tlb_miss_chase(struct bench_variant *v)
{
	uint32_t pages = (uint32_t)(v->arg / CHASE_PAGE), seed = 0x2545f491;

	for (uint32_t i = 0; i < pages; i++)
		perm[i] = i;
	for (uint32_t i = pages - 1; i > 0; i--) { /* Sattolo: one cycle through every page */
		uint32_t j = xorshift32(&seed) % i, t = perm[i];

		perm[i] = perm[j];
		perm[j] = t;
	}
	for (uint32_t i = 0; i < pages; i++)
		*(volatile uintptr_t *)slot(perm[i]) = slot(perm[(i + 1) % pages]);
	chase_at = slot(perm[0]);
	if (!v->fields[0].key) { /* the pages row: the configured mapping */
		v->fields[0].key = "chase_mapping";
		chase_mapping(v->fields[0].value, mmu_config()->mapping,
			      guest_s2_config() ? guest_s2_config()->mapping : 0);
	}
	return 0;
}

uint32_t bench_tlb_miss_chase(void)
{
	uintptr_t p = chase_at;
	reg_t t0 = sample_start();

	for (unsigned i = 0; i < CHASE_STEPS; i++)
		p = load(p);
	uint32_t dt = sample_stop(t0);

	chase_at = p;
	return dt;
}

/*
 * ---- tlb_miss_chase_blocks: the same chase over the same lines, with the
 * test window mapped by the largest block of each stage's granule (1 GiB,
 * 32 MiB, 512 MiB), so a few TLB entries cover every footprint:
 * chase(pages) - chase(blocks) is what translation adds. Stage 1 is the
 * guest's to re-map, stage 2 hyp-min's (HVC_WINDOW_BLOCKS); both
 * break-before-make, and finish_chase_blocks() puts the tables back.
 */
#define S1_SLOTS_MAX 512
static uint64_t s1_saved[S1_SLOTS_MAX];
static int s1_blocks;

static uint64_t *s1_window_slot(uint64_t block, unsigned i)
{
	const struct pt *pt = mmu_stage1();
	unsigned level = pt->geom.start_level;

	while (((uint64_t)1 << pt_level_shift(&pt->geom, level)) != block)
		level++;
	return pt_slot(pt, TEST_BASE + i * block, level);
}

/* Stage 1's test window with its largest block (on) or as built; returns the block size. */
static uint64_t s1_window_blocks(int on)
{
	uint64_t block = pt_window_block(&mmu_stage1()->geom, TEST_BASE, TEST_SIZE), *leaf;
	uint64_t attrs;
	unsigned n = block ? (unsigned)(TEST_SIZE / block) : 0;

	if (on == s1_blocks)
		return block;
	leaf = pt_leaf(mmu_stage1(), TEST_BASE);
	if (!n || n > S1_SLOTS_MAX || !leaf)
		guest_fail("chase_blocks_window", (int)n);
	attrs = *leaf & ~(0x0000fffffffff000ULL | PTE_NOT_BLOCK);
	for (unsigned i = 0; i < n; i++) {
		uint64_t *d = s1_window_slot(block, i);

		if (on)
			s1_saved[i] = *d;
		*d = 0;
		dcache_clean_inval_range((uintptr_t)d,
					 (uintptr_t)(d + 1)); /* nc walks read memory */
	}
	tlb_flush();
	for (unsigned i = 0; i < n; i++) {
		uint64_t *d = s1_window_slot(block, i);

		*d = on ? (TEST_BASE + i * block) | attrs | PTE_VALID : s1_saved[i];
		dcache_clean_inval_range((uintptr_t)d, (uintptr_t)(d + 1));
	}
	tlb_flush();
	s1_blocks = on;
	return block;
}

/* The leaf size stage 1's tables map va with. */
static uint64_t leaf_now(uintptr_t va)
{
	struct pt_walk w;

	if (pt_walk(mmu_stage1(), va, &w))
		guest_fail("chase_blocks_window_unmapped", 1);
	return (uint64_t)1 << pt_level_shift(&mmu_stage1()->geom, w.level);
}

/*
 * Can a stage map the window with a block? Not when it starts at its page
 * level, nor when the window is not a multiple of any block it allows.
 */
static int has_block(const struct xlat *x)
{
	return pt_window_block(&x->geom, TEST_BASE, TEST_SIZE) != 0;
}

const char *prepare_chase_blocks(struct bench_variant *v)
{
	uint64_t s1, s2 = 0;

	if (!has_block(mmu_config()) || (guest_s2_config() && !has_block(guest_s2_config())))
		return "no_block_maps_the_test_window_at_a_stage";
	s1_window_blocks(1);
	s1 = leaf_now(TEST_BASE); /* what the tables say now, not what was asked */

	if (guest_is_virt()) {
		s2 = hvc_call2(HVC_WINDOW_BLOCKS, 1, 0);
		if (s2 == (uint64_t)(reg_t)HVC_UNKNOWN)
			guest_fail("chase_blocks_stage_2", 1);
	}
	v->fields[0].key = "chase_mapping";
	chase_mapping(v->fields[0].value, s1, s2);
	return prepare_tlb_miss_chase(v);
}

void finish_chase_blocks(void)
{
	if (guest_is_virt() && hvc_call2(HVC_WINDOW_BLOCKS, 0, 0) == (reg_t)HVC_UNKNOWN)
		guest_fail("chase_blocks_stage_2", 0);
	s1_window_blocks(0);
}
