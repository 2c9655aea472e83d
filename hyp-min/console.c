/*
 * The guest's console: stage 2 does not map the UART, so every access the
 * guest makes to it traps here (mmio.c) and hyp-min writes the byte for it.
 * That gives hyp-min two guarantees vbench relies on (docs/security.md):
 * - no guest line can carry a record in hyp-min's name: a guest line that
 *   reaches "@vb1 h" is dropped up to its end and reported as a `refused`
 *   record (the bytes of a possible start are held back until they cannot
 *   be one);
 * - hyp-min's own records start on a line of their own, even when the guest
 *   was in the middle of one (rec_line_start).
 * The registers are those the target's UART driver uses (struct uart_model in
 * common/uart_<uart>.c: the data register written, the status register read
 * as always ready): the guest never waits, hyp-min does, on the real UART.
 */
#include <hyp.h>
#include <vb/record.h>
#include <vb/uart.h>

static const char hyp_magic[] = "@vb1 h"; /* '@' occurs only first: a mismatch restarts at 0 */
#define MAGIC_LEN (sizeof(hyp_magic) - 1)

static unsigned held; /* bytes of hyp_magic the guest wrote last, not yet passed on */
static int line_open; /* the guest's current line has bytes on the UART */
static int dropping;  /* in a forged line: drop up to its '\n' */

static void pass(const char *s, unsigned len)
{
	if (!len)
		return;
	uart_write(s, len);
	line_open = s[len - 1] != '\n';
}

static void guest_byte(struct hyp_frame *f, char c)
{
	if (dropping) {
		dropping = c != '\n';
		return;
	}
	if (c == hyp_magic[held]) {
		if (++held < MAGIC_LEN)
			return;
		held = 0;
		dropping = 1;
		hyp_refuse(f, "console", "forged_hyp_record", NULL, 0);
		return;
	}
	pass(hyp_magic, held);
	held = c == hyp_magic[0];
	if (!held)
		pass(&c, 1);
}

/* common/record.c calls this before writing one of hyp-min's records. */
void rec_line_start(void)
{
	pass(hyp_magic, held);
	held = 0;
	if (line_open)
		pass("\n", 1);
}

int console_access(struct hyp_frame *f, uint64_t offset, unsigned bytes, int is_write, reg_t *val)
{
	(void)bytes;
	if (is_write && offset == uart_model.data) {
		guest_byte(f, (char)*val);
		return 0;
	}
	if (!is_write && offset == uart_model.status) {
		*val = uart_model.status_idle; /* never full: hyp-min waits on the real one */
		return 0;
	}
	if (uart_model.ctrl >= 0 && offset == (unsigned long)uart_model.ctrl) {
		if (!is_write)
			*val = uart_model.ctrl_value; /* set-up writes change nothing */
		return 0;
	}
	return -1;
}
