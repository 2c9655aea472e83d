/*
 * Issue #10: the board targets on QEMU's models of the boards. Every row of
 * the default run (traps, virtual interrupts, memory) verifies on
 * xlnx-zcu102 and vexpress-a15, virtualized with both policies and native,
 * and equals, cell for cell, what the same code gives on QEMU's virt
 * machine with the same core and GIC: the paths are the same, only the
 * addresses differ. orangepi-pc runs natively (QEMU cannot start it in
 * Hyp mode): its 16550 driver carries every record. Deterministic runs with
 * small n keep this to seconds per run.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qemu_run.h"

/* What a run is, besides where: the columns that differ by target alone are left out. */
/* chase_mapping: the control's block is the largest that fits the board's test window (512 MiB windows: 2 MiB) */
static const char *const skip_cols[] = { "run_id", "target", "chase_mapping" };

/* PMU event columns: what the core counts, not the path */
static const char *const event_cols[] = { "inst_retired",    "exc_taken", "l1d_tlb_refill",
					  "l2d_tlb_refill",  "dtlb_walk", "mem_access",
					  "l1d_cache_refill" };

struct pair {
	const char *board, *reference; /* the board target, the virt target with its core and GIC */
	const char *mode;
	const char *const *extra; /* after --mode */
	/*
	 * The board's core counts no PMU event on this model: its event columns
	 * must say unsupported, never a number (QEMU's orangepi-pc starts the
	 * Cortex-A7 without virtualization=on; its probe of inst_retired counts
	 * nothing there, where virt's Cortex-A15 counts).
	 */
	int no_events;
};

/* --qemu: the boards' files launch a serial line; their qemu key is the model (ignored by virt) */
static const char *const lean[] = { "--qemu", "--policy", "lean", "--n", "5", NULL };
static const char *const full[] = { "--qemu", "--policy", "full", "--n", "5", NULL };
static const char *const native[] = { "--qemu", "--n", "5", NULL };
/* 64 KiB pages at both stages: zcu102's 64 KiB-spaced GIC frames map whole */
static const char *const lean64k[] = {
	"--qemu",
	"--policy",
	"lean",
	"--n",
	"5",
	"--s1",
	"64k",
	"--s2",
	"64k",
	"--only",
	"counter_overhead,hvc_null,virq_lr,virq_lr_complete,virq_lr_maint,virq_timer,tlb_hit,walk_full",
	NULL
};

static void run_table(const char *target, const char *mode, const char *const *extra,
		      struct vb_csv_table *t)
{
	struct qemu_run r;

	assert_int_equal(qemu_run(&r, target, mode, extra), 0);
	if (r.status != 0)
		fail_msg("%s %s: exit %d: %s", target, mode, r.status, r.err);
	assert_int_equal(qemu_summary(&r, t), 0);
}

static int listed(const char *col, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(col, list[i]))
			return 1;
	return 0;
}

/*
 * Instruction counts may differ by a few between a board and its virt twin
 * although the code is the same: hyp-min compares fault addresses with the
 * board's own constants (the UART and device pages, the test window), and an
 * address like 0xff000000 takes one more instruction to build than
 * 0x09000000. Everything else must be equal.
 */
#define CONST_SLACK 4
static const char *const count_cols[] = { "min", "median", "p90",	  "p99",
					  "max", "mean",   "inst_retired" };

static int near(const char *a, const char *b)
{
	char *ea, *eb;
	double x = strtod(a, &ea), y = strtod(b, &eb);

	return *a && *b && !*ea && !*eb && x - y <= CONST_SLACK && y - x <= CONST_SLACK;
}

static void same_rows(void **state)
{
	const struct pair *p = *state;
	struct vb_csv_table b, ref;
	size_t checked = 0;

	run_table(p->board, p->mode, p->extra, &b);
	run_table(p->reference, p->mode, p->extra, &ref);
	assert_int_equal(b.nrows, ref.nrows);
	assert_true(b.nrows > 8);
	for (size_t row = 1; row < b.nrows; row++) {
		const struct vb_csv_row *x = &b.rows[row], *y = &ref.rows[row], *head = &b.rows[0];
		const char *status = vb_csv_cell(&b, row, "status");

		/* verified rows only: ok, or na/unsupported exactly where virt says so */
		if (strcmp(status, "ok") && strcmp(status, "na") && strcmp(status, "unsupported"))
			fail_msg("%s %s: %s is %s", p->board, p->mode,
				 vb_csv_cell(&b, row, "bench"), status);
		assert_int_equal(x->n, y->n);
		for (size_t c = 0; c < x->n; c++) {
			if (listed(head->f[c], skip_cols, sizeof(skip_cols) / sizeof(skip_cols[0])))
				continue;
			if (p->no_events && listed(head->f[c], event_cols,
						   sizeof(event_cols) / sizeof(event_cols[0]))) {
				if (*x->f[c] && strcmp(x->f[c], "unsupported"))
					fail_msg("%s %s %s: %s = %s, expected unsupported",
						 p->board, p->mode, vb_csv_cell(&b, row, "bench"),
						 head->f[c], x->f[c]);
				continue;
			}
			if (strcmp(x->f[c], y->f[c]) &&
			    !(listed(head->f[c], count_cols,
				     sizeof(count_cols) / sizeof(count_cols[0])) &&
			      near(x->f[c], y->f[c])))
				fail_msg("%s %s %s: %s = %s, %s on %s", p->board, p->mode,
					 vb_csv_cell(&b, row, "bench"), head->f[c], x->f[c],
					 y->f[c], p->reference);
			checked++;
		}
	}
	assert_true(checked > 100);
	vb_csv_free(&b);
	vb_csv_free(&ref);
}

int main(void)
{
	static const struct pair pairs[] = {
		{ "zcu102", "qemu-a53", "virt", lean, 0 },
		{ "zcu102", "qemu-a53", "virt", full, 0 },
		{ "zcu102", "qemu-a53", "native", native, 0 },
		{ "zcu102", "qemu-a53", "virt", lean64k, 0 },
		{ "vexpress-a15", "qemu-a15", "virt", lean, 0 },
		{ "vexpress-a15", "qemu-a15", "virt", full, 0 },
		{ "vexpress-a15", "qemu-a15", "native", native, 0 },
		{ "orangepi-pc", "qemu-a15", "native", native, 1 },
	};
	static const char *const what[] = { "virt lean", "virt full", "native", "virt 64k",
					    "virt lean", "virt full", "native", "native (uart)" };
	struct CMUnitTest tests[sizeof(pairs) / sizeof(pairs[0])];
	char names[sizeof(pairs) / sizeof(pairs[0])][96];

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		snprintf(names[i], sizeof(names[i]), "same_rows(%s %s = %s)", pairs[i].board,
			 what[i], pairs[i].reference);
		tests[i] = (struct CMUnitTest){ .name = names[i],
						.test_func = same_rows,
						.initial_state = (void *)&pairs[i] };
	}
	return _cmocka_run_group_tests("boards", tests, sizeof(tests) / sizeof(tests[0]), NULL,
				       NULL);
}
