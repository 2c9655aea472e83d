/* vbench-vmm's user-space devices (dev.h). */
#include "dev.h"

#include <string.h>

#include <vb/vdev.h>

#define PL011_FR_TXFE (1u << 7)
#define PL011_FR_RXFE (1u << 4)

/* ARM's PL011 r1p4 as QEMU's pl011 identifies it: the AMBA bus matches 0x00041011. */
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

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

/* The line follows RIS & IMSC: level-triggered, told to the VMM only on a change. */
static void uart_update(struct vmm_devs *d)
{
	int level = (d->uart.ris & d->uart.imsc) != 0;

	if (level != d->uart.level && d->uart_irq)
		d->uart_irq(d->uart_irq_ctx, level);
	d->uart.level = level;
}

/* The registers that hold what was written (reads give it back), or NULL. */
static uint32_t *uart_reg(struct vmm_pl011 *u, uint64_t off)
{
	switch (off) {
	case PL011_ILPR:
		return &u->ilpr;
	case PL011_IBRD:
		return &u->ibrd;
	case PL011_FBRD:
		return &u->fbrd;
	case PL011_LCR_H:
		return &u->lcr_h;
	case PL011_CR:
		return &u->cr;
	case PL011_IFLS:
		return &u->ifls;
	case PL011_IMSC:
		return &u->imsc;
	case PL011_DMACR:
		return &u->dmacr;
	default:
		return NULL;
	}
}

/*
 * A transmit FIFO that is never full and never busy, no input. A byte written
 * to DR is printed and raises the transmit interrupt as QEMU's pl011 does
 * (until ICR clears it); the receive side never has data.
 */
static int uart_access(struct vmm_devs *d, uint64_t off, uint8_t *data, unsigned len, int is_write)
{
	struct vmm_pl011 *u = &d->uart;
	uint32_t *reg = uart_reg(u, off);
	uint32_t v = is_write ? (uint32_t)get_le(data, len) : 0;

	d->uart_accesses++;
	if (len > 4 || (off & 3))
		return -1;
	if (is_write) {
		if (off == PL011_DR) {
			fputc(data[0], d->console);
			if (data[0] == '\n')
				fflush(d->console);
			u->ris |= PL011_INT_TX;
		} else if (off == PL011_ICR) {
			u->ris &= ~v;
		} else if (reg) {
			*reg = off == PL011_IMSC ? v & PL011_INTS : v;
		} else if (off != PL011_RSR) { /* RSR: a write clears errors there are none of */
			return -1;
		}
		uart_update(d);
		return 0;
	}
	if (off >= PL011_ID)
		v = pl011_id[(off - PL011_ID) / 4];
	else if (off == PL011_FR)
		v = PL011_FR_TXFE | PL011_FR_RXFE;
	else if (off == PL011_RIS)
		v = u->ris;
	else if (off == PL011_MIS)
		v = u->ris & u->imsc;
	else if (reg)
		v = *reg;
	else if (off != PL011_DR && off != PL011_RSR)
		return -1;
	put_le(data, len, v);
	return 0;
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
