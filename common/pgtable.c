/* Table builder and walker for the long-descriptor format; geometry is data. */
#include <string.h>
#include <vb/pgtable.h>

#define DESC_ADDR_MASK 0x0000fffffffff000ULL /* output address bits [47:12] */

static unsigned bits_per_level(const struct pt_geom *g)
{
	return g->granule_shift - 3;
}

unsigned pt_level_shift(const struct pt_geom *g, unsigned level)
{
	return g->granule_shift + (3 - level) * bits_per_level(g);
}

unsigned pt_entries(const struct pt_geom *g, unsigned level)
{
	if (level == g->start_level)
		return 1u << (g->ia_bits - pt_level_shift(g, level));
	return 1u << bits_per_level(g);
}

unsigned pt_natural_start(unsigned granule_shift, unsigned ia_bits)
{
	const struct pt_geom g = { granule_shift, ia_bits, 0 };
	unsigned level = 3;

	while (level > 0 && ia_bits > pt_level_shift(&g, level) + granule_shift - 3)
		level--;
	return level;
}

/* The start level may resolve more bits than a table holds: up to 16 concatenated tables. */
static int geom_valid(const struct pt_geom *g)
{
	if (g->granule_shift != 12 && g->granule_shift != 14 && g->granule_shift != 16)
		return 0;
	if (g->start_level > 3 || g->ia_bits > 48)
		return 0;
	unsigned shift = pt_level_shift(g, g->start_level);
	return g->ia_bits > shift && g->ia_bits - shift <= bits_per_level(g) + 4;
}

static uint64_t *pool_alloc(struct pt_pool *pool, size_t bytes, uint64_t *pa)
{
	/* aligned to its size as the walker sees it: a concatenated root may exceed the pool's */
	uint64_t at = (pool->base_pa + pool->used + bytes - 1) & ~(uint64_t)(bytes - 1);
	size_t start = (size_t)(at - pool->base_pa);

	if (start + bytes > pool->size)
		return NULL;
	pool->used = start + bytes;
	memset(pool->base + start, 0, bytes);
	*pa = pool->base_pa + start;
	return (uint64_t *)(pool->base + start);
}

static uint64_t *pool_ptr(const struct pt_pool *pool, uint64_t pa)
{
	if (pa < pool->base_pa || pa - pool->base_pa >= pool->size)
		return NULL;
	return (uint64_t *)(pool->base + (pa - pool->base_pa));
}

int pt_init(struct pt *pt, const struct pt_geom *g, struct pt_pool *pool)
{
	size_t granule = (size_t)1 << g->granule_shift;
	size_t bytes;

	if (!geom_valid(g))
		return PT_EGEOM;
	bytes = (size_t)pt_entries(g, g->start_level) * sizeof(uint64_t);
	if (bytes < granule)
		bytes = granule;
	pt->geom = *g;
	pt->pool = pool;
	pt->root = pool_alloc(pool, bytes, &pt->root_pa);
	return pt->root ? PT_OK : PT_ENOMEM;
}

/* Blocks exist at level 1 and 2 with 4 KiB granules, at level 2 with 16 and 64 KiB. */
static int leaf_level(const struct pt_geom *g, uint64_t leaf_size, unsigned *level)
{
	unsigned first_block = g->granule_shift == 12 ? 1 : 2;

	for (unsigned l = first_block; l <= 3; l++) {
		if (l >= g->start_level && PT_BIT(pt_level_shift(g, l)) == leaf_size) {
			*level = l;
			return PT_OK;
		}
	}
	return PT_ELEAF;
}

int pt_leaf_ok(const struct pt_geom *g, uint64_t leaf_size)
{
	unsigned level;

	return geom_valid(g) && leaf_level(g, leaf_size, &level) == PT_OK;
}

static unsigned index_at(const struct pt_geom *g, unsigned level, uint64_t va)
{
	return (va >> pt_level_shift(g, level)) & (pt_entries(g, level) - 1);
}

static int map_one(struct pt *pt, uint64_t va, uint64_t pa, unsigned leaf, uint64_t attrs)
{
	const struct pt_geom *g = &pt->geom;
	uint64_t *table = pt->root;

	for (unsigned l = g->start_level; l < leaf; l++) {
		uint64_t *d = &table[index_at(g, l, va)];

		if (!(*d & PTE_VALID)) {
			uint64_t next_pa;
			uint64_t *next =
				pool_alloc(pt->pool, (size_t)1 << g->granule_shift, &next_pa);

			if (!next)
				return PT_ENOMEM;
			*d = next_pa | PTE_NOT_BLOCK | PTE_VALID;
		} else if (!(*d & PTE_NOT_BLOCK)) {
			return PT_EOVERLAP; /* a block already covers it */
		}
		table = pool_ptr(pt->pool, *d & DESC_ADDR_MASK);
	}
	uint64_t *d = &table[index_at(g, leaf, va)];
	if (*d & PTE_VALID)
		return PT_EOVERLAP;
	*d = pa | attrs | (leaf == 3 ? PTE_NOT_BLOCK : 0) | PTE_VALID;
	return PT_OK;
}

