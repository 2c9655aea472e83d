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

/*
 * The registers a guest using this driver touches, for hyp-min's console
 * emulation (hyp-min/console.c): under hyp-min stage 2 leaves the UART
 * unmapped, every guest access traps, and hyp-min answers as the device
 * would when it is always ready.
 */
struct uart_model {
	unsigned long data;	   /* offset the driver writes a byte to */
	unsigned long status;	   /* offset it polls before writing */
	unsigned long status_idle; /* room to send, nothing received */
	long ctrl;		   /* a control register it sets up once (-1: none) */
	unsigned long ctrl_value;  /* what reading it returns */
};
extern const struct uart_model uart_model;

/* common/uart.c, on top of uart_putc */
void uart_write(const char *s, size_t len);
void uart_puts(const char *s);

#endif
