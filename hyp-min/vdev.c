/*
 * hyp-min's emulated device at the target's vdev_ipa: what mmio_read and
 * mmio_write reach. Two 32-bit registers: ID (read-only, a known value the
 * guest checks) and DATA (read/write).
 */
#include <hyp.h>
#include <vb/vdev.h>

static uint32_t vdev_data;

int vdev_access(uint64_t offset, int is_write, reg_t *val)
{
	switch (offset) {
	case VDEV_REG_ID:
		if (is_write)
			return -1;
		*val = VDEV_ID_VALUE;
		return 0;
	case VDEV_REG_DATA:
		if (is_write)
			vdev_data = (uint32_t)*val;
		else
			*val = vdev_data;
		return 0;
	}
	return -1;
}
