/*
 * Where things are in memory, from the target file (the build passes
 * TARGET_* from bench/targets/<name>.conf). Guest RAM is mapped at the same
 * address in both modes (IPA = PA), so native and virtualized runs use the
 * same physical pages.
 */
#ifndef VB_LAYOUT_H
#define VB_LAYOUT_H

#include <vb/params.h>

/*
 * hyp-min's code, data, stacks and tables, stage 2's among them: 4 KiB pages
 * over all of guest RAM (test window included) take about 4 MiB of tables.
 */
#define HYP_RESERVED 0x800000
#define GUEST_BASE   (TARGET_LOAD_ADDR + HYP_RESERVED)
#ifdef __ASSEMBLER__
#define RAM_END (TARGET_RAM_BASE + TARGET_RAM_SIZE)
#else /* unsigned: RAM ending at 2 GiB must not overflow an int */
#define RAM_END (TARGET_RAM_BASE + 0u + TARGET_RAM_SIZE)
#endif
#define PARAMS_ADDR (RAM_END - VB_PARAMS_OFFSET_FROM_RAM_END)
#define PAGE_SIZE   0x1000

/*
 * The test window: guest RAM that holds every byte the memory benchmarks
 * touch, mapped at both stages with the configured leaf size (a mapping
 * that does not divide the window is refused: board_check_mapping).
 * Everything else ("the main region") is mapped with pages of the configured
 * granule. The run parameters' page is the window's last; the benchmarks
 * stay out of its last TEST_KEEP_OUT bytes.
 */
/* unsigned: a window ending at 2 GiB must not overflow an int (RAM at 0) */
#define TEST_BASE     (TARGET_TEST_BASE + 0u)
#define TEST_SIZE     (TARGET_TEST_SIZE + 0u)
#define TEST_KEEP_OUT 0x200000

/*
 * The far window: one leaf (the configured mapping) at each stage, mapping
 * the last quarter of the stage's input space (xlat_far_base(): 3 GiB with
 * 32 bits) to the test window's first bytes: a top-level entry of its own at
 * both stages (RAM, devices and the test window lie below), so walk_cache's
 * `far` page shares no table below the root with the code, data, stacks or
 * the test window.
 */
#define FAR_BASE_32 0xc0000000u

/* Tells guest-min it was started by hyp-min (first argument register). */
#define HYP_BOOT_MAGIC 0x5642484d /* "VBHM" */

#ifndef __ASSEMBLER__
#include <vb/board.h>

_Static_assert(HYP_RESERVED == BOARD_HYP_RESERVED, "one size for hyp-min's part");

/*
 * The far window's first leaf lies above RAM; a configuration whose far leaf
 * would cover a device (1 GiB blocks where devices sit in the last GiB, as on
 * the ZCU102 and Pi 4) is refused at boot by the table builder.
 */
_Static_assert(RAM_END <= FAR_BASE_32, "the far window needs the last GiB of the 32-bit space");
#endif

#endif
