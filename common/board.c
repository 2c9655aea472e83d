/* A board's memory map: checked once, the same way in the build, the images and vbench. */
#include <vb/board.h>

#define SZ_2M 0x200000ULL

static const char *const frame_key[BOARD_NFRAMES] = { "gicd_base", "gicc_base", "gich_base",
						      "gicv_base", "gicr_base" };

static const struct board_problem fine = { 1, 0, 0, 0 };

static struct board_problem problem(const char *key, const char *other, const char *why)
{
	struct board_problem p = { 0, key, other, why };

	return p;
}

static uint64_t round_up(uint64_t v, uint64_t g)
{
	return (v + g - 1) & ~(g - 1);
}

/* Disjoint [a, a+as) and [b, b+bs)? Empty ranges collide with nothing. */
static int overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return as && bs && a < b + bs && b < a + as;
}

/* Named address ranges, checked pairwise. */
struct named {
	const char *key;
	uint64_t base, size;
};

static struct board_problem disjoint(const struct named *r, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		for (unsigned j = i + 1; j < n; j++)
			if (overlap(r[i].base, r[i].size, r[j].base, r[j].size))
				return problem(r[j].key, r[i].key, "overlaps");
	return fine;
}

struct board_problem board_check(const struct vb_board *b)
{
	uint64_t ram_end = b->ram_base + b->ram_size, guest = board_guest_base(b);
	/* GICv2 needs all four frames (hyp-min injects through GICH); GICv3 GICD and GICR. */
	static const unsigned char need[2][BOARD_NFRAMES] = { { 1, 1, 1, 1, 0 },
							      { 1, 0, 0, 0, 1 } };
	struct named all[3 + BOARD_NFRAMES];
	unsigned n = 0;

	if (!b->ram_size || b->ram_base % SZ_2M || b->ram_size % SZ_2M)
		return problem("ram_base", 0, "ram_base_and_ram_size_must_be_2m_multiples");
	if (b->load_addr < b->ram_base || b->load_addr % 0x10000 || guest > ram_end)
		return problem("load_addr", 0, "must_be_64k_aligned_and_in_ram");
	if (b->test_base % SZ_2M || b->test_size % SZ_2M || !b->test_size)
		return problem("test_base", 0, "test_base_and_test_size_must_be_2m_multiples");
	if (b->test_base < guest || b->test_base + b->test_size > ram_end)
		return problem("test_base", 0, "test_window_not_in_ram_after_load_addr_plus_8m");
	if (b->gic_version != 2 && b->gic_version != 3)
		return problem("gic_version", 0, "not_2_or_3");
	for (unsigned f = 0; f < BOARD_NFRAMES; f++) {
		const struct board_frame_addr *a = &b->gic[f];

		if (need[b->gic_version - 2][f] && !a->size)
			return problem(frame_key[f], 0, "missing_for_this_gic_version");
		if (a->base % BOARD_PAGE || a->size % BOARD_PAGE)
			return problem(frame_key[f], 0, "base_or_size_not_4k_aligned");
		if (a->size)
			all[n++] = (struct named){ frame_key[f], a->base, a->size };
	}
	if (b->gic_version == 2 && b->gic[BOARD_GICV].size > b->gic[BOARD_GICC].size)
		return problem("gicv_base", 0, "gicv_size_larger_than_gicc_size");
	if (b->uart_base % BOARD_PAGE)
		return problem("uart_base", 0, "not_4k_aligned");
	if (b->vdev_ipa % BOARD_PAGE)
		return problem("vdev_ipa", 0, "not_4k_aligned");
	all[n++] = (struct named){ "ram_base", b->ram_base, b->ram_size };
	all[n++] = (struct named){ "uart_base", b->uart_base, BOARD_PAGE };
	all[n++] = (struct named){ "vdev_ipa", b->vdev_ipa, BOARD_PAGE };
	return disjoint(all, n);
}

struct board_problem board_check_granule(const struct vb_board *b, unsigned granule_shift)
{
	/* GICV first: the frame a wrong mapping would hand the guest */
	static const unsigned order[] = { BOARD_GICV, BOARD_GICC, BOARD_GICD, BOARD_GICR };
	const struct board_frame_addr *v = &b->gic[BOARD_GICV];
	uint64_t g = (uint64_t)1 << granule_shift;
	struct named in[4 + BOARD_NFRAMES];
	unsigned n = 0;
	struct board_problem p = board_check(b);

