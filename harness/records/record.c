/* Parses and checks one `@vb1` record: CRC first, then syntax. */
#include "record.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static const char *const vb_type_names[] = {
	[VB_REC_HYP] = "hyp",	      [VB_REC_BEGIN] = "begin", [VB_REC_RESULT] = "result",
	[VB_REC_SAMPLES] = "samples", [VB_REC_ERROR] = "error", [VB_REC_END] = "end",
	[VB_REC_REFUSED] = "refused",
};

uint32_t vb_record_crc(const void *buf, size_t len)
{
	return (uint32_t)crc32(0L, buf, (uInt)len);
}

const char *vb_record_type_name(enum vb_rtype t)
{
	return vb_type_names[t];
}

/* Values are printable ASCII without spaces or '*'; keys are [a-z0-9_]+. */
static bool vb_key_ok(const char *k, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= '0' && k[i] <= '9') || k[i] == '_'))
			return false;
	return true;
}

static bool vb_value_ok(const char *v)
{
	for (; *v; v++)
		if (*v <= ' ' || *v > '~' || *v == '*')
			return false;
	return true;
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

static int vb_parse_head(struct vb_record *rec, char **save, struct vb_error *e)
{
	char *src = strtok_r(rec->text + strlen(VB_RECORD_MAGIC), " ", save);
	char *seq = strtok_r(NULL, " ", save);
	char *type = strtok_r(NULL, " ", save);
	size_t i;

	if (!src || !seq || !type)
		return vb_fail(e, "malformed record: expected '@vb1 <src> <seq> <type>'");
	if (strcmp(src, "g") && strcmp(src, "h"))
		return vb_fail(e, "malformed record: source '%s' is neither g nor h", src);
	rec->src = src[0];
	if (seq[0] == '0' && seq[1] == 'x')
		return vb_fail(e, "malformed record: sequence number '%s' is not decimal", seq);
	if (vb_parse_u64(seq, &rec->seq))
		return vb_fail(e, "malformed record: bad sequence number '%s'", seq);
	for (i = 0; i < sizeof(vb_type_names) / sizeof(vb_type_names[0]); i++)
		if (!strcmp(type, vb_type_names[i]))
			break;
	if (i == sizeof(vb_type_names) / sizeof(vb_type_names[0]))
		return vb_fail(e, "malformed record: unknown type '%s' in %c:%s", type, rec->src,
			       seq);
	rec->type = (enum vb_rtype)i;
	return 0;
}

static int vb_parse_fields(struct vb_record *rec, char **save, struct vb_error *e)
{
	size_t cap = 0;
	char *tok;

	while ((tok = strtok_r(NULL, " ", save))) {
		char *eq = strchr(tok, '=');

		if (!eq || !vb_key_ok(tok, (size_t)(eq - tok)) || !vb_value_ok(eq + 1))
			return vb_fail(e, "malformed record %c:%llu: bad field '%s'", rec->src,
				       (unsigned long long)rec->seq, tok);
		*eq = '\0';
		if (vb_record_get(rec, tok))
			return vb_fail(e, "malformed record %c:%llu: field '%s' given twice",
				       rec->src, (unsigned long long)rec->seq, tok);
		rec->fields = vb_grow(rec->fields, &cap, rec->nfields + 1, sizeof(*rec->fields));
		rec->fields[rec->nfields].key = tok;
		rec->fields[rec->nfields].value = eq + 1;
		rec->nfields++;
	}
	return 0;
}

int vb_record_parse(const char *line, size_t len, struct vb_record *rec, struct vb_error *e)
{
	const char *start;
	size_t rlen, body = 0;
	char *save = NULL;

	memset(rec, 0, sizeof(*rec));
	if (len && line[len - 1] == '\r')
		len--;
	start = vb_find_magic(line, len);
	if (!start)
		return 0;
	rlen = len - (size_t)(start - line);
	if (vb_check_bytes(start, rlen, e) || vb_check_crc(start, rlen, &body, e))
		return -1;
	/* Single spaces only: the CRC covers the exact text, but readers split on ' '. */
	for (const char *sp = start, *end = start + body;
	     (sp = memchr(sp, ' ', (size_t)(end - sp))) && sp + 1 < end; sp++)
		if (sp[1] == ' ')
			return vb_fail(e, "malformed record: two spaces in a row");
	rec->text = vb_xstrndup(start, body - 1);
	rec->textlen = body;
	if (vb_parse_head(rec, &save, e) || vb_parse_fields(rec, &save, e)) {
		vb_record_free(rec);
		return -1;
	}
	return 1;
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
	memcpy(dst->text, src->text, src->textlen);
	dst->fields = vb_xcalloc(src->nfields, sizeof(*dst->fields));
	for (size_t i = 0; i < src->nfields; i++) {
		dst->fields[i].key = dst->text + (src->fields[i].key - src->text);
		dst->fields[i].value = dst->text + (src->fields[i].value - src->text);
	}
}

const char *vb_record_get(const struct vb_record *rec, const char *key)
{
	for (size_t i = 0; i < rec->nfields; i++) /* the first byte rules most out cheaply */
		if (rec->fields[i].key[0] == key[0] && !strcmp(rec->fields[i].key, key))
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
	if (vb_parse_u64(s, val))
		return vb_fail(e, "%c:%llu %s: field %s='%s' is not a number", rec->src,
			       (unsigned long long)rec->seq, vb_record_type_name(rec->type), key,
			       s);
	return 0;
}
