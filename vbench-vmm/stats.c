/* KVM_GET_STATS_FD reader (stats.h). Only single-value u64 counters are kept. */
#include "stats.h"

#include <errno.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

int vmm_stats_open(struct vmm_stats *s, int vcpu_fd)
{
	struct kvm_stats_header h;
	size_t dsize;
	char *descs;

	s->n = 0;
	s->fd = ioctl(vcpu_fd, KVM_GET_STATS_FD, NULL);
	if (s->fd < 0)
		return -1;
	if (pread(s->fd, &h, sizeof(h), 0) != sizeof(h))
		return -1;
	dsize = sizeof(struct kvm_stats_desc) + h.name_size;
	descs = malloc(dsize * h.num_desc);
	if (!descs)
		return -1;
	if (pread(s->fd, descs, dsize * h.num_desc, h.desc_offset) !=
	    (ssize_t)(dsize * h.num_desc)) {
		free(descs);
		errno = EIO;
		return -1;
	}
	for (uint32_t i = 0; i < h.num_desc && s->n < VMM_STATS_MAX; i++) {
		struct kvm_stats_desc *d = (struct kvm_stats_desc *)(descs + i * dsize);

		if (d->size != 1 ||
		    (d->flags & KVM_STATS_TYPE_MASK) == KVM_STATS_TYPE_LINEAR_HIST ||
		    (d->flags & KVM_STATS_TYPE_MASK) == KVM_STATS_TYPE_LOG_HIST)
			continue;
		snprintf(s->name[s->n], sizeof(s->name[0]), "%.*s", (int)h.name_size, d->name);
		s->offset[s->n] = h.data_offset + d->offset;
		s->n++;
	}
	free(descs);
	return 0;
}

static int read_all(struct vmm_stats *s, uint64_t *v)
{
	for (unsigned i = 0; i < s->n; i++)
		if (pread(s->fd, &v[i], sizeof(v[i]), s->offset[i]) != sizeof(v[i]))
			return -1;
	return 0;
}

int vmm_stats_value(struct vmm_stats *s, const char *name, uint64_t *v)
{
	for (unsigned i = 0; i < s->n; i++)
		if (!strcmp(s->name[i], name))
			return pread(s->fd, v, sizeof(*v), s->offset[i]) == sizeof(*v) ? 0 : -1;
	return -1;
}

int vmm_stats_begin(struct vmm_stats *s)
{
	return s->fd < 0 ? 0 : read_all(s, s->before);
}

int vmm_stats_print(struct vmm_stats *s, FILE *out)
{
	uint64_t after[VMM_STATS_MAX];

	if (s->fd < 0)
		return 0;
	if (read_all(s, after))
		return -1;
	for (unsigned i = 0; i < s->n; i++)
		fprintf(out, "vmm: stat %s %llu\n", s->name[i],
			(unsigned long long)(after[i] - s->before[i]));
	return 0;
}
