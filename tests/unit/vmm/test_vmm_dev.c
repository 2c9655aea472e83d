/*
 * vbench-vmm's user-space devices (vbench-vmm/dev.c), built for the host: the
 * vdev answers as hyp-min/vdev.c does, the console prints DR's byte, and an
 * access no device answers is refused so the VMM stops naming it.
 */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "../vbench-vmm/dev.h"
#include "vb/vdev.h"

#define UART 0x09000000u
#define VDEV 0x0c000000u

struct fixture {
	struct vmm_devs d;
	char *out;
	size_t outlen;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	f->d.uart_base = UART;
	f->d.vdev_base = VDEV;
	f->d.console = open_memstream(&f->out, &f->outlen);
	*state = f;
	return f->d.console ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	fclose(f->d.console);
	free(f->out);
	free(f);
	return 0;
}

static uint64_t rd(struct vmm_devs *d, uint64_t addr, unsigned len)
{
	uint8_t b[8] = { 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee };
	uint64_t v = 0;

	assert_int_equal(vmm_mmio(d, addr, b, len, 0), 0);
	for (unsigned i = 0; i < len; i++)
		v |= (uint64_t)b[i] << (8 * i);
	return v;
}

static int wr(struct vmm_devs *d, uint64_t addr, unsigned len, uint64_t v)
{
	uint8_t b[8];

	for (unsigned i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	return vmm_mmio(d, addr, b, len, 1);
}

static void test_vdev_id_and_data(void **state)
{
	struct vmm_devs *d = &((struct fixture *)*state)->d;

	assert_int_equal(rd(d, VDEV + VDEV_REG_ID, 4), VDEV_ID_VALUE);
	assert_int_equal(rd(d, VDEV + VDEV_REG_ID + 1, 1), (VDEV_ID_VALUE >> 8) & 0xff);
	assert_int_equal(rd(d, VDEV + VDEV_REG_ID + 2, 2), VDEV_ID_VALUE >> 16);
	assert_int_equal(wr(d, VDEV + VDEV_REG_DATA, 4, 0x12345678), 0);
	assert_int_equal(rd(d, VDEV + VDEV_REG_DATA, 4), 0x12345678);
	/* a byte write changes that byte only */
	assert_int_equal(wr(d, VDEV + VDEV_REG_DATA + 2, 1, 0xab), 0);
	assert_int_equal(rd(d, VDEV + VDEV_REG_DATA, 4), 0x12ab5678);
	assert_int_equal(rd(d, VDEV + VDEV_REG_DATA + 2, 2), 0x12ab);
	assert_int_equal(d->vdev_accesses, 8);
}

static void test_vdev_refuses(void **state)
{
	struct vmm_devs *d = &((struct fixture *)*state)->d;
	uint8_t b[8] = { 0 };

	assert_int_equal(wr(d, VDEV + VDEV_REG_ID, 4, 1), -1);	      /* read-only */
	assert_int_equal(vmm_mmio(d, VDEV + 2, b, 4, 0), -1);	      /* across two registers */
	assert_int_equal(vmm_mmio(d, VDEV, b, 8, 0), -1);	      /* wider than one */
	assert_int_equal(vmm_mmio(d, VDEV + 0x8, b, 4, 0), -1);	      /* no register there */
	assert_int_equal(vmm_mmio(d, 0x0, b, 1, 1), -1);	      /* no device there */
	assert_int_equal(vmm_mmio(d, VDEV + VDEV_SIZE, b, 4, 0), -1); /* just past it */
}

static void test_console(void **state)
{
	struct fixture *f = *state;

	for (const char *p = "hi\n"; *p; p++)
		assert_int_equal(wr(&f->d, UART + PL011_DR, 1, (uint8_t)*p), 0);
	/* FR: transmit FIFO empty, receive FIFO empty, never busy */
	assert_int_equal(rd(&f->d, UART + PL011_FR, 4), 0x90);
	assert_int_equal(wr(&f->d, UART + 0x4c, 4, 1), -1); /* a register it does not emulate */
	fflush(f->d.console);
	assert_int_equal(f->outlen, 3);
	assert_memory_equal(f->out, "hi\n", 3);
	assert_int_equal(f->d.uart_accesses, 5);
}

/* What Linux's amba-pl011 driver needs (docs/linux.md): IDs, registers kept, the line. */
struct irq_log {
	int level[8];
	unsigned n;
};

static void irq_cb(void *ctx, int level)
{
	struct irq_log *l = ctx;

	if (l->n < 8)
		l->level[l->n++] = level;
}

static void test_pl011_for_linux(void **state)
{
	struct fixture *f = *state;
	struct vmm_devs *d = &f->d;
	struct irq_log log = { { 0 }, 0 };
	static const uint8_t id[8] = { 0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

	d->uart_irq = irq_cb;
	d->uart_irq_ctx = &log;
	/* PeriphID0-3, PCellID0-3: the AMBA bus reads part 0x011, designer 0x41, cell 0xb105f00d */
	for (unsigned i = 0; i < 8; i++)
		assert_int_equal(rd(d, UART + PL011_ID + 4 * i, 4), id[i]);
	/* baud, line and control registers keep what the driver wrote */
	assert_int_equal(wr(d, UART + PL011_IBRD, 4, 13), 0);
	assert_int_equal(wr(d, UART + PL011_FBRD, 4, 1), 0);
	assert_int_equal(wr(d, UART + PL011_LCR_H, 4, 0x70), 0);
	assert_int_equal(wr(d, UART + PL011_CR, 4, 0x301), 0);
	assert_int_equal(rd(d, UART + PL011_IBRD, 4), 13);
	assert_int_equal(rd(d, UART + PL011_FBRD, 4), 1);
	assert_int_equal(rd(d, UART + PL011_LCR_H, 4), 0x70);
	assert_int_equal(rd(d, UART + PL011_CR, 2), 0x301);
	/* a byte sent raises the TX interrupt in RIS; masked (IMSC 0): the line stays low */
	assert_int_equal(wr(d, UART + PL011_DR, 4, 'x'), 0);
	assert_int_equal(rd(d, UART + PL011_RIS, 4), PL011_INT_TX);
	assert_int_equal(rd(d, UART + PL011_MIS, 4), 0);
	assert_int_equal(log.n, 0);
	/* unmasked: the line goes high once, MIS shows it; ICR clears it and the line drops */
	assert_int_equal(wr(d, UART + PL011_IMSC, 4, PL011_INT_TX | 0x50), 0);
	assert_int_equal(rd(d, UART + PL011_MIS, 4), PL011_INT_TX);
	assert_int_equal(wr(d, UART + PL011_DR, 4, 'y'), 0);
	assert_int_equal(wr(d, UART + PL011_ICR, 4, PL011_INT_TX), 0);
	assert_int_equal(rd(d, UART + PL011_RIS, 4), 0);
	assert_int_equal(log.n, 2);
	assert_int_equal(log.level[0], 1);
	assert_int_equal(log.level[1], 0);
	/* masking a raised interrupt lowers the line too */
	assert_int_equal(wr(d, UART + PL011_DR, 4, '\n'), 0);
	assert_int_equal(wr(d, UART + PL011_IMSC, 4, 0x50), 0);
	assert_int_equal(log.n, 4);
	assert_int_equal(log.level[3], 0);
	/* no input: DR reads 0, FR says receive FIFO empty; unaligned accesses refused */
	assert_int_equal(rd(d, UART + PL011_DR, 4), 0);
	assert_int_equal(rd(d, UART + PL011_FR, 4) & 0x10, 0x10);
	assert_int_equal(wr(d, UART + PL011_CR + 1, 1, 1), -1);
	fflush(d->console);
	assert_int_equal(f->outlen, 3);
	assert_memory_equal(f->out, "xy\n", 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_vdev_id_and_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vdev_refuses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_console, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pl011_for_linux, setup, teardown),
	};

	return cmocka_run_group_tests_name("vmm_dev", tests, NULL, NULL);
}
