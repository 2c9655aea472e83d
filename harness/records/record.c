/* Parses and checks one `@vb1` record: CRC first, then syntax. */
#include "record.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <isa-l/crc.h>

static const char *const vb_type_names[] = {
	[VB_REC_HYP] = "hyp",	      [VB_REC_BEGIN] = "begin", [VB_REC_RESULT] = "result",
	[VB_REC_SAMPLES] = "samples", [VB_REC_ERROR] = "error", [VB_REC_END] = "end",
	[VB_REC_REFUSED] = "refused",
};

/*
 * zlib's crc32() (IEEE 802.3, reflected), computed by ISA-L: with the CPU's
 * carry-less multiply it is about five times zlib's tables on records of
 * 180 bytes, where zlib's CRC was the largest part of `vbench parse`
 * (docs/performance.md). test_record checks it against zlib's.
 */
uint32_t vb_record_crc(const void *buf, size_t len)
{
	return crc32_gzip_refl(0, buf, len);
}

const char *vb_record_type_name(enum vb_rtype t)
{
	return vb_type_names[t];
}

/* Keys are [a-z0-9_]+. Values need no check: the record is printable, split at spaces, cut at '*'. */
static const bool vb_key_char[256] = {
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1,
	['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
	['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1,
};

static bool vb_key_ok(const char *k, size_t n)
{
	bool ok = n > 0;

	for (size_t i = 0; i < n; i++)
		ok &= vb_key_char[(unsigned char)k[i]];
	return ok;
}

/* The record starts at the last "@vb1 ": only noise may come before it on the line. */
static const char *vb_find_magic(const char *line, size_t len)
{
	const char *found = NULL, *p = line, *end = line + len;
	size_t ml = strlen(VB_RECORD_MAGIC);

	/* memchr for the rare '@' is much faster than memmem on every line */
	while ((size_t)(end - p) >= ml && (p = memchr(p, '@', (size_t)(end - p) - ml + 1))) {
		if (!memcmp(p, VB_RECORD_MAGIC, ml))
			found = p;
		p++;
	}
	return found;
}

/*
 * A record is printable ASCII: a NUL would cut the text C sees while its
 * length runs on (a `\0key=value` tail hidden behind a valid CRC), and no
 * image writes a control byte inside a record.
 */
#define VB_ONES 0x0101010101010101ull
#define VB_HIGH 0x8080808080808080ull

/*
 * Eight bytes at a time (bit tricks: a byte below 0x20 borrows, one above
 * 0x7e carries into its top bit): nonzero if one may not be printable. It
 * misses none; a false alarm only sends the record to the byte loop.
 */
static uint64_t vb_unprintable8(uint64_t x)
{
	return (((x - VB_ONES * 0x20) & ~x) | ((x + VB_ONES * (127 - 0x7e)) | x)) & VB_HIGH;
}

/* Nonzero if some byte of x may be a space and the same byte of y too (no misses). */
static uint64_t vb_spaces8(uint64_t x, uint64_t y)
{
	x ^= VB_ONES * ' ';
	y ^= VB_ONES * ' ';
	return (x - VB_ONES) & ~x & (y - VB_ONES) & ~y & VB_HIGH;
}

/*
 * The first c in [p, end), or NULL: memchr inline, eight bytes at a time.
 * Fields are a few bytes long, where a call to memchr costs more than the
 * search. The lowest flagged byte of a word is always a real match.
 */
static char *vb_find(char *p, const char *end, char c)
{
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
	return memchr(p, c, (size_t)(end - p)); /* the lowest byte is not the first */
#endif
	for (uint64_t w; p + 8 <= end; p += 8) {
		uint64_t hit;

		memcpy(&w, p, 8);
		w ^= VB_ONES * (unsigned char)c;
		hit = (w - VB_ONES) & ~w & VB_HIGH;
		if (hit)
			return p + (__builtin_ctzll(hit) >> 3);
	}
	for (; p < end; p++)
		if (*p == c)
			return p;
	return NULL;
}

/*
 * Whether rec[0, len) is printable, and where its first two spaces in a row
 * are (len if nowhere): both in one pass, eight bytes at a time while no
 * word raises either flag, then byte by byte from the first that does.
 */
static bool vb_scan_bytes(const char *rec, size_t len, size_t *pair)
{
	bool ok = true;
	size_t i = 0;

	for (uint64_t w, v; i + 9 <= len; i += 8) {
		memcpy(&w, rec + i, 8);
		memcpy(&v, rec + i + 1, 8);
		if (vb_unprintable8(w) | vb_spaces8(w, v))
			break;
	}
	*pair = len;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)rec[i];

		ok &= c >= ' ' && c <= '~';
		if (*pair == len && c == ' ' && i + 1 < len && rec[i + 1] == ' ')
			*pair = i;
	}
	return ok;
}

