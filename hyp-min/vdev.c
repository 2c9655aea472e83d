/*
 * hyp-min's emulated device at the target's vdev_ipa: what mmio_read and
 * mmio_write reach. Its registers are <vb/vdev.h>'s; hyp-min keeps DATA.
 */
#include <hyp.h>
#include <vb/vdev.h>

static uint32_t vdev_data;

int vdev_access(uint64_t offset, unsigned bytes, int is_write, reg_t *val)
{
	uint64_t v = *val;
	int r = vdev_regs_access(&vdev_data, offset, bytes, is_write, &v);

	*val = (reg_t)v;
	return r;
}
