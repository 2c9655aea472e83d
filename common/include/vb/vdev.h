/* The device hyp-min emulates at TARGET_VDEV_IPA (hyp-min/vdev.c). */
#ifndef VB_VDEV_H
#define VB_VDEV_H

#define VDEV_REG_ID   0x0	 /* read-only */
#define VDEV_REG_DATA 0x4	 /* read/write */
#define VDEV_ID_VALUE 0x76646576 /* "vdev" */

#include <stdint.h>

#define VDEV_REG_BYTES 4

/*
 * The registers, written once for hyp-min (hyp-min/vdev.c) and vbench-vmm
 * (vbench-vmm/dev.c), so mmio_read and mmio_write meet the same device under
 * both. One access of 1, 2 or 4 bytes inside one register (little-endian);
 * data is the DATA register. A read returns the register shifted to the
 * access (the caller keeps the access's bytes). -1: no such register, or a
 * write to ID. Inline: it is on the mmio rows' measured path.
 */
static inline int vdev_regs_access(uint32_t *data, uint64_t offset, unsigned bytes, int is_write,
				   uint64_t *val)
{
	unsigned at = offset % VDEV_REG_BYTES, shift = 8 * at;
	uint32_t mask = bytes >= VDEV_REG_BYTES ? ~0u : (1u << (8 * bytes)) - 1;

	if (at + bytes > VDEV_REG_BYTES)
		return -1; /* wider than the register, or across two */
	switch (offset - at) {
	case VDEV_REG_ID:
		if (is_write)
			return -1;
		*val = (uint32_t)VDEV_ID_VALUE >> shift;
		return 0;
	case VDEV_REG_DATA:
		if (is_write)
			*data = (*data & ~(mask << shift)) | (((uint32_t)*val & mask) << shift);
		else
			*val = *data >> shift;
		return 0;
	}
	return -1;
}

#endif
