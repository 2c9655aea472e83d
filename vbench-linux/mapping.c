/*
 * The buffer's backing: 4 KiB pages, transparent huge pages (madvise) or
 * hugetlbfs pages (MAP_HUGETLB with the size asked for), each verified from
 * /proc/self/smaps after every page was touched, never assumed.
 */
#include "vl.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#ifndef MAP_HUGE_SHIFT
#define MAP_HUGE_SHIFT 26
#endif

static const char *field(const char *line, const char *name, uint64_t *kb)
{
	size_t n = strlen(name);

	if (strncmp(line, name, n) || line[n] != ':')
		return NULL;
	*kb = strtoull(line + n + 1, NULL, 10);
	return line;
}

int vl_smaps_find(const char *text, uintptr_t addr, struct vl_smaps *out)
{
	const char *line = text;
	int in = 0;

	memset(out, 0, sizeof(*out));
	while (line && *line) {
		unsigned long long lo, hi;
		char dash;
		uint64_t kb;

		/* a mapping's header: "lo-hi perms offset dev inode [path]" */
		if (sscanf(line, "%llx%c%llx ", &lo, &dash, &hi) == 3 && dash == '-') {
			if (in)
				break;
			in = addr >= lo && addr < hi;
			out->found = in;
		} else if (in && field(line, "Size", &kb)) {
			out->size_kb = kb;
		} else if (in && field(line, "KernelPageSize", &kb)) {
			out->kernel_page_kb = kb;
		} else if (in && field(line, "AnonHugePages", &kb)) {
			out->anon_huge_kb = kb;
		}
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	return out->found ? 0 : -1;
}

int vl_mapping_verify(const struct vl_config *c, const struct vl_smaps *s, uint64_t len, char *why,
		      size_t whylen)
{
	uint64_t want_kb = (c->backing == VL_HUGETLB ? c->page : 4096) / 1024;

	if (!s->found) {
		snprintf(why, whylen, "no_smaps_entry");
		return -1;
	}
	if (s->kernel_page_kb != want_kb) {
		snprintf(why, whylen, "smaps_KernelPageSize_%" PRIu64 "kB", s->kernel_page_kb);
		return -1;
	}
	if (c->backing == VL_THP && s->anon_huge_kb * 1024 < len) {
		snprintf(why, whylen, "smaps_AnonHugePages_%" PRIu64 "kB_of_%" PRIu64 "kB",
			 s->anon_huge_kb, len / 1024);
		return -1;
	}
	if (c->backing == VL_4K && s->anon_huge_kb) {
		snprintf(why, whylen, "smaps_AnonHugePages_%" PRIu64 "kB", s->anon_huge_kb);
		return -1;
	}
	snprintf(why, whylen, "smaps");
	return 0;
}

uint64_t vl_round_len(const struct vl_config *c, uint64_t len)
{
	uint64_t unit = c->backing == VL_4K ? 4096 : c->backing == VL_THP ? 2u << 20 : c->page;

	return (len + unit - 1) / unit * unit;
}

static int read_smaps(char **text)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	size_t cap = 1 << 16, n = 0, got;

	if (!f)
		return -1;
	*text = malloc(cap);
	while (*text && (got = fread(*text + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap)
			*text = realloc(*text, cap *= 2);
	}
	fclose(f);
	if (!*text)
		return -1;
	(*text)[n] = 0;
	return 0;
}

int vl_smaps_self(const void *addr, struct vl_smaps *s, char *why, size_t whylen)
{
	char *text = NULL;
	int r;

	if (read_smaps(&text)) {
		free(text);
		snprintf(why, whylen, "no_/proc/self/smaps");
		return -1;
	}
	r = vl_smaps_find(text, (uintptr_t)addr, s);
	free(text);
	if (r)
		snprintf(why, whylen, "no_smaps_entry");
	return r;
}

static void reason(char *why, size_t len, const char *what, int err)
{
	char *p;

	snprintf(why, len, "%s:%s", what, strerror(err));
	for (p = why; *p; p++)
		if (*p == ' ')
			*p = '_';
}

/* A THP buffer is aligned to 2 MiB inside a larger reservation, so khugepaged need not help. */
static void *map_thp(size_t len)
{
	size_t huge = 2u << 20;
	char *p =
		mmap(NULL, len + huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *a;

	if (p == MAP_FAILED)
		return NULL;
	a = (char *)(((uintptr_t)p + huge - 1) & ~(uintptr_t)(huge - 1));
	if (a > p)
		munmap(p, (size_t)(a - p));
	if (a + len < p + len + huge)
		munmap(a + len, (size_t)(p + len + huge - (a + len)));
	return a;
}

void *vl_map(const struct vl_config *c, uint64_t len, struct vl_smaps *s, char *why, size_t whylen)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS;
	char *p;
	int log2 = __builtin_ctzll(c->page);

	if (c->backing == VL_THP) {
		p = map_thp(len);
		if (!p) {
			reason(why, whylen, "mmap", errno);
			return NULL;
		}
		if (madvise(p, len, MADV_HUGEPAGE)) {
			reason(why, whylen, "madvise_MADV_HUGEPAGE", errno);
			munmap(p, len);
			return NULL;
		}
	} else {
		if (c->backing == VL_HUGETLB)
			flags |= MAP_HUGETLB | (log2 << MAP_HUGE_SHIFT);
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, -1, 0);
		if (p == MAP_FAILED) {
			reason(why, whylen, c->backing == VL_HUGETLB ? "mmap_MAP_HUGETLB" : "mmap",
			       errno);
			return NULL;
		}
		if (c->backing == VL_4K)
			madvise(p, len, MADV_NOHUGEPAGE); /* THP "always" would change it */
	}
	for (uint64_t i = 0; i < len; i += 4096)
		p[i] = 1; /* every page present before smaps is read */
	if (vl_smaps_self(p, s, why, whylen) || vl_mapping_verify(c, s, len, why, whylen)) {
		munmap(p, len);
		return NULL;
	}
	return p;
}

void vl_unmap(void *p, const struct vl_config *c, uint64_t len)
{
	(void)c;
	munmap(p, len);
}
