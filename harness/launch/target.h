/*
 * A target file, bench/targets/<name>.conf (docs/targets.md): read once,
 * checked once, and from then on a typed structure. Every key the project
 * knows is in one table (target.c); an unknown key or a bad value is an
 * error naming the file, the line and the key.
 */
#ifndef VB_TARGET_H
#define VB_TARGET_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/util.h"

enum vb_arch { VB_ARCH_ARMV7, VB_ARCH_ARMV8 };
/* kvm: a Linux host with /dev/kvm, here or through `remote`, runs vbench-vmm (--mode kvm) */
enum vb_launch_kind { VB_LAUNCH_QEMU, VB_LAUNCH_SERIAL, VB_LAUNCH_KVM };
/* How the run parameters reach the images: QEMU's loader, or the console handshake. */
enum vb_params_via { VB_PARAMS_LOADER, VB_PARAMS_SERIAL };
enum vb_halt { VB_HALT_PSCI_OFF, VB_HALT_WAIT };
/* Who starts the image: a person (or QEMU's -kernel), or vbench at U-Boot's console. */
enum vb_boot { VB_BOOT_MANUAL, VB_BOOT_UBOOT };
enum vb_uboot_start { VB_UBOOT_GO, VB_UBOOT_BOOTM };
/* What running the target file has proven: on QEMU's model of the board, its UART only, nothing. */
enum vb_validated { VB_VALIDATED_UNTESTED, VB_VALIDATED_UART_ONLY, VB_VALIDATED_QEMU_MODEL };

/* Translation granules, as bits of vb_target.granules. */
enum { VB_GRANULE_4K = 1u << 0, VB_GRANULE_16K = 1u << 1, VB_GRANULE_64K = 1u << 2 };

struct vb_target {
	char name[64];
	char path[PATH_MAX];
	/* Strings are owned; an absent optional key is "". */
	char *description, *cpu, *cflags, *uart, *timer, *pmu_events;
	enum vb_arch arch;
	uint64_t ram_base, ram_size, test_base, test_size;
	uint64_t load_addr; /* where hyp-min is linked; ram_base when the file does not say */
	uint64_t uart_base, uart_reg_shift, uart_reg_width, vdev_ipa;
	unsigned gic_version;
	/* 0 where the GIC has no such frame */
	uint64_t gicd_base, gicc_base, gich_base, gicv_base, gicr_base;
	uint64_t gicd_size, gicc_size, gich_size, gicv_size, gicr_size;
	enum vb_validated validated; /* untested when the file does not say */
	uint32_t granules;	     /* VB_GRANULE_*; 0: not listed, every granule is tried */
	char *granules_text;
	bool emulated;
	enum vb_halt halt;
	enum vb_launch_kind launch;
	char *qemu;	  /* launch = qemu: the command up to machine and CPU */
	char *serial;	  /* launch = serial: the device */
	char *boot_notes; /* how the board's loader starts the image at EL2/Hyp, for people */
	enum vb_boot boot;
	/* boot = uboot (uboot.h): "ymodem" or a load command; commands before the start */
	char *uboot_load, *uboot_before, *uboot_prompt;
	enum vb_uboot_start uboot_start;
	uint64_t uboot_scratch; /* uboot_start = bootm: where the uImage is loaded */
	/*
	 * launch = kvm and --mode linux on a board: a command prefix that runs its
	 * one argument, a shell command line, on the Linux host ("ssh board"); "": here.
	 */
	char *remote;
	uint64_t baud;
	enum vb_params_via params_via; /* serial for launch = serial; QEMU: on a pty when serial */
};

/*
 * Loads <root>/bench/targets/<name>.conf: every line a known key, every value
 * of its type, what vbench needs present (arch, cpu, ram_base, ram_size,
 * emulated, launch; serial and baud for a board; for QEMU, qemu and every key
 * mk/image.mk needs to build the image it boots), and a memory map the images
 * can build (common/board.c) with every granule listed.
 */
int vb_target_load(struct vb_target *t, const char *root, const char *name, struct vb_error *e);

void vb_target_free(struct vb_target *t);

/* The target's memory map, as the images see it (common/board.c). */
struct vb_board;
void vb_target_board(const struct vb_target *t, struct vb_board *b);

/*
 * Can the images map this target with a stage's configuration (granule and
 * test-window mapping)? The error names the key at fault.
 */
struct vb_stage_cfg;
int vb_target_stage_check(const struct vb_target *t, const struct vb_stage_cfg *c, int stage2,
			  struct vb_error *e);

/* "armv7", "armv8": as the configuration resolver and the images name them. */
const char *vb_arch_name(enum vb_arch a);

#endif