int pt_map(struct pt *pt, uint64_t va, uint64_t pa, uint64_t size, uint64_t leaf_size,
	   uint64_t attrs)
{
	unsigned leaf;
	int err = leaf_level(&pt->geom, leaf_size, &leaf);

	if (err)
		return err;
	if ((va | pa | size) & (leaf_size - 1))
		return PT_EALIGN;
	if (va + size > PT_BIT(pt->geom.ia_bits) || va + size < va)
		return PT_ERANGE;
	for (uint64_t off = 0; off < size; off += leaf_size) {
		err = map_one(pt, va + off, pa + off, leaf, attrs);
		if (err)
			return err;
	}
	return PT_OK;
}

uint64_t pt_largest_leaf(const struct pt_geom *g)
{
	for (unsigned l = 0; l <= 3; l++)
		if (pt_leaf_ok(g, PT_BIT(pt_level_shift(g, l))))
			return PT_BIT(pt_level_shift(g, l));
	return 0;
}

uint64_t pt_window_block(const struct pt_geom *g, uint64_t base, uint64_t size)
{
	for (unsigned l = 0; l <= 3; l++) {
		uint64_t b = PT_BIT(pt_level_shift(g, l));

		if (b > PT_BIT(g->granule_shift) && pt_leaf_ok(g, b) && size && !(base % b) &&
		    !(size % b))
			return b;
	}
	return 0;
}

uint64_t *pt_slot(const struct pt *pt, uint64_t va, unsigned level)
{
	const struct pt_geom *g = &pt->geom;
	uint64_t *table = pt->root;

	if (va >= PT_BIT(g->ia_bits) || level < g->start_level || level > 3)
		return NULL;
	for (unsigned l = g->start_level; table; l++) {
		uint64_t *d = &table[index_at(g, l, va)];

		if (l == level)
			return d;
		if (!(*d & PTE_VALID) || !(*d & PTE_NOT_BLOCK))
			return NULL;
		table = pool_ptr(pt->pool, *d & DESC_ADDR_MASK);
	}
	return NULL;
}

uint64_t *pt_leaf(const struct pt *pt, uint64_t va)
{
	const struct pt_geom *g = &pt->geom;
	uint64_t *table = pt->root;

	if (va >= PT_BIT(g->ia_bits))
		return NULL;
	for (unsigned l = g->start_level; l <= 3 && table; l++) {
		uint64_t *d = &table[index_at(g, l, va)];

		if (!(*d & PTE_VALID))
			return NULL;
		if (l == 3 || !(*d & PTE_NOT_BLOCK))
			return d;
		table = pool_ptr(pt->pool, *d & DESC_ADDR_MASK);
	}
	return NULL;
}

int pt_walk(const struct pt *pt, uint64_t va, struct pt_walk *out)
{
	const struct pt_geom *g = &pt->geom;
	const uint64_t *table = pt->root;
	uint64_t table_pa = pt->root_pa;

	out->reads = 0;
	if (va >= PT_BIT(g->ia_bits))
		return -1;
	for (unsigned l = g->start_level; l <= 3; l++) {
		uint64_t d = table[index_at(g, l, va)];
		uint64_t offset_mask = PT_BIT(pt_level_shift(g, l)) - 1;

		out->desc_at[out->reads] = table_pa + index_at(g, l, va) * sizeof(uint64_t);
		out->table[out->reads++] = table_pa;
		out->desc = d;
		out->level = l;
		if (!(d & PTE_VALID) || (l == 3 && !(d & PTE_NOT_BLOCK)))
			return -1;
		if (l == 3 || !(d & PTE_NOT_BLOCK)) {
			out->pa = (d & DESC_ADDR_MASK & ~offset_mask) | (va & offset_mask);
			return 0;
		}
		table_pa = d & DESC_ADDR_MASK;
		table = pool_ptr(pt->pool, table_pa);
		if (!table)
			return -1;
	}
	return -1;
}

unsigned pt_two_stage_reads(unsigned s1_reads, const unsigned *s2_table_reads,
			    unsigned s2_data_reads)
{
	unsigned n = s2_data_reads;

	for (unsigned i = 0; i < s1_reads; i++)
		n += s2_table_reads[i] + 1;
	return n;
}
