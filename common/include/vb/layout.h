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
#define GUEST_BASE   (TARGET_RAM_BASE + HYP_RESERVED)
#define RAM_END	     (TARGET_RAM_BASE + TARGET_RAM_SIZE)
#define PARAMS_ADDR  (RAM_END - VB_PARAMS_OFFSET_FROM_RAM_END)
#define PAGE_SIZE    0x1000

/*
 * The test window: guest RAM that holds every byte the memory benchmarks
 * touch, mapped at both stages with the configured leaf size (up to 1 GiB
 * blocks, so aligned to 1 GiB). Everything else ("the main region") is
 * mapped with pages of the configured granule. The run parameters' page is
 * the window's last; the benchmarks stay out of its last TEST_KEEP_OUT bytes.
 */
#define TEST_BASE     TARGET_TEST_BASE
#define TEST_SIZE     TARGET_TEST_SIZE
#define TEST_KEEP_OUT 0x200000
#define MAX_BLOCK     0x40000000 /* 1 GiB: the largest block at either stage */

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
_Static_assert(TEST_BASE % MAX_BLOCK == 0 && TEST_SIZE % MAX_BLOCK == 0,
	       "test_base and test_size must be multiples of 1 GiB (the largest block)");
_Static_assert(TEST_BASE >= GUEST_BASE &&
		       TEST_BASE - TARGET_RAM_BASE + TEST_SIZE <= TARGET_RAM_SIZE,
	       "the test window must lie in the guest's RAM");
_Static_assert(RAM_END <= FAR_BASE_32 && TARGET_UART_BASE < TARGET_RAM_BASE,
	       "the far window needs the last GiB of the 32-bit space to itself");
#endif

#endif
