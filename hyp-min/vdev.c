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

int vdev_access(struct hyp_frame *f, uint64_t offset, unsigned bytes, int is_write, reg_t *val)
{
	unsigned shift = 8 * (offset % VDEV_REG_BYTES);
	uint32_t mask = bytes >= VDEV_REG_BYTES ? ~0u : (1u << (8 * bytes)) - 1;
	uint32_t *reg;
	uint32_t id = VDEV_ID_VALUE;

	(void)f;
	if (offset % VDEV_REG_BYTES + bytes > VDEV_REG_BYTES)
		return -1; /* wider than the register, or across two */
	switch (offset - offset % VDEV_REG_BYTES) {
	case VDEV_REG_ID:
		if (is_write)
			return -1;
		reg = &id;
		break;
	case VDEV_REG_DATA:
		reg = &vdev_data;
		break;
	default:
		return -1;
	}
	if (is_write)
		*reg = (*reg & ~(mask << shift)) | (((uint32_t)*val & mask) << shift);
	else
		*val = (*reg >> shift) & mask;
	return 0;
}
