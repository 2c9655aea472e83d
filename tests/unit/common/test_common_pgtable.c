/*
 * common/pgtable.c on the host: build tables, then walk them and check every
 * answer the hardware's walker would give (output address, level, reads).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include <vb/pgtable.h>

#define POOL_PA 0x80000000ULL /* where the walker believes the tables are */
#define ATTRS	(PTE_S1_ATTRIDX(MAIR_IDX_NORMAL_WB) | PTE_SH_INNER | PTE_AF)

struct fixture {
	struct pt_pool pool;
	struct pt pt;
};

static struct fixture *fixture_new(unsigned granule_shift, unsigned ia_bits, unsigned start,
				   size_t pool_bytes)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const struct pt_geom g = { granule_shift, ia_bits, start };

	/* C11: the size must be a multiple of the alignment (ASan enforces it) */
	f->pool.base = aligned_alloc(1 << 16, (pool_bytes + 0xffff) & ~(size_t)0xffff);
	f->pool.base_pa = POOL_PA;
	f->pool.size = pool_bytes;
	assert_int_equal(pt_init(&f->pt, &g, &f->pool), PT_OK);
	return f;
}

static void fixture_free(struct fixture *f)
{
	free(f->pool.base);
	free(f);
}

static void expect_walk(struct fixture *f, uint64_t va, uint64_t pa, unsigned level, unsigned reads)
{
	struct pt_walk w;

	assert_int_equal(pt_walk(&f->pt, va, &w), 0);
	assert_int_equal(w.pa, pa);
	assert_int_equal(w.level, level);
	assert_int_equal(w.reads, reads);
	assert_int_equal(w.desc & ATTRS, ATTRS);
}

static void expect_fault(struct fixture *f, uint64_t va)
{
	struct pt_walk w;

	assert_int_equal(pt_walk(&f->pt, va, &w), -1);
}

/* 4 KiB pages over a region: every page translates, its neighbours do not. */
static void test_4k_pages(void **state)
{
	(void)state;
	struct fixture *f = fixture_new(12, 32, 1, 1 << 20);
	const uint64_t va = 0x40200000, pa = 0x90000000, size = 0x00400000;

	assert_int_equal(pt_map(&f->pt, va, pa, size, 0x1000, ATTRS), PT_OK);
	for (uint64_t off = 0; off < size; off += 0x1000 + 0x123)
		expect_walk(f, va + off, pa + off, 3, 3);
	expect_walk(f, va, pa, 3, 3);
	expect_walk(f, va + size - 1, pa + size - 1, 3, 3);
	expect_fault(f, va - 1);
	expect_fault(f, va + size);
	expect_fault(f, 0);
	fixture_free(f);
}

/* Blocks end the walk early: 2 MiB at level 2 (2 reads), 1 GiB at level 1 (1 read). */
static void test_4k_blocks(void **state)
{
	(void)state;
	struct fixture *f = fixture_new(12, 32, 1, 1 << 20);

	assert_int_equal(pt_map(&f->pt, 0x40000000, 0x40000000, 0x400000, 0x200000, ATTRS), PT_OK);
	assert_int_equal(pt_map(&f->pt, 0x80000000, 0xc0000000, 0x40000000, 0x40000000, ATTRS),
			 PT_OK);
	expect_walk(f, 0x40000000, 0x40000000, 2, 2);
	expect_walk(f, 0x403fffff, 0x403fffff, 2, 2);
	expect_walk(f, 0x80000000, 0xc0000000, 1, 1);
	expect_walk(f, 0xbfffffff, 0xffffffff, 1, 1);
	expect_fault(f, 0x40400000);
	fixture_free(f);
}

/* 16 KiB and 64 KiB granules: page and block sizes follow from the geometry. */
static void test_16k_64k_granules(void **state)
{
	(void)state;
	struct fixture *f16 = fixture_new(14, 40, 1, 1 << 20); /* level 1: 16 entries */
	struct fixture *f64 = fixture_new(16, 42, 2, 4 << 20);

	assert_int_equal(pt_map(&f16->pt, 0x40000000, 0x40000000, 0x100000, 0x4000, ATTRS), PT_OK);
	assert_int_equal(pt_map(&f16->pt, 0x42000000, 0x42000000, 0x2000000, 0x2000000, ATTRS),
			 PT_OK);
	expect_walk(f16, 0x40004321, 0x40004321, 3, 3);
	expect_walk(f16, 0x43000000, 0x43000000, 2, 2);
	assert_int_equal(pt_map(&f64->pt, 0x40000000, 0x40000000, 0x100000, 0x10000, ATTRS), PT_OK);
	assert_int_equal(pt_map(&f64->pt, 0x60000000, 0x60000000, 0x20000000, 0x20000000, ATTRS),
			 PT_OK);
	expect_walk(f64, 0x400fffff, 0x400fffff, 3, 2);
	expect_walk(f64, 0x7fffffff, 0x7fffffff, 2, 1);
	expect_fault(f64, 0x40100000);
	fixture_free(f16);
	fixture_free(f64);
}

