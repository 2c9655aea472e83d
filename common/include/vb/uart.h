#ifndef VB_UART_H
#define VB_UART_H

#include <stddef.h>

/*
 * The console UART at the target's uart_base, its line already set up by
 * the firmware or QEMU (baud rate and clock are theirs: no driver programs a
 * divisor). A driver is one file, common/uart_<uart>.c, with these two:
 */
void uart_putc(char c); /* waits for room, then sends c */
int uart_getc(void);	/* a received byte, or -1 when none is waiting */

/* common/uart.c, on top of uart_putc */
void uart_write(const char *s, size_t len);
void uart_puts(const char *s);

#endif
