/* vbench-vmm's user-space devices (dev.h). */
#include "dev.h"

#include <string.h>

#include <vb/vdev.h>

#define PL011_FR_TXFE (1u << 7)
#define PL011_FR_RXFE (1u << 4)

static uint64_t get_le(const uint8_t *p, unsigned len)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < len; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static void put_le(uint8_t *p, unsigned len, uint64_t v)
{
	for (unsigned i = 0; i < len; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* Only DR (a write prints its low byte) and FR (never busy, never input). */
static int uart_access(struct vmm_devs *d, uint64_t off, uint8_t *data, unsigned len, int is_write)
{
	d->uart_accesses++;
	if (off == PL011_DR && is_write) {
		fputc(data[0], d->console);
		if (data[0] == '\n')
			fflush(d->console);
		return 0;
	}
	if (off == PL011_DR || off == PL011_FR) {
		if (!is_write)
			put_le(data, len, off == PL011_FR ? PL011_FR_TXFE | PL011_FR_RXFE : 0);
		return 0;
	}
	return -1;
}

/* hyp-min's device, the same registers (<vb/vdev.h>) */
static int vdev_access(struct vmm_devs *d, uint64_t off, uint8_t *data, unsigned len, int is_write)
{
	uint64_t v = is_write ? get_le(data, len) : 0;

	d->vdev_accesses++;
	if (len > 4 || vdev_regs_access(&d->vdev_data, off, len, is_write, &v))
		return -1;
	if (!is_write)
		put_le(data, len, v);
	return 0;
}

int vmm_mmio(struct vmm_devs *d, uint64_t addr, uint8_t *data, unsigned len, int is_write)
{
	if (len == 0 || len > 8)
		return -1;
	if (addr - d->uart_base < PL011_SIZE)
		return uart_access(d, addr - d->uart_base, data, len, is_write);
	if (addr - d->vdev_base < VDEV_SIZE)
		return vdev_access(d, addr - d->vdev_base, data, len, is_write);
	return -1;
}
