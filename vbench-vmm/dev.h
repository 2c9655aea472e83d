/*
 * The devices vbench-vmm emulates in user space: the console (a PL011 complete
 * enough for Linux's amba-pl011 driver: its ID registers, control and
 * interrupt registers, a transmit FIFO that is never full, no input) and
 * hyp-min's device at vdev_ipa (hyp-min/vdev.c), with the same register
 * semantics so guest-min's mmio rows check the same values.
 * Plain C with no KVM in it, so tests/unit/vmm/ runs it on the host.
 */
#ifndef VMM_DEV_H
#define VMM_DEV_H

#include <stdint.h>
#include <stdio.h>

#define PL011_DR     0x00
#define PL011_RSR    0x04
#define PL011_FR     0x18
#define PL011_ILPR   0x20
#define PL011_IBRD   0x24
#define PL011_FBRD   0x28
#define PL011_LCR_H  0x2c
#define PL011_CR     0x30
#define PL011_IFLS   0x34
#define PL011_IMSC   0x38
#define PL011_RIS    0x3c
#define PL011_MIS    0x40
#define PL011_ICR    0x44
#define PL011_DMACR  0x48
#define PL011_ID     0xfe0 /* PeriphID0-3, PCellID0-3: what the AMBA bus probes */
#define PL011_INT_TX (1u << 5)
#define PL011_INTS   0x7ffu /* the interrupt bits of IMSC, RIS, MIS, ICR */
#define PL011_SIZE   0x1000
#define VDEV_SIZE    0x1000

struct vmm_pl011 {
	uint32_t ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, dmacr;
	int level; /* the interrupt line as last set: RIS & IMSC non-zero */
};

struct vmm_devs {
	uint64_t uart_base;
	uint64_t vdev_base;
	uint32_t vdev_data; /* the DATA register */
	FILE *console;	    /* where the guest's UART output goes */
	uint64_t uart_accesses, vdev_accesses;
	struct vmm_pl011 uart;
	/* the UART's interrupt line changed (KVM_IRQ_LINE in main.c); NULL: none wired */
	void (*uart_irq)(void *ctx, int level);
	void *uart_irq_ctx;
};

/*
 * One guest access of len (1, 2, 4 or 8) bytes at addr; data is the value
 * (little-endian, as KVM's mmio exit holds it). 0, or -1 for an access no
 * device answers (the VMM then stops the run naming the address).
 */
int vmm_mmio(struct vmm_devs *d, uint64_t addr, uint8_t *data, unsigned len, int is_write);

#endif
