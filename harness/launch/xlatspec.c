/* Translation configurations as vbench reads them; the images' resolver decides. */
#include "xlatspec.h"

#include <stdio.h>
#include <string.h>

static enum xlat_arch vb_xlat_arch(const char *arch)
{
	return arch && !strcmp(arch, "armv7") ? XLAT_ARMV7 : XLAT_ARMV8;
}

/* "va48" (stage 1) or "ipa40" (stage 2): 1 and the bits if tok is one, else 0 */
static int vb_ia_bits_parse(const char *tok, const char *prefix, uint32_t *bits)
{
	size_t n = strlen(prefix);
	unsigned v = 0;

	if (strncmp(tok, prefix, n) || !tok[n] || strlen(tok + n) > 2)
		return 0;
	for (const char *p = tok + n; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (unsigned)(*p - '0');
	}
	*bits = v;
	return 1;
}

int vb_stage_parse(const char *spec, int stage2, struct vb_stage_cfg *c, struct vb_error *e)
{
	char buf[64], *tok, *next;
	unsigned n = 0;

	memset(c, 0, sizeof(*c));
	if (strlen(spec) >= sizeof(buf) || !*spec)
		return vb_fail(e, "stage %d '%s': expected GRANULE[:MAPPING]%s[:wb|nc]", stage2 + 1,
			       spec, stage2 ? "[:ipaBITS][:lLEVEL]" : "[:vaBITS]");
	strcpy(buf, spec);
	/* every ':' separates two fields: "4k::2m" is a mistake, not "4k:2m" */
	for (tok = buf; tok; tok = next, n++) {
		uint64_t size;

		next = strchr(tok, ':');
		if (next)
			*next++ = '\0';
		if (!strcmp(tok, "wb") || !strcmp(tok, "nc")) {
			c->walk = tok[0] == 'w' ? VB_WALK_WB : VB_WALK_NC;
		} else if (stage2 && tok[0] == 'l' && tok[1] >= '1' && tok[1] <= '3' && !tok[2]) {
			c->start_level = (uint32_t)(tok[1] - '0');
		} else if (n >= 1 && vb_ia_bits_parse(tok, stage2 ? "ipa" : "va", &c->ia_bits)) {
			continue;
		} else if (n < 2 && !xlat_size_parse(tok, &size) && size <= UINT32_MAX) {
			*(n == 0 ? &c->granule : &c->mapping) = (uint32_t)size;
		} else {
			return vb_fail(e, "stage %d '%s': '%s' is not a size, %swb or nc",
				       stage2 + 1, spec, tok,
				       stage2 ? "ipaBITS, a start level l1-l3, " : "vaBITS, ");
		}
	}
	if (!c->granule)
		return vb_fail(e, "stage %d '%s': the granule comes first (4k, 16k or 64k)",
			       stage2 + 1, spec);
	return 0;
}

int vb_stage_check(const struct vb_stage_cfg *c, int stage2, const char *arch, struct vb_error *e)
{
	struct xlat x;
	const char *bad = xlat_resolve(c, stage2, vb_xlat_arch(arch), &x);

	return bad ? vb_fail(e, "stage %d on %s: %s", stage2 + 1, arch, bad) : 0;
}

static size_t vb_stage_name(char *buf, size_t len, const char *prefix, const struct xlat *x)
{
	uint64_t granule = (uint64_t)1 << x->geom.granule_shift;
	char g[12], m[16] = "", l[8] = "", b[8] = "";

	xlat_size_name(g, granule);
	if (x->mapping != granule) {
		m[0] = '-';
		xlat_size_name(m + 1, x->mapping);
	}
	if (x->geom.ia_bits != XLAT_IA_BITS)
		snprintf(b, sizeof(b), "-%s%u", prefix[1] == '1' ? "va" : "ipa", x->geom.ia_bits);
	if (x->geom.start_level != x->default_start)
		snprintf(l, sizeof(l), "-l%u", x->geom.start_level);
	return (size_t)snprintf(buf, len, "%s%s%s%s%s%s", prefix, g, m, b, l,
				x->walk == VB_WALK_NC ? "-nc" : "");
}

void vb_config_name(char *buf, size_t len, const struct vb_stage_cfg *s1,
		    const struct vb_stage_cfg *s2, const char *arch)
{
	struct xlat x1, x2;
	size_t n;

	if (xlat_resolve(s1, 0, vb_xlat_arch(arch), &x1) ||
	    (s2 && xlat_resolve(s2, 1, vb_xlat_arch(arch), &x2))) {
		snprintf(buf, len, "invalid");
		return;
	}
	n = vb_stage_name(buf, len, "s1-", &x1);
	if (s2 && n < len)
		vb_stage_name(buf + n, len - n, "_s2-", &x2);
}

int vb_footprints_parse(const char *list, uint32_t out[VB_PARAMS_MAX_FOOTPRINTS],
			struct vb_error *e)
{
	char buf[512], *tok, *next;
	unsigned n = 0;

	memset(out, 0, VB_PARAMS_MAX_FOOTPRINTS * sizeof(out[0]));
	if (strlen(list) >= sizeof(buf))
		return vb_fail(e, "footprints: list too long (at most %zu characters)",
			       sizeof(buf) - 1);
	if (!*list)
		return vb_fail(e, "footprints: expected sizes like 16k,1m,64m");
	strcpy(buf, list);
	/* every ',' separates two sizes: "16k,,1m" is a mistake, not "16k,1m" */
	for (tok = buf; tok; tok = next) {
		uint64_t size;

		next = strchr(tok, ',');
		if (next)
			*next++ = '\0';
		if (n == VB_PARAMS_MAX_FOOTPRINTS)
			return vb_fail(e, "footprints '%s': at most %d", list,
				       VB_PARAMS_MAX_FOOTPRINTS);
		if (!*tok)
			return vb_fail(e, "footprints '%s': an empty size between commas", list);
		if (xlat_size_parse(tok, &size) || size < 4096 || size > 0x40000000)
			return vb_fail(e, "footprints: '%s' is not a size from 4k to 1g", tok);
		out[n++] = (uint32_t)size;
	}
	if (!n)
		return vb_fail(e, "footprints '%s': expected sizes like 16k,1m,64m", list);
	return 0;
}