	if (!p.ok)
		return p;
	for (unsigned i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (b->gic[order[i]].size && b->gic[order[i]].base % g)
			return problem(frame_key[order[i]], 0, "not_aligned_to_granule");
	/*
	 * Stage 2 hands real frames to the guest: GICV's pages, rounded up to
	 * the granule, must hold nothing else (GICH above all).
	 */
	if (v->size) {
		for (unsigned f = 0; f < BOARD_NFRAMES; f++)
			if (f != BOARD_GICV &&
			    overlap(v->base, round_up(v->size, g), b->gic[f].base, b->gic[f].size))
				return problem("gicv_base", frame_key[f],
					       "rounded_to_the_granule_exposes");
		if (overlap(v->base, round_up(v->size, g), b->uart_base, BOARD_PAGE))
			return problem("gicv_base", "uart_base", "rounded_to_the_granule_exposes");
	}
	if (board_guest_base(b) % g)
		return problem("load_addr", 0, "guest_ram_start_not_aligned_to_granule");
	if (b->ram_base % g)
		return problem("ram_base", 0, "not_aligned_to_granule");
	if (b->uart_base % g)
		return problem("uart_base", 0, "not_aligned_to_granule");
	if (b->vdev_ipa % g)
		return problem("vdev_ipa", 0, "not_aligned_to_granule");
	/* What either stage maps, rounded: disjoint, or a page would be mapped twice. */
	in[n++] = (struct named){ "ram_base", b->ram_base, b->ram_size };
	in[n++] = (struct named){ "uart_base", b->uart_base, g };
	in[n++] = (struct named){ "vdev_ipa", b->vdev_ipa, g };
	for (unsigned f = 0; f < BOARD_NFRAMES; f++)
		if (f != BOARD_GICH && f != BOARD_GICV)
			in[n++] = (struct named){ frame_key[f], b->gic[f].base,
						  round_up(b->gic[f].size, g) };
	return disjoint(in, n);
}

struct board_problem board_check_mapping(const struct vb_board *b, uint64_t mapping)
{
	if (!mapping || b->test_base % mapping || b->test_size % mapping)
		return problem("test_base", 0,
			       "test_base_and_test_size_not_multiples_of_the_mapping");
	return fine;
}

static unsigned add(struct board_region *out, unsigned n, uint64_t in, uint64_t outa, uint64_t size,
		    enum board_leaf leaf, enum board_mem mem)
{
	if (size)
		out[n++] = (struct board_region){ in, outa, size, leaf, mem };
	return n;
}

/* Guest RAM from `from`: the rest with pages, the test window with the configured leaves. */
static unsigned add_ram(const struct vb_board *b, uint64_t from, struct board_region *out,
			unsigned n)
{
	uint64_t ram_end = b->ram_base + b->ram_size, test_end = b->test_base + b->test_size;

	n = add(out, n, from, from, b->test_base - from, BOARD_LEAF_GRANULE, BOARD_NORMAL);
	n = add(out, n, b->test_base, b->test_base, b->test_size, BOARD_LEAF_MAPPING, BOARD_NORMAL);
	return add(out, n, test_end, test_end, ram_end > test_end ? ram_end - test_end : 0,
		   BOARD_LEAF_GRANULE, BOARD_NORMAL);
}

/* A device: its pages, rounded out to the granule. */
static unsigned add_dev(struct board_region *out, unsigned n, uint64_t in, uint64_t pa,
			uint64_t size, uint64_t g)
{
	return add(out, n, in, pa, round_up(size, g), BOARD_LEAF_GRANULE, BOARD_DEVICE);
}

/*
 * The whole RAM, hyp-min's part included (a guest believes the machine's RAM
 * is its own; under hyp-min stage 2 decides), the UART, hyp-min's emulated
 * device and the GIC parts the guest programs.
 */
unsigned board_s1_regions(const struct vb_board *b, unsigned granule_shift,
			  struct board_region *out)
{
	uint64_t g = (uint64_t)1 << granule_shift;
	unsigned n = add_ram(b, b->ram_base, out, 0);

	n = add_dev(out, n, b->uart_base, b->uart_base, BOARD_PAGE, g);
	n = add_dev(out, n, b->vdev_ipa, b->vdev_ipa, BOARD_PAGE, g);
	n = add_dev(out, n, b->gic[BOARD_GICD].base, b->gic[BOARD_GICD].base,
		    b->gic[BOARD_GICD].size, g);
	n = add_dev(out, n, b->gic[BOARD_GICC].base, b->gic[BOARD_GICC].base,
		    b->gic[BOARD_GICC].size, g);
	return add_dev(out, n, b->gic[BOARD_GICR].base, b->gic[BOARD_GICR].base,
		       b->gic[BOARD_GICR].size, g);
}

/*
 * Guest RAM from guest-min's start (hyp-min's part stays unmapped) and, on
 * GICv2, the guest's GICC address backed by GICV. The distributor is not
 * mapped: guest-min never touches it under hyp-min. Nor is the UART: every
 * console access traps and hyp-min writes the byte (docs/security.md).
 */
unsigned board_s2_regions(const struct vb_board *b, unsigned granule_shift,
			  struct board_region *out)
{
	uint64_t g = (uint64_t)1 << granule_shift;
	unsigned n = add_ram(b, board_guest_base(b), out, 0);

	return add_dev(out, n, b->gic[BOARD_GICC].base, b->gic[BOARD_GICV].base,
		       b->gic[BOARD_GICV].size, g);
}

/* hyp-min's EL2 tables: all RAM in 2 MiB blocks, every device it or the guest touches in pages. */
unsigned board_hyp_regions(const struct vb_board *b, struct board_region *out)
{
	unsigned n =
		add(out, 0, b->ram_base, b->ram_base, b->ram_size, BOARD_LEAF_2M, BOARD_NORMAL);

	n = add_dev(out, n, b->uart_base, b->uart_base, BOARD_PAGE, BOARD_PAGE);
	for (unsigned f = 0; f < BOARD_NFRAMES; f++)
		n = add_dev(out, n, b->gic[f].base, b->gic[f].base, b->gic[f].size, BOARD_PAGE);
	return n;
}

static int same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

uint64_t board_key_value(const struct vb_board *b, const char *key)
{
	for (unsigned f = 0; f < BOARD_NFRAMES; f++)
		if (same(key, frame_key[f]))
			return b->gic[f].base;
	return same(key, "ram_base")	? b->ram_base :
	       same(key, "ram_size")	? b->ram_size :
	       same(key, "load_addr")	? b->load_addr :
	       same(key, "test_base")	? b->test_base :
	       same(key, "test_size")	? b->test_size :
	       same(key, "uart_base")	? b->uart_base :
	       same(key, "vdev_ipa")	? b->vdev_ipa :
	       same(key, "gic_version") ? b->gic_version :
					  0;
}