/* A record whose vb_scan_bytes found a byte that is not printable: which one. */
static int vb_check_bytes(const char *rec, size_t len, struct vb_error *e)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)rec[i];

		if (c < ' ' || c > '~')
			return vb_fail(
				e,
				"bad record: byte 0x%02x at byte %zu of the record (a record is "
				"printable ASCII)",
				c, i + 1);
	}
	return 0;
}

static int vb_check_crc(const char *rec, size_t len, size_t *body, struct vb_error *e)
{
	const char *star = memchr(rec, '*', len);
	char want[9];
	uint32_t crc;

	if (!star || star[-1] != ' ')
		return vb_fail(e, "record CRC mismatch: no ' *<crc>' (record cut short?)");
	*body = (size_t)(star - rec);
	crc = vb_record_crc(rec, *body);
	for (int i = 7; i >= 0; i--, crc >>= 4) /* "%08x", without printf on every record */
		want[i] = "0123456789abcdef"[crc & 0xf];
	want[8] = '\0';
	if (len - *body - 1 != 8 || memcmp(star + 1, want, 8))
		return vb_fail(e, "record CRC mismatch (record says '%.*s', computed %s)",
			       (int)(len - *body - 1), star + 1, want);
	return 0;
}

/* A decimal number: digits only, no "0x" (vb_parse_u64 would take it as hex). */
static int vb_decimal(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n && n <= 19) { /* 19 digits cannot overflow */
		for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			v = v * 10 + (uint64_t)(s[i] - '0');
		if (i == n) {
			*out = v;
			return 0;
		}
	}
	if (s[0] == '0' && s[1] == 'x')
		return -1;
	return vb_parse_u64(s, out);
}

static int vb_parse_head(struct vb_record *rec, char **tok, const size_t *len, struct vb_error *e)
{
	const char *src = tok[0], *seq = tok[1], *type = tok[2];
	size_t i;

	if ((src[0] != 'g' && src[0] != 'h') || src[1])
		return vb_fail(e, "malformed record: source '%s' is neither g nor h", src);
	rec->src = src[0];
	if (seq[0] == '0' && seq[1] == 'x')
		return vb_fail(e, "malformed record: sequence number '%s' is not decimal", seq);
	if (vb_decimal(seq, len[1], &rec->seq))
		return vb_fail(e, "malformed record: bad sequence number '%s'", seq);
	for (i = 0; i < sizeof(vb_type_names) / sizeof(vb_type_names[0]); i++)
		if (type[0] == vb_type_names[i][0] && !strcmp(type, vb_type_names[i]))
			break;
	if (i == sizeof(vb_type_names) / sizeof(vb_type_names[0]))
		return vb_fail(e, "malformed record: unknown type '%s' in %c:%s", type, rec->src,
			       seq);
	rec->type = (enum vb_rtype)i;
	return 0;
}

/* Is key among the fields so far? vb_record_get without its call, on every field. */
static bool vb_has_key(const struct vb_record *rec, const char *key)
{
	for (size_t i = 0; i < rec->nfields; i++)
		if (rec->fields[i].key[0] == key[0] && vb_streq(rec->fields[i].key, key))
			return true;
	return false;
}

/* Token k (from 3 on) is field k - 3: "key=value", split at its first '='. */
static int vb_parse_field(struct vb_record *rec, char *tok, size_t len, struct vb_error *e)
{
	char *eq = vb_find(tok, tok + len, '=');

	if (!eq || !vb_key_ok(tok, (size_t)(eq - tok)))
		return vb_fail(e, "malformed record %c:%llu: bad field '%s'", rec->src,
			       (unsigned long long)rec->seq, tok);
	*eq = '\0';
	if (vb_has_key(rec, tok))
		return vb_fail(e, "malformed record %c:%llu: field '%s' given twice", rec->src,
			       (unsigned long long)rec->seq, tok);
	rec->fields[rec->nfields].key = tok;
	rec->fields[rec->nfields].value = eq + 1;
	rec->nfields++;
	return 0;
}

/*
 * Splits rec->text (n bytes, NUL-terminated, after its magic) at its single
 * spaces in place, into rec->fields, which grows only past its capacity.
 */