/* A 40-bit IPA starting at level 1 needs two concatenated level-1 tables (stage 2). */
static void test_concatenated_root(void **state)
{
	(void)state;
	struct fixture *f = fixture_new(12, 40, 1, 1 << 20);

	assert_int_equal(pt_entries(&f->pt.geom, 1), 1024);
	assert_int_equal(f->pt.root_pa % 0x2000, 0); /* aligned to its 8 KiB */
	assert_int_equal(pt_map(&f->pt, 0x8000000000ULL - 0x1000, 0x1000, 0x1000, 0x1000, ATTRS),
			 PT_OK);
	expect_walk(f, 0x8000000000ULL - 0x1000, 0x1000, 3, 3);
	fixture_free(f);
}

/* pt_leaf finds the descriptor a walk ends on, so attributes can be changed in place. */
static void test_leaf_lookup(void **state)
{
	(void)state;
	struct fixture *f = fixture_new(12, 32, 1, 1 << 20);
	struct pt_walk w;

	assert_int_equal(pt_map(&f->pt, 0x40000000, 0x40000000, 0x2000, 0x1000, ATTRS), PT_OK);
	assert_int_equal(pt_map(&f->pt, 0x40200000, 0x40200000, 0x200000, 0x200000, ATTRS), PT_OK);
	uint64_t *page = pt_leaf(&f->pt, 0x40001234), *block = pt_leaf(&f->pt, 0x40300000);
	assert_non_null(page);
	assert_non_null(block);
	assert_ptr_not_equal(page, pt_leaf(&f->pt, 0x40000000)); /* the neighbouring page */
	assert_null(pt_leaf(&f->pt, 0x40002000));
	assert_null(pt_leaf(&f->pt, 0x1ffffffffULL));
	*page &= ~PTE_VALID; /* what the walker sees changes with it */
	assert_int_equal(pt_walk(&f->pt, 0x40001234, &w), -1);
	assert_int_equal(pt_walk(&f->pt, 0x40000234, &w), 0);
	assert_int_equal(*block & PTE_NOT_BLOCK, 0);
	fixture_free(f);
}

/*
 * Every geometry the configurations use (common/xlat.c): each granule with
 * each of its page and block sizes, at its natural start level and, where
 * stage 2 has one, the concatenated one. A 1 GiB window (as the images' test
 * window) and a page-mapped neighbour region; many addresses inside, at the
 * edges and outside, each checked against the expected level and reads.
 */
struct geom_case {
	unsigned shift, start;
	uint64_t leaf;
	unsigned leaf_level, reads, concatenated;
};

static const struct geom_case geom_cases[] = {
	{ 12, 1, 0x1000, 3, 3, 1 },    { 12, 1, 0x200000, 2, 2, 1 }, { 12, 1, 0x40000000, 1, 1, 1 },
	{ 12, 2, 0x1000, 3, 2, 4 },    { 12, 2, 0x200000, 2, 1, 4 }, { 14, 2, 0x4000, 3, 2, 1 },
	{ 14, 2, 0x2000000, 2, 1, 1 }, { 16, 2, 0x10000, 3, 2, 1 },  { 16, 2, 0x20000000, 2, 1, 1 },
	{ 16, 3, 0x10000, 3, 1, 8 },
};

