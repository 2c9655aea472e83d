/* Run parameters: written by the harness, read by hyp-min and guest-min. */
#ifndef VB_PARAMS_H
#define VB_PARAMS_H

#define VB_PARAMS_MAGIC		      0x31504256u /* "VBP1" little-endian */
#define VB_PARAMS_OFFSET_FROM_RAM_END 0x1000

/* flags */
#define VB_PARAM_RAW_SAMPLES   (1u << 0) /* emit `samples` records */
#define VB_PARAM_DETERMINISTIC (1u << 1) /* QEMU runs with -icount shift=0 */

#define VB_PARAMS_ONLY_LEN 256

/* hyp-min's world-switch policy (docs/design.md) */
#define VB_POLICY_LEAN 0 /* save only what the handler uses: the hardware floor */
#define VB_POLICY_FULL 1 /* save and restore the whole EL1 context, as a type-2 hypervisor */

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Little-endian, no padding: both images and the host share this layout. */
struct vb_params {
	uint32_t magic;
	uint32_t size;	  /* sizeof(struct vb_params) */
	uint32_t flags;	  /* VB_PARAM_* */
	uint32_t samples; /* kept samples per benchmark, 0: default */
	uint32_t warmup;  /* dropped samples before them, 0: default */
	uint32_t policy;  /* hyp-min's exit path: VB_POLICY_* */
	uint32_t reserved[2];
	char only[VB_PARAMS_ONLY_LEN]; /* comma-separated bench names, "": default set */
	uint32_t crc;		       /* CRC-32 of every byte before this field */
};

_Static_assert(sizeof(struct vb_params) == 32 + VB_PARAMS_ONLY_LEN + 4, "vb_params layout");

/* The block at `addr` if it is valid, else the defaults (all zero). */
const struct vb_params *params_get(uintptr_t addr);
#endif

#endif
