/* One `@vb1` record parsed from a console line (docs/records.md). */
#ifndef VB_RECORD_H
#define VB_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

#define VB_RECORD_MAGIC "@vb1 "

enum vb_rtype {
	VB_REC_HYP,
	VB_REC_BEGIN,
	VB_REC_RESULT,
	VB_REC_SAMPLES,
	VB_REC_ERROR,
	VB_REC_END,
	VB_REC_REFUSED
};

struct vb_field {
	char *key;
	char *value;
};

struct vb_record {
	char src; /* 'g' guest-min, 'h' hyp-min */
	uint64_t seq;
	enum vb_rtype type;
	size_t nfields;
	struct vb_field *fields;  /* in the order written; point into text */
	char *text;		  /* owned copy of the record, split in place */
	size_t textlen;		  /* bytes in text, NUL included */
	size_t textcap, fieldcap; /* allocated: vb_record_reparse reuses them */
};

/*
 * vb_record_reparse leaves this many bytes of text's buffer past its NUL
 * (textcap >= textlen + VB_RECORD_SLACK - 1): 8-byte loads from any byte of
 * the text stay inside it. Copies (vb_record_copy) have none.
 */
#define VB_RECORD_SLACK 8

/* CRC-32 as records carry it (the one zlib's crc32() computes; ISA-L's code). */
uint32_t vb_record_crc(const void *buf, size_t len);

/*
 * Parses the record on a line (without its '\n'; a trailing '\r' is ignored).
 * Returns 0 when the line holds no record (console noise), 1 with *rec
 * filled, -1 when it holds a bad record (CRC mismatch, malformed): e says why.
 */
int vb_record_parse(const char *line, size_t len, struct vb_record *rec, struct vb_error *e);

/*
 * The same into a record parsed before (or zeroed), reusing its text and
 * field buffers: a stream of records allocates nothing per record. rec is
 * freed with vb_record_free once, at the end, whatever was returned.
 */
int vb_record_reparse(const char *line, size_t len, struct vb_record *rec, struct vb_error *e);

void vb_record_free(struct vb_record *rec);
void vb_record_copy(struct vb_record *dst, const struct vb_record *src);

const char *vb_record_type_name(enum vb_rtype t);

/*
 * a equals b: strcmp inline, for the short keys and names compared once or
 * more per record, where the call costs more than the comparison.
 */
static inline int vb_streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* The field's value, or NULL. */
const char *vb_record_get(const struct vb_record *rec, const char *key);

/* A required field: -1 naming the record and key if missing. */
int vb_record_need(const struct vb_record *rec, const char *key, const char **val,
		   struct vb_error *e);

/* A required numeric field: -1 naming the record and key if missing or not a number. */
int vb_record_u64(const struct vb_record *rec, const char *key, uint64_t *val, struct vb_error *e);

#endif
