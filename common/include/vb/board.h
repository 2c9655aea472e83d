/*
 * A board's memory map, as the target file gives it (docs/targets.md), and
 * the regions each translation regime maps from it. Plain C shared by the
 * images (which fill it from TARGET_*), the build's check (mk/board_check.c)
 * and vbench (harness/launch/target.c), so all three refuse the same
 * layouts with the same key named, and host tests walk the tables the images
 * would build.
 */
#ifndef VB_BOARD_H
#define VB_BOARD_H

#include <stdint.h>

/* hyp-min's code, data, stacks and tables from load_addr; guest-min follows. */
#define BOARD_HYP_RESERVED 0x800000ULL
#define BOARD_PAGE	   0x1000ULL

/* The GIC's frames; a frame of size 0 is absent. */
enum board_frame { BOARD_GICD, BOARD_GICC, BOARD_GICH, BOARD_GICV, BOARD_GICR, BOARD_NFRAMES };

struct board_frame_addr {
	uint64_t base, size;
};

struct vb_board {
	uint64_t ram_base, ram_size, load_addr, test_base, test_size;
	uint64_t uart_base, vdev_ipa;
	unsigned gic_version;
	struct board_frame_addr gic[BOARD_NFRAMES];
};

/*
 * What is wrong with a layout: the key at fault, the key it collides with
 * (or NULL) and a word saying how, all record-safe. ok is 0 for a good one.
 */
struct board_problem {
	int ok;
	const char *key, *other, *why;
};

/* Checks that hold whatever the translation configuration. */
struct board_problem board_check(const struct vb_board *b);
/* Checks for one granule (12, 14, 16): every mapped address aligned, GICV's pages exposing nothing else. */
struct board_problem board_check_granule(const struct vb_board *b, unsigned granule_shift);
/* Can the test window be mapped with leaves of `mapping` bytes? */
struct board_problem board_check_mapping(const struct vb_board *b, uint64_t mapping);

/* The value of a key board_check names ("gicv_base": the frame's base), for messages. */
uint64_t board_key_value(const struct vb_board *b, const char *key);

/* A region to map: input address, output address, size, leaf kind and memory kind. */
enum board_leaf { BOARD_LEAF_GRANULE, BOARD_LEAF_MAPPING, BOARD_LEAF_2M };
enum board_mem { BOARD_NORMAL, BOARD_DEVICE };
struct board_region {
	uint64_t in, out, size;
	enum board_leaf leaf;
	enum board_mem mem;
};

#define BOARD_MAX_REGIONS 12

/*
 * The regions of guest-min's stage 1 (VA = IPA), hyp-min's stage 2
 * (the guest's GICC address leads to GICV) and hyp-min's own EL2 tables, with
 * sizes rounded up to the granule (granule_shift) and absent parts left out.
 * Return the number written to out (at most BOARD_MAX_REGIONS).
 */
unsigned board_s1_regions(const struct vb_board *b, unsigned granule_shift,
			  struct board_region *out);
unsigned board_s2_regions(const struct vb_board *b, unsigned granule_shift,
			  struct board_region *out);
unsigned board_hyp_regions(const struct vb_board *b, struct board_region *out);

#ifdef TARGET_RAM_BASE
/* The target file's map, from the TARGET_* the build passes (mk/image.mk). */
#define TARGET_BOARD                                                                             \
	{                                                                                        \
		TARGET_RAM_BASE, TARGET_RAM_SIZE, TARGET_LOAD_ADDR, TARGET_TEST_BASE,            \
			TARGET_TEST_SIZE, TARGET_UART_BASE, TARGET_VDEV_IPA, TARGET_GIC_VERSION, \
		{                                                                                \
			{ TARGET_GICD_BASE, TARGET_GICD_SIZE },                                  \
				{ TARGET_GICC_BASE, TARGET_GICC_SIZE },                          \
				{ TARGET_GICH_BASE, TARGET_GICH_SIZE },                          \
				{ TARGET_GICV_BASE, TARGET_GICV_SIZE },                          \
			{                                                                        \
				TARGET_GICR_BASE, TARGET_GICR_SIZE                               \
			}                                                                        \
		}                                                                                \
	}
#endif

static inline uint64_t board_guest_base(const struct vb_board *b)
{
	return b->load_addr + BOARD_HYP_RESERVED;
}

#endif