static int vb_split(struct vb_record *rec, size_t n, struct vb_error *e)
{
	char *head[3], *p = rec->text + strlen(VB_RECORD_MAGIC), *end = rec->text + n;
	size_t hlen[3], k = 0;

	if (p >= end)
		return vb_fail(e, "malformed record: expected '@vb1 <src> <seq> <type>'");
	for (;; k++) {
		char *sp = vb_find(p, end, ' ');
		size_t len = (size_t)((sp ? sp : end) - p);

		if (sp)
			*sp = '\0';
		if (k < 3) {
			head[k] = p;
			hlen[k] = len;
			if (k == 2 && vb_parse_head(rec, head, hlen, e))
				return -1;
		} else {
			if (rec->nfields == rec->fieldcap)
				rec->fields = vb_grow(rec->fields, &rec->fieldcap, rec->nfields + 1,
						      sizeof(*rec->fields));
			if (vb_parse_field(rec, p, len, e))
				return -1;
		}
		if (!sp)
			break;
		p = sp + 1;
	}
	if (k < 2)
		return vb_fail(e, "malformed record: expected '@vb1 <src> <seq> <type>'");
	return 0;
}

int vb_record_reparse(const char *line, size_t len, struct vb_record *rec, struct vb_error *e)
{
	const char *start;
	size_t rlen, body = 0, pair;

	rec->src = 0;
	rec->seq = 0;
	rec->type = VB_REC_HYP;
	rec->nfields = 0;
	rec->textlen = 0;
	if (len && line[len - 1] == '\r')
		len--;
	start = vb_find_magic(line, len);
	if (!start)
		return 0;
	rlen = len - (size_t)(start - line);
	if ((!vb_scan_bytes(start, rlen, &pair) && vb_check_bytes(start, rlen, e)) ||
	    vb_check_crc(start, rlen, &body, e))
		return -1;
	/* Single spaces only: the CRC covers the exact text, but readers split on ' '. */
	if (pair + 1 < body)
		return vb_fail(e, "malformed record: two spaces in a row");
	/*
	 * the text without " *<crc>", in the record's own buffer: no allocation once
	 * it fits; VB_RECORD_SLACK more, so readers may load 8 bytes at any byte of it
	 */
	if (body + VB_RECORD_SLACK > rec->textcap)
		rec->text = vb_grow(rec->text, &rec->textcap, body + VB_RECORD_SLACK, 1);
	memcpy(rec->text, start, body - 1);
	rec->text[body - 1] = '\0';
	rec->textlen = body;
	return vb_split(rec, body - 1, e) ? -1 : 1;
}

int vb_record_parse(const char *line, size_t len, struct vb_record *rec, struct vb_error *e)
{
	int got;

	memset(rec, 0, sizeof(*rec));
	got = vb_record_reparse(line, len, rec, e);
	if (got <= 0)
		vb_record_free(rec);
	return got;
}

void vb_record_free(struct vb_record *rec)
{
	free(rec->fields);
	free(rec->text);
	memset(rec, 0, sizeof(*rec));
}

void vb_record_copy(struct vb_record *dst, const struct vb_record *src)
{
	*dst = *src;
	dst->text = vb_xmalloc(src->textlen);
	dst->textcap = src->textlen;
	memcpy(dst->text, src->text, src->textlen);
	dst->fields = vb_xcalloc(src->nfields, sizeof(*dst->fields));
	dst->fieldcap = src->nfields;
	for (size_t i = 0; i < src->nfields; i++) {
		dst->fields[i].key = dst->text + (src->fields[i].key - src->text);
		dst->fields[i].value = dst->text + (src->fields[i].value - src->text);
	}
}

const char *vb_record_get(const struct vb_record *rec, const char *key)
{
	for (size_t i = 0; i < rec->nfields; i++)
		if (vb_streq(rec->fields[i].key, key))
			return rec->fields[i].value;
	return NULL;
}

int vb_record_need(const struct vb_record *rec, const char *key, const char **val,
		   struct vb_error *e)
{
	*val = vb_record_get(rec, key);
	if (!*val)
		return vb_fail(e, "%c:%llu %s: missing field '%s'", rec->src,
			       (unsigned long long)rec->seq, vb_record_type_name(rec->type), key);
	return 0;
}

int vb_record_u64(const struct vb_record *rec, const char *key, uint64_t *val, struct vb_error *e)
{
	const char *s;

	if (vb_record_need(rec, key, &s, e))
		return -1;
	if (vb_decimal(s, strlen(s), val) && vb_parse_u64(s, val)) /* hex too: 0x... */
		return vb_fail(e, "%c:%llu %s: field %s='%s' is not a number", rec->src,
			       (unsigned long long)rec->seq, vb_record_type_name(rec->type), key,
			       s);
	return 0;
}
