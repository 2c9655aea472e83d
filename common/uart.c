/* Strings on the console, whatever the driver (common/uart_<uart>.c). */
#include <vb/uart.h>

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
