/*
 * The devices vbench-vmm emulates in user space: the console (a PL011's data
 * and flag registers) and hyp-min's device at vdev_ipa (hyp-min/vdev.c), with
 * the same register semantics so guest-min's mmio rows check the same values.
 * Plain C with no KVM in it, so tests/unit/vmm/ runs it on the host.
 */
#ifndef VMM_DEV_H
#define VMM_DEV_H

#include <stdint.h>
#include <stdio.h>

#define PL011_DR   0x00
#define PL011_FR   0x18
#define PL011_SIZE 0x1000
#define VDEV_SIZE  0x1000

struct vmm_devs {
	uint64_t uart_base;
	uint64_t vdev_base;
	uint32_t vdev_data; /* the DATA register */
	FILE *console;	    /* where the guest's UART output goes */
	uint64_t uart_accesses, vdev_accesses;
};

/*
 * One guest access of len (1, 2, 4 or 8) bytes at addr; data is the value
 * (little-endian, as KVM's mmio exit holds it). 0, or -1 for an access no
 * device answers (the VMM then stops the run naming the address).
 */
int vmm_mmio(struct vmm_devs *d, uint64_t addr, uint8_t *data, unsigned len, int is_write);

#endif
