/* Run parameters: written by the harness, read by hyp-min and guest-min. */
#ifndef VB_PARAMS_H
#define VB_PARAMS_H

#define VB_PARAMS_MAGIC		      0x31504256u /* "VBP1" little-endian */
#define VB_PARAMS_OFFSET_FROM_RAM_END 0x1000

/* flags */
#define VB_PARAM_RAW_SAMPLES   (1u << 0) /* emit `samples` records */
#define VB_PARAM_DETERMINISTIC (1u << 1) /* QEMU runs with -icount shift=0 */
#define VB_PARAM_EMULATED \
	(1u << 2)	       /* vbench started QEMU: emulated, whatever the target file says */
#define VB_PARAM_KVM (1u << 3) /* guest-min runs under Linux KVM (vbench-vmm): kvm mode */
/*
 * After the end record the images tear their tables down and go back to the
 * handshake for the next configuration's block (a suite in one boot,
 * docs/suites.md) instead of halting.
 */
#define VB_PARAM_NEXT (1u << 4)
/*
 * guest-min times native and hyp-min rows with kvm mode's CNTVCT bracket and
 * its sample functions (`vbench run --clock ticks`, microbench/kvm.h), so
 * they share KVM's units: its rows' ratio to native (docs/kvm.md).
 */
#define VB_PARAM_TICKS (1u << 5)

#define VB_PARAMS_ONLY_LEN 256

/* hyp-min's world-switch policy (docs/design.md) */
#define VB_POLICY_LEAN 0 /* save only what the handler uses: the hardware floor */
#define VB_POLICY_FULL 1 /* save and restore the whole EL1 context, as a type-2 hypervisor */

/* Walk attributes of a stage (TCR/TTBCR/VTCR IRGN, ORGN, SH) */
#define VB_WALK_DEFAULT 0 /* write-back */
#define VB_WALK_WB	1 /* walks Normal inner/outer write-back, inner shareable */
#define VB_WALK_NC	2 /* walks Normal non-cacheable: every descriptor read goes to memory */

#define VB_PARAMS_MAX_FOOTPRINTS 16

/* The most samples the images keep per benchmark (microbench/bench.h's BENCH_MAX_SAMPLES). */
#define VB_PARAMS_MAX_SAMPLES 4096

#ifndef __ASSEMBLER__
#include <stdint.h>

/*
 * One translation stage's configuration (docs/design.md, "Configurations").
 * Zero in any field means today's default: 4 KiB granule, the granule as
 * mapping, the granule's natural start level, write-back walks.
 */
struct vb_stage_cfg {
	uint32_t granule;     /* bytes: 4096, 16384 or 65536 */
	uint32_t mapping;     /* leaf size over the test window, bytes: a page or block size */
	uint32_t start_level; /* stage 2 only: first level a walk reads */
	uint32_t walk;	      /* VB_WALK_* */
	uint32_t ia_bits;     /* input size: VA (stage 1) or IPA (stage 2) bits, 32-48; 0: 32 */
};

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
	struct vb_stage_cfg s1, s2;    /* translation configuration */
	/* tlb_miss_chase footprints in bytes, 0-terminated; all 0: the image's defaults */
	uint32_t footprints[VB_PARAMS_MAX_FOOTPRINTS];
	uint32_t crc; /* CRC-32 of every byte before this field */
};

_Static_assert(sizeof(struct vb_params) == 32 + VB_PARAMS_ONLY_LEN + 40 + 64 + 4,
	       "vb_params layout");

/* The block at `addr` if it is valid, else the defaults (all zero). */
const struct vb_params *params_get(uintptr_t addr);

/*
 * common/params_rx.c: when no valid block is at `addr`, says hello on the
 * console (`image`: hyp-min or guest-min) and receives one there.
 */
void params_receive(uintptr_t addr, const char *image);
#endif

#endif
