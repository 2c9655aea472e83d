/*
 * Long-descriptor translation tables (ARMv7 LPAE and ARMv8 VMSAv8-64 share
 * the format), built from regions: one builder for guest-min's stage 1,
 * hyp-min's own tables and stage 2. Plain C: it also builds on the host,
 * where tests walk its output.
 */
#ifndef VB_PGTABLE_H
#define VB_PGTABLE_H

#include <stddef.h>
#include <stdint.h>

#define PT_BIT(n) ((uint64_t)1 << (n))

/* Descriptor bits common to both stages */
#define PTE_VALID     PT_BIT(0)
#define PTE_NOT_BLOCK PT_BIT(1) /* table (levels 0-2) or page (level 3) */
#define PTE_SH_INNER  ((uint64_t)3 << 8)
#define PTE_AF	      PT_BIT(10)
#define PTE_XN	      PT_BIT(54)

/* Stage 1: memory type by MAIR index, access permissions */
#define PTE_S1_ATTRIDX(i) ((uint64_t)(i) << 2)
#define PTE_S1_AP_RW	  ((uint64_t)0 << 6) /* read/write at EL1 (EL2 regime: with AP[1]) */
#define PTE_S1_AP1	  ((uint64_t)1 << 6) /* EL0 access; RES1 in the EL2 regime */
#define PTE_S1_AP_RO	  ((uint64_t)2 << 6)
#define PTE_PXN		  PT_BIT(53)

#define MAIR_IDX_DEVICE	   0
#define MAIR_IDX_NORMAL_WB 1
#define MAIR_IDX_NORMAL_NC 2
/* Device-nGnRnE, Normal write-back read/write-allocate, Normal non-cacheable */
#define MAIR_VALUE 0x44ff00ULL

/* Stage 2: memory type and access permissions set directly */
#define PTE_S2_MEMATTR(x)	((uint64_t)(x) << 2)
#define S2_MEMATTR_DEVICE_nGnRE 0x1
#define S2_MEMATTR_NORMAL_WB	0xf
#define PTE_S2AP_R		PT_BIT(6)
#define PTE_S2AP_W		PT_BIT(7)

struct pt_geom {
	unsigned granule_shift; /* 12, 14 or 16: 4, 16 or 64 KiB */
	unsigned ia_bits;	/* input address size: VA (stage 1) or IPA (stage 2) */
	unsigned start_level;	/* first level a walk reads */
};

/* Tables come from one pool; base_pa is the pool's address as the walker sees it. */
struct pt_pool {
	uint8_t *base;
	uint64_t base_pa;
	size_t size;
	size_t used;
};

struct pt {
	struct pt_geom geom;
	struct pt_pool *pool;
	uint64_t *root;
	uint64_t root_pa;
};

enum pt_error {
	PT_OK = 0,
	PT_EGEOM = -1,	  /* geometry the architecture does not have */
	PT_ENOMEM = -2,	  /* pool exhausted */
	PT_EALIGN = -3,	  /* va, pa or size not a multiple of the leaf size */
	PT_ELEAF = -4,	  /* leaf size not a page or block size of this granule */
	PT_ERANGE = -5,	  /* beyond the input address size */
	PT_EOVERLAP = -6, /* already mapped */
};

unsigned pt_level_shift(const struct pt_geom *g, unsigned level);
/* The level a walk of ia_bits starts at with no concatenated tables. */
unsigned pt_natural_start(unsigned granule_shift, unsigned ia_bits);
/* Is leaf_size a page or block size this geometry can map? */
int pt_leaf_ok(const struct pt_geom *g, uint64_t leaf_size);
unsigned pt_entries(const struct pt_geom *g, unsigned level);

int pt_init(struct pt *pt, const struct pt_geom *g, struct pt_pool *pool);
/* Maps [va, va+size) to pa with leaves of leaf_size bytes; attrs go into every leaf. */
int pt_map(struct pt *pt, uint64_t va, uint64_t pa, uint64_t size, uint64_t leaf_size,
	   uint64_t attrs);

struct pt_walk {
	uint64_t pa;	   /* output address */
	uint64_t desc;	   /* leaf descriptor, or the invalid one that ended the walk */
	unsigned level;	   /* level of that descriptor */
	unsigned reads;	   /* descriptors read */
	uint64_t table[4]; /* address of each table read, in order (stage 1: IPAs to translate) */
	uint64_t desc_at
		[4]; /* address of each descriptor read: what a cold walk must not find cached */
};

/* Translates va through the tables in the pool: 0, or -1 on a translation fault. */
int pt_walk(const struct pt *pt, uint64_t va, struct pt_walk *out);

/*
 * Descriptor reads of a full two-stage walk: each of the s1_reads stage-1
 * descriptors sits in a table whose IPA stage 2 translates first
 * (s2_table_reads[i] reads), then stage 2 translates the output IPA
 * (s2_data_reads). n stage-1 and m stage-2 levels give (n+1)(m+1)-1.
 */
unsigned pt_two_stage_reads(unsigned s1_reads, const unsigned *s2_table_reads,
			    unsigned s2_data_reads);

/* The largest block (or page) size this geometry can map. */
uint64_t pt_largest_leaf(const struct pt_geom *g);
/*
 * The largest block (a leaf above page size) that maps [base, base + size)
 * exactly, both multiples of it; 0 if none does (a window smaller than, or not
 * aligned to, every block the geometry allows: boards with 512 MiB windows).
 */
uint64_t pt_window_block(const struct pt_geom *g, uint64_t base, uint64_t size);

/*
 * The descriptor slot at `level` on the way to va (a table or a leaf), to
 * replace a table by a block; NULL if a block or an invalid entry ends the
 * walk above that level.
 */
uint64_t *pt_slot(const struct pt *pt, uint64_t va, unsigned level);

/* The leaf descriptor (page or block) that maps va, to change its attributes; NULL if none. */
uint64_t *pt_leaf(const struct pt *pt, uint64_t va);

#endif
