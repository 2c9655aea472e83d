/* Arm PL011 (QEMU virt, Versatile Express, Raspberry Pi 4 UART0): polled. */
#include <stdint.h>
#include <vb/layout.h>
#include <vb/mmio.h>
#include <vb/uart.h>

#define PL011_DR   0x00
#define PL011_FR   0x18
#define PL011_RXFE (1u << 4)
#define PL011_TXFF (1u << 5)

#define REG(off) ((uintptr_t)TARGET_UART_BASE + (off))

const struct uart_model uart_model = {
	.data = PL011_DR, .status = PL011_FR, .status_idle = PL011_RXFE, .ctrl = -1
};

void uart_putc(char c)
{
	while (mmio_read32(REG(PL011_FR)) & PL011_TXFF)
		;
	mmio_write32(REG(PL011_DR), (uint8_t)c);
}

int uart_getc(void)
{
	if (mmio_read32(REG(PL011_FR)) & PL011_RXFE)
		return -1;
	return (int)(mmio_read32(REG(PL011_DR)) & 0xff);
}
