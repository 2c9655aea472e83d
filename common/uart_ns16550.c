/*
 * 8250/16550 (Allwinner, Rockchip, TI, the DesignWare APB UART): polled.
 * Register n sits at n << uart_reg_shift and is accessed uart_reg_width
 * bytes wide (Linux's reg-shift and reg-io-width; the DesignWare UART
 * needs 32-bit accesses, shift 2).
 */
#include <stdint.h>
#include <vb/layout.h>
#include <vb/mmio.h>
#include <vb/uart.h>

#define UART_RBR      0 /* receive buffer (read) */
#define UART_THR      0 /* transmit holding (write) */
#define UART_LSR      5 /* line status */
#define UART_LSR_DR   (1u << 0)
#define UART_LSR_THRE (1u << 5)

#if TARGET_UART_REG_WIDTH != 1 && TARGET_UART_REG_WIDTH != 4
#error "uart_reg_width must be 1 or 4"
#endif

static uintptr_t reg(unsigned n)
{
	return (uintptr_t)TARGET_UART_BASE + ((uintptr_t)n << TARGET_UART_REG_SHIFT);
}

static uint32_t rd(unsigned n)
{
	if (TARGET_UART_REG_WIDTH == 1)
		return *(volatile uint8_t *)reg(n);
	return mmio_read32(reg(n));
}

static void wr(unsigned n, uint32_t v)
{
	if (TARGET_UART_REG_WIDTH == 1)
		*(volatile uint8_t *)reg(n) = (uint8_t)v;
	else
		mmio_write32(reg(n), v);
}

/* LSR idle: transmitter holding register and shift register empty, no data ready */
const struct uart_model uart_model = { .data = (unsigned long)UART_THR << TARGET_UART_REG_SHIFT,
				       .status = (unsigned long)UART_LSR << TARGET_UART_REG_SHIFT,
				       .status_idle = UART_LSR_THRE | (1u << 6),
				       .ctrl = -1 };

void uart_putc(char c)
{
	while (!(rd(UART_LSR) & UART_LSR_THRE))
		;
	wr(UART_THR, (uint8_t)c);
}

int uart_getc(void)
{
	if (!(rd(UART_LSR) & UART_LSR_DR))
		return -1;
	return (int)(rd(UART_RBR) & 0xff);
}
