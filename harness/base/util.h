/* Small helpers shared by the harness: error messages, memory, numbers, paths. */
#ifndef VB_UTIL_H
#define VB_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* vbench's version, in meta.csv and reports. */
#define VBENCH_VERSION "0.1.0"

#define VB_ERR_LEN 768

/*
 * An error message handed back to the caller. Modules never print: the
 * subcommand decides how to report (and tests can look at the text).
 */
struct vb_error {
	char msg[VB_ERR_LEN];
};

/* Sets e->msg (if e is not NULL) and returns -1, so `return vb_fail(...)` reads well. */
int vb_fail(struct vb_error *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Allocation failures end the program: there is nothing sensible to recover. */
void *vb_xmalloc(size_t n);
void *vb_xcalloc(size_t n, size_t size);
void *vb_xrealloc(void *p, size_t n);
char *vb_xstrdup(const char *s);
char *vb_xstrndup(const char *s, size_t n);
char *vb_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * Appends to the text of buf[0..off) and returns its new length, which stays
 * below len: text that does not fit is cut, never written past buf (off may
 * already be at the end). Use it wherever a buffer is filled piece by piece.
 */
size_t vb_catf(char *buf, size_t len, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Returns p grown (cap elements of `size` bytes) so it holds at least `need`. */
void *vb_grow(void *p, size_t *cap, size_t need, size_t size);

/* Decimal, or hexadecimal with 0x, as records and target files write numbers. */
int vb_parse_u64(const char *s, uint64_t *out);

/* "a/b" into buf; -1 if it does not fit. */
int vb_path_join(char *buf, size_t len, const char *a, const char *b);

/* "a, b, c": the files of dir named <name><ext>, without ext, sorted; "" if none. */
void vb_list_names(const char *dir, const char *ext, char *buf, size_t len);

/* "2026-11-27T23:51:00Z" */
void vb_iso_date(char *buf, size_t len, time_t when);

#endif
