/*
 * Cadence UART (Xilinx ZynqMP "cdns,uart-r1p12"): polled. Registers from
 * the Zynq UltraScale+ TRM (UG1085) as Linux's xilinx_uartps.c names them.
 * U-Boot leaves the transmitter enabled; QEMU's model starts with it off and
 * drops bytes until CR.TXEN is set, so the first byte enables both
 * directions (never a reset: that would lose what the firmware had queued).
 */
#include <stdint.h>
#include <vb/layout.h>
#include <vb/mmio.h>
#include <vb/uart.h>

#define CDNS_CR		0x00
#define CDNS_SR		0x2c
#define CDNS_FIFO	0x30
#define CDNS_CR_RXEN	(1u << 2)
#define CDNS_CR_RXDIS	(1u << 3)
#define CDNS_CR_TXEN	(1u << 4)
#define CDNS_CR_TXDIS	(1u << 5)
#define CDNS_SR_RXEMPTY (1u << 1)
#define CDNS_SR_TXFULL	(1u << 4)

#define REG(off) ((uintptr_t)TARGET_UART_BASE + (off))

/* SR idle: receive FIFO empty, transmit FIFO empty (bit 3); CR reads as enabled */
const struct uart_model uart_model = { .data = CDNS_FIFO,
				       .status = CDNS_SR,
				       .status_idle = CDNS_SR_RXEMPTY | (1u << 3),
				       .ctrl = CDNS_CR,
				       .ctrl_value = CDNS_CR_TXEN | CDNS_CR_RXEN };

static void cdns_enable(void)
{
	static int enabled; /* each image has its own; the register keeps the bits */
	uint32_t cr;

	if (enabled)
		return;
	cr = mmio_read32(REG(CDNS_CR));
	cr &= ~(CDNS_CR_TXDIS | CDNS_CR_RXDIS);
	mmio_write32(REG(CDNS_CR), cr | CDNS_CR_TXEN | CDNS_CR_RXEN);
	enabled = 1;
}

void uart_putc(char c)
{
	cdns_enable();
	while (mmio_read32(REG(CDNS_SR)) & CDNS_SR_TXFULL)
		;
	mmio_write32(REG(CDNS_FIFO), (uint8_t)c);
}

int uart_getc(void)
{
	cdns_enable();
	if (mmio_read32(REG(CDNS_SR)) & CDNS_SR_RXEMPTY)
		return -1;
	return (int)(mmio_read32(REG(CDNS_FIFO)) & 0xff);
}
