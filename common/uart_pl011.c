/* Arm PL011 console: polled transmit only. */
#include <stdint.h>
#include <vb/layout.h>
#include <vb/uart.h>

#define PL011_DR   0x00
#define PL011_FR   0x18
#define PL011_TXFF (1u << 5)

static volatile uint32_t *pl011_reg(unsigned off)
{
	return (volatile uint32_t *)(uintptr_t)(TARGET_UART_BASE + off);
}

static void uart_putc(char c)
{
	while (*pl011_reg(PL011_FR) & PL011_TXFF)
		;
	*pl011_reg(PL011_DR) = (uint8_t)c;
}

void uart_write(const char *s, size_t len)
{
	while (len--)
		uart_putc(*s++);
}

void uart_puts(const char *s)
{
	while (*s)
		uart_putc(*s++);
}
