/* Test helpers: console streams with correct CRCs, temporary folders, files. */
#ifndef VBT_HELPERS_H
#define VBT_HELPERS_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* cmocka.h needs the three above */
#include <cmocka.h>

#include "records/stream.h"

/* A growing text buffer. */
struct vbt_buf {
	char *s;
	size_t len, cap;
};

/* A console stream being built: per-source sequence numbers are counted for you. */
struct vbt_gen {
	struct vbt_buf b;
	unsigned gseq, hseq;
};

void vbt_append(struct vbt_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* "@vb1 <body> *<crc>" with zlib's CRC, no newline; caller frees. */
char *vbt_record(const char *body);

/* Appends noise (no newline added). */
void vbt_raw(struct vbt_gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends the next guest / hyp record and "\n": the body after "<src> <seq> ". */
void vbt_g(struct vbt_gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void vbt_h(struct vbt_gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The usual prologue: hyp record (virt), then begin announcing `benches` results. */
void vbt_prologue(struct vbt_gen *g, const char *mode, unsigned benches);
/* The same for another target and clock. */
void vbt_begin(struct vbt_gen *g, const char *target, const char *mode, const char *clock,
	       unsigned benches);
/* A consistent ok result for the values v[0..n-1]. */
void vbt_result(struct vbt_gen *g, const char *bench, const uint64_t *v, size_t n);
/* samples records for v, 16 values a record. */
void vbt_samples(struct vbt_gen *g, const char *bench, const uint64_t *v, size_t n);
/* The end record with the right count. */
void vbt_end(struct vbt_gen *g);
void vbt_free(struct vbt_gen *g);

/* Verifies a whole stream; 0 or -1 with e->msg. The stream is left in *s if s != NULL. */
int vbt_verify(const char *text, size_t len, const struct vb_stream_opts *o, struct vb_error *e,
	       struct vb_stream *s);

/* Verifies g's stream expecting a failure whose message contains msg; frees g. */
void vbt_expect_fail(struct vbt_gen *g, const struct vb_stream_opts *o, const char *msg);

/* mkdtemp under $TMPDIR; caller frees and removes it with vbt_rmdir. */
char *vbt_tmpdir(void);
void vbt_rmdir(char *dir);
void vbt_write(const char *path, const char *text);
/* The whole file, NUL-terminated, or NULL. */
char *vbt_read(const char *path);
int vbt_exists(const char *path);

/*
 * A source root whose target `fake` runs tests' fake QEMU: a shell script that
 * records its arguments (<root>/args) and stdin (<root>/stdin), prints
 * <root>/console, then runs <root>/after ("exit 3", "exec sleep 30").
 */
char *vbt_fake_root(void);
void vbt_fake_console(const char *root, const char *console, const char *after);

/*
 * Synthetic run folders for the analysis tests: vbt_run_begin starts
 * <dir>/<id>/ with meta.csv, vbt_run_row adds a summary row (statistics
 * computed from v, and its samples unless no_samples), vbt_run_end writes
 * the CSV files. `extra` is ", "-free "col=value;col=value" of further columns
 * (every row of a run must name the same ones), or NULL.
 */
struct vbt_run {
	char *dir, *id, *target, *mode, *policy, *clock, *extra_cols;
	struct vbt_buf summary, samples;
	int no_samples;
	size_t rows; /* summary rows so far: samples.csv names its row by number */
};
void vbt_run_begin(struct vbt_run *r, const char *dir, const char *id, const char *target,
		   const char *mode, const char *policy, const char *extra_cols);
void vbt_run_row(struct vbt_run *r, const char *bench, const char *config, const char *extra,
		 const uint64_t *v, size_t n);
/* A row with status na: no numbers. */
void vbt_run_na(struct vbt_run *r, const char *bench, const char *config, const char *extra);
/* A row with another status (unsupported, ...): no numbers. */
void vbt_run_status(struct vbt_run *r, const char *bench, const char *config, const char *extra,
		    const char *status);
/* The run's clock (icount by default), in meta.csv and every row added after. */
void vbt_run_clock(struct vbt_run *r, const char *clock);
/* A small qemu-a72 lean run in `clock`: `bench` ok (13 each time) or in `status`, and a TLB row. */
void vbt_run_small(const char *dir, const char *id, const char *clock, const char *bench,
		   const char *status);
void vbt_run_end(struct vbt_run *r);

/* n values around `center`, spread uniformly by +-pct %, from a fixed seed. */
void vbt_noise(uint64_t *v, size_t n, double center, double pct, unsigned seed);

/* Fails the test unless haystack contains needle, printing both. */
#define vbt_contains(haystack, needle)                                                 \
	do {                                                                           \
		const char *h_ = (haystack), *n_ = (needle);                           \
		if (!h_ || !strstr(h_, n_))                                            \
			fail_msg("expected \"%s\" in \"%s\"", n_, h_ ? h_ : "(null)"); \
	} while (0)

/* cmocka 1.1.5 (Debian 12) has no assert_double_equal. */
#define vbt_near(a, b, eps)                                                                 \
	do {                                                                                \
		double a_ = (a), b_ = (b);                                                  \
		if (!(fabs(a_ - b_) <= (eps)))                                              \
			fail_msg("%.17g is not within %g of %.17g", a_, (double)(eps), b_); \
	} while (0)

/*
 * The build folder this test program belongs to (BUILD/tests/unit/<folder>/<test>)
 * and the vbench in it; the test fails if vbench is not built.
 */
const char *vbt_build(void);
const char *vbt_vbench(void);

/* "vbench <args>" with the source root's templates, output into files under tmp. */
struct vbt_cli {
	int status;
	char *out, *err;
};
void vbt_cli_run(struct vbt_cli *c, const char *tmp, const char *args);

/* vbench against a fake root (vbt_fake_root) whose build has fake/virt.elf. */
struct vbt_fake_cli {
	char *root, *build, *out, *err;
	int status;
};
void vbt_fake_cli_setup(struct vbt_fake_cli *c);
void vbt_fake_cli_teardown(struct vbt_fake_cli *c);
/* "vbench <args>": exit status, stdout (its last newline cut: a folder's name), stderr. */
void vbt_fake_cli_run(struct vbt_fake_cli *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* dir/name's whole text (NULL if it cannot be read); the caller frees it. */
char *vbt_file_in(const char *dir, const char *name);

#endif