static void test_every_geometry(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(geom_cases) / sizeof(geom_cases[0]); i++) {
		const struct geom_case *c = &geom_cases[i];
		struct fixture *f = fixture_new(c->shift, 32, c->start, 8 << 20);
		const uint64_t win = 0x80000000, size = 0x40000000, pa = 0x1c0000000ULL;
		const uint64_t page = 1ULL << c->shift, main = 0x40000000;
		unsigned page_reads = 4 - c->start;

		uint64_t root_bytes = pt_entries(&f->pt.geom, c->start) * 8;

		if (c->concatenated > 1) /* several tables side by side, aligned to all of them */
			assert_int_equal(root_bytes, c->concatenated * page);
		assert_int_equal(f->pt.root_pa % (root_bytes > page ? root_bytes : page), 0);
		assert_int_equal(pt_map(&f->pt, win, pa, size, c->leaf, ATTRS), PT_OK);
		assert_int_equal(pt_map(&f->pt, main, main, 0x4000000, page, ATTRS), PT_OK);
		for (uint64_t off = 0; off < size; off += size / 61 + 0x1234) {
			uint64_t va = win + off;

			expect_walk(f, va, pa + off, c->leaf_level, c->reads);
		}
		expect_walk(f, win, pa, c->leaf_level, c->reads);
		expect_walk(f, win + size - 1, pa + size - 1, c->leaf_level, c->reads);
		expect_walk(f, main + page - 1, main + page - 1, 3, page_reads);
		expect_walk(f, main + 0x4000000 - 1, main + 0x4000000 - 1, 3, page_reads);
		expect_fault(f, main + 0x4000000);
		expect_fault(f, main - 1);
		expect_fault(f, win + size);
		expect_fault(f, 0x100000000ULL);
		fixture_free(f);
	}
}

/* What the walk reads is what desc_reads counts: (n+1)(m+1)-1 without blocks. */
static void test_two_stage_reads(void **state)
{
	const unsigned three[4] = { 3, 3, 3, 0 }, four[4] = { 4, 4, 4, 4 }, two[4] = { 2, 2, 0, 0 };
	const unsigned mixed[4] = { 1, 3, 2, 0 };

	(void)state;
	assert_int_equal(pt_two_stage_reads(4, four, 4), 24);  /* 4+4 levels */
	assert_int_equal(pt_two_stage_reads(3, three, 3), 15); /* ARMv7 LPAE, 3+3 */
	assert_int_equal(pt_two_stage_reads(2, two, 2), 8);    /* 2+2 */
	assert_int_equal(pt_two_stage_reads(1, two, 1), 4);    /* 1 GiB at stage 1 */
	assert_int_equal(pt_two_stage_reads(3, three, 0), 12); /* native-like: no stage 2 */
	assert_int_equal(pt_two_stage_reads(3, mixed, 1), 10); /* per-table counts differ */
	assert_int_equal(pt_two_stage_reads(0, three, 3), 3);
}

/* The walker reports the table each descriptor came from: stage 1's IPAs to translate. */
/* A window mapped with pages can be re-pointed at one block: the slot above its tables. */
static void test_slot_and_largest_leaf(void **state)
{
	(void)state;
	struct fixture *f = fixture_new(12, 32, 1, 1 << 20);
	const struct pt_geom g64 = { 16, 32, 2 }, g16 = { 14, 32, 2 }, g4l2 = { 12, 32, 2 };
	struct pt_walk w;
	uint64_t *slot;

	assert_int_equal(pt_largest_leaf(&f->pt.geom), 0x40000000);
	assert_int_equal(pt_largest_leaf(&g64), 0x20000000);
	assert_int_equal(pt_largest_leaf(&g16), 0x2000000);
	assert_int_equal(pt_largest_leaf(&g4l2), 0x200000); /* level-2 start: no 1 GiB block */
	assert_int_equal(pt_map(&f->pt, 0x80000000, 0x80000000, 0x2000, 0x1000, ATTRS), PT_OK);
	slot = pt_slot(&f->pt, 0x80001000, 1);
	assert_non_null(slot);
	assert_true(*slot & PTE_NOT_BLOCK); /* a table today */
	assert_ptr_equal(pt_slot(&f->pt, 0x80001000, 3), pt_leaf(&f->pt, 0x80001000));
	*slot = 0x80000000 | ATTRS | PTE_VALID; /* a 1 GiB block instead */
	assert_int_equal(pt_walk(&f->pt, 0x80001000, &w), 0);
	assert_int_equal(w.reads, 1);
	assert_int_equal(w.pa, 0x80001000);
	assert_null(pt_slot(&f->pt, 0x80001000, 2)); /* the block ends the walk */
	assert_null(pt_slot(&f->pt, 0x80001000, 0)); /* above the start level */
	fixture_free(f);
}

