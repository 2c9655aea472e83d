/* Loads and stores to hyp-min's emulated device: every access traps and is emulated. */
#include <bench.h>
#include <sample.h>
#include <guest.h>
#include <vb/mmio.h>
#include <vb/vdev.h>

uint32_t bench_mmio_read(void)
{
	reg_t t0 = sample_start();
	uint32_t id = mmio_read32(TARGET_VDEV_IPA + VDEV_REG_ID);
	uint32_t dt = sample_stop(t0);

	if (id != VDEV_ID_VALUE) /* the emulated register's value, or the run fails */
		guest_fail("mmio_read_wrong_value", (int)id);
	return dt;
}

uint32_t bench_mmio_write(void)
{
	static uint32_t value = 1;
	reg_t t0 = sample_start();

	mmio_write32(TARGET_VDEV_IPA + VDEV_REG_DATA, value);
	uint32_t dt = sample_stop(t0);

	if (mmio_read32(TARGET_VDEV_IPA + VDEV_REG_DATA) != value) /* the device kept it */
		guest_fail("mmio_write_lost", (int)value);
	value++;
	return dt;
}
