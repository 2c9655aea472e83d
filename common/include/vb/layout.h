/*
 * Where things are in memory, from the target file (the build passes
 * TARGET_* from bench/targets/<name>.conf). Guest RAM is mapped at the same
 * address in both modes (IPA = PA), so native and virtualized runs use the
 * same physical pages.
 */
#ifndef VB_LAYOUT_H
#define VB_LAYOUT_H

#include <vb/params.h>

#define HYP_RESERVED 0x200000 /* hyp-min's code, data, stacks and tables */
#define GUEST_BASE   (TARGET_RAM_BASE + HYP_RESERVED)
#define RAM_END	     (TARGET_RAM_BASE + TARGET_RAM_SIZE)
#define PARAMS_ADDR  (RAM_END - VB_PARAMS_OFFSET_FROM_RAM_END)
#define PAGE_SIZE    0x1000

/* Tells guest-min it was started by hyp-min (first argument register). */
#define HYP_BOOT_MAGIC 0x5642484d /* "VBHM" */

#endif
