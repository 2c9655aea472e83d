/* Translation configurations as data: validated once, for every image and for vbench. */
#include <vb/xlat.h>

static int granule_shift(uint32_t granule)
{
	switch (granule) {
	case 0:
	case 0x1000:
		return 12;
	case 0x4000:
		return 14;
	case 0x10000:
		return 16;
	}
	return -1;
}

const char *xlat_resolve(const struct vb_stage_cfg *c, int stage2, enum xlat_arch arch,
			 struct xlat *x)
{
	int shift = granule_shift(c->granule);
	unsigned natural, first, ia_bits;

	if (shift < 0)
		return "granule_not_4k_16k_or_64k";
	if (arch == XLAT_ARMV7 && shift != 12)
		return "armv7_has_only_4k_granules";
	ia_bits = c->ia_bits ? c->ia_bits : XLAT_IA_BITS;
	if (arch == XLAT_ARMV7 && ia_bits != XLAT_IA_BITS)
		return stage2 ? "armv7_ipa_is_32_bits_here" : "armv7_va_is_32_bits";
	if (ia_bits < XLAT_IA_BITS || ia_bits > XLAT_IA_BITS_MAX)
		return stage2 ? "ipa_bits_not_32_to_48" : "va_bits_not_32_to_48";
	natural = pt_natural_start((unsigned)shift, ia_bits);
	/* VTCR_EL2.SL0 (ARMv8.0) starts 16 and 64 KiB walks at level 1 at the earliest */
	first = stage2 && shift != 12 && natural == 0 ? 1 : natural;
	x->geom = (struct pt_geom){ .granule_shift = (unsigned)shift,
				    .ia_bits = ia_bits,
				    .start_level = c->start_level ? c->start_level : first };
	x->default_start = first;
	if (!stage2 && x->geom.start_level != natural)
		return "stage_1_start_level_follows_the_granule";
	/* a later start only with concatenated tables at stage 2; ARMv7 here: none */
	if (x->geom.start_level != first &&
	    (arch == XLAT_ARMV7 || x->geom.start_level != first + 1))
		return "start_level_not_allowed";
	if (x->geom.start_level > 3 || !pt_leaf_ok(&x->geom, (uint64_t)1 << shift))
		return "start_level_not_allowed"; /* more than 16 concatenated tables */
	x->mapping = c->mapping ? c->mapping : (uint64_t)1 << shift;
	if (!pt_leaf_ok(&x->geom, x->mapping))
		return x->geom.start_level > first ? "start_level_not_allowed" :
						     "mapping_not_a_page_or_block_size";
	if (c->walk > VB_WALK_NC)
		return "walk_not_wb_or_nc";
	x->walk = c->walk == VB_WALK_NC ? VB_WALK_NC : VB_WALK_WB;
	return 0;
}

void xlat_size_name(char *buf, uint64_t bytes)
{
	static const char unit[] = "kmg";
	char digits[24];
	unsigned u = 0, n = 0;

	bytes >>= 10;
	while (bytes >= 1024 && !(bytes & 1023) && u < 2) {
		bytes >>= 10;
		u++;
	}
	do
		digits[n++] = (char)('0' + bytes % 10);
	while ((bytes /= 10) && n < sizeof(digits));
	while (n)
		*buf++ = digits[--n];
	*buf++ = unit[u];
	*buf = '\0';
}

int xlat_size_parse(const char *s, uint64_t *bytes)
{
	uint64_t v = 0;
	unsigned shift = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	switch (*s) {
	case 'k':
		shift = 10;
		s++;
		break;
	case 'm':
		shift = 20;
		s++;
		break;
	case 'g':
		shift = 30;
		s++;
		break;
	}
	/* a shift that drops bits would wrap: 18014398509481988k is not 4k */
	if (*s || v == 0 || v > UINT64_MAX >> shift)
		return -1;
	*bytes = v << shift;
	return 0;
}