static void test_walk_tables(void **state)
{
	(void)state;
	struct fixture *f = fixture_new(12, 32, 1, 1 << 20);
	struct pt_walk w;

	assert_int_equal(pt_map(&f->pt, 0x40000000, 0x40000000, 0x1000, 0x1000, ATTRS), PT_OK);
	assert_int_equal(pt_walk(&f->pt, 0x40000000, &w), 0);
	assert_int_equal(w.reads, 3);
	assert_int_equal(w.table[0], f->pt.root_pa);
	assert_int_equal(w.table[1], POOL_PA + 0x1000);
	assert_int_equal(w.table[2], POOL_PA + 0x2000);
	/* and each descriptor's address: index 1 at level 1, 0 at level 2, 0 at level 3 */
	assert_int_equal(w.desc_at[0], f->pt.root_pa + 8);
	assert_int_equal(w.desc_at[1], POOL_PA + 0x1000);
	assert_int_equal(pt_map(&f->pt, 0x40203000, 0x40203000, 0x1000, 0x1000, ATTRS), PT_OK);
	assert_int_equal(pt_walk(&f->pt, 0x40203000, &w), 0);
	assert_int_equal(w.desc_at[1], POOL_PA + 0x1000 + 8); /* level 2 index 1 */
	assert_int_equal(w.desc_at[2], w.table[2] + 3 * 8);   /* level 3 index 3 */
	assert_int_equal(pt_natural_start(12, 32), 1);
	assert_int_equal(pt_natural_start(14, 32), 2);
	assert_int_equal(pt_natural_start(16, 32), 2);
	assert_int_equal(pt_natural_start(12, 48), 0);
	assert_int_equal(pt_natural_start(16, 42), 2);
	fixture_free(f);
}

static void test_errors(void **state)
{
	(void)state;
	struct fixture *f = fixture_new(12, 32, 1, 4 * 4096);
	struct pt other;
	const struct pt_geom bad_start = { 12, 32, 0 }, too_wide = { 12, 48, 1 },
			     bad_granule = { 13, 32, 1 };

	assert_int_equal(pt_map(&f->pt, 0x1000, 0x1000, 0x1000, 0x3000, ATTRS), PT_ELEAF);
	assert_int_equal(pt_map(&f->pt, 0x1800, 0x1000, 0x1000, 0x1000, ATTRS), PT_EALIGN);
	assert_int_equal(pt_map(&f->pt, 0x200000, 0x1000, 0x200000, 0x200000, ATTRS), PT_EALIGN);
	assert_int_equal(pt_map(&f->pt, 0xfffff000, 0, 0x2000, 0x1000, ATTRS), PT_ERANGE);
	assert_int_equal(pt_map(&f->pt, 0x1000, 0x1000, 0x1000, 0x1000, ATTRS), PT_OK);
	assert_int_equal(pt_map(&f->pt, 0x1000, 0x5000, 0x1000, 0x1000, ATTRS), PT_EOVERLAP);
	assert_int_equal(pt_map(&f->pt, 0x200000, 0x200000, 0x200000, 0x200000, ATTRS), PT_OK);
	assert_int_equal(pt_map(&f->pt, 0x201000, 0x1000, 0x1000, 0x1000, ATTRS), PT_EOVERLAP);
	/* root + level 2 + level 3 used: one more level-3 table fits, a second does not */
	assert_int_equal(pt_map(&f->pt, 0x400000, 0x1000, 0x1000, 0x1000, ATTRS), PT_OK);
	assert_int_equal(pt_map(&f->pt, 0x40000000, 0x1000, 0x1000, 0x1000, ATTRS), PT_ENOMEM);
	assert_int_equal(pt_init(&other, &bad_start, &f->pool), PT_EGEOM);
	assert_int_equal(pt_init(&other, &too_wide, &f->pool), PT_EGEOM);
	assert_int_equal(pt_init(&other, &bad_granule, &f->pool), PT_EGEOM);
	fixture_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_4k_pages),
		cmocka_unit_test(test_4k_blocks),
		cmocka_unit_test(test_16k_64k_granules),
		cmocka_unit_test(test_concatenated_root),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_leaf_lookup),
		cmocka_unit_test(test_every_geometry),
		cmocka_unit_test(test_two_stage_reads),
		cmocka_unit_test(test_walk_tables),
		cmocka_unit_test(test_slot_and_largest_leaf),
	};

	return cmocka_run_group_tests_name("pgtable", tests, NULL, NULL);
}
