/*
 * Driving U-Boot's console the way a person would (`boot = uboot`,
 * docs/boards.md): stop autoboot, wait for the prompt, load the image (YMODEM
 * over the same line with `loady`, or the target file's command: tftp,
 * fatload), run the file's commands before the start (`dcache flush; dcache
 * off`), then `go` (or `bootm`). Every step has a timeout and an error that
 * says which step and what U-Boot printed last; every byte goes to
 * console.log.
 */
#ifndef VB_UBOOT_H
#define VB_UBOOT_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "target.h"
#include "base/util.h"

/* The marker vbench has U-Boot print after each command, with its status. */
#define VB_UBOOT_OK   "vbench-uboot-ok"
#define VB_UBOOT_FAIL "vbench-uboot-fail"

struct vb_uboot {
	int fd;	    /* the line */
	int log_fd; /* console.log */
	const struct vb_target *target;
	const char *elf;      /* the image (virt.elf): loady sends its loadable segments */
	const char *bin;      /* its raw copy (virt.bin), named to the target's load command */
	uint64_t addr;	      /* where it is loaded and started */
	uint64_t deadline_ms; /* the run's, on vb_now_ms()'s clock */
	unsigned prompt_ms;   /* how long U-Boot may take to show its prompt after power-on */
	unsigned command_ms;  /* how long one command (a load: tftp, fatload) may take */
	const volatile sig_atomic_t *interrupted;
};

/* Default step timeouts: a board's boot to the prompt, a load over the network or a card. */
#define VB_UBOOT_PROMPT_MS  60000
#define VB_UBOOT_COMMAND_MS 60000

/*
 * Runs the dialogue up to `go` (or `bootm`): when it returns 0 the image is
 * starting and its own `@vbp hello` comes next on the line.
 */
int vb_uboot_boot(const struct vb_uboot *u, struct vb_error *e);

/* "go 0x40200000": the start command for a target, for messages. */
void vb_uboot_start_cmd(const struct vb_target *t, uint64_t addr, char *buf, size_t n);

/* A vb_line_fn filter after the start: U-Boot's banner again means the board reset. */
bool vb_uboot_reset_line(const char *line, size_t len);

#endif
