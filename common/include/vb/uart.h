#ifndef VB_UART_H
#define VB_UART_H

#include <stddef.h>

/* The console UART at the target's uart_base, set up by the firmware or QEMU. */
void uart_write(const char *s, size_t len);
void uart_puts(const char *s);

#endif
