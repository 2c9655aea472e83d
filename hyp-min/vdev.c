/*
 * hyp-min's emulated device at the target's vdev_ipa: what mmio_read and
 * mmio_write reach. Two 32-bit registers: ID (read-only, a known value the
 * guest checks) and DATA (read/write). An access of 1, 2 or 4 bytes inside
 * one register reads or writes those bytes of it (little-endian).
 */
#include <hyp.h>
#include <vb/vdev.h>

#define VDEV_REG_BYTES 4

static uint32_t vdev_data;

/* A read returns the register shifted to the access (mmio.c cuts it to size). */
int vdev_access(struct hyp_frame *f, uint64_t offset, unsigned bytes, int is_write, reg_t *val)
{
	unsigned at = offset % VDEV_REG_BYTES, shift = 8 * at;
	uint32_t mask = bytes >= VDEV_REG_BYTES ? ~0u : (1u << (8 * bytes)) - 1;

	(void)f;
	if (at + bytes > VDEV_REG_BYTES)
		return -1; /* wider than the register, or across two */
	switch (offset - at) {
	case VDEV_REG_ID:
		if (is_write)
			return -1;
		*val = VDEV_ID_VALUE >> shift;
		return 0;
	case VDEV_REG_DATA:
		if (is_write)
			vdev_data =
				(vdev_data & ~(mask << shift)) | (((uint32_t)*val & mask) << shift);
		else
			*val = vdev_data >> shift;
		return 0;
	}
	return -1;
}
