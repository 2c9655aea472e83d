/*
 * A suite in one boot (docs/suites.md): the target starts once; each run
 * is a parameter handshake and a record stream on the same serial line.
 * The line is read a byte at a time, so that a run stops exactly after its
 * end record and the next configuration's hello is left for the next run.
 */
#include "launch.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void vb_session_close(struct vb_session *s)
{
	if (!s->open)
		return;
	if (s->fd >= 0)
		close(s->fd);
	if (s->pid > 0) {
		/* -no-shutdown: QEMU stays stopped at the images' power-off; nothing more to read */
		kill(-s->pid, SIGKILL);
		while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR)
			;
		close(s->out_fd);
	}
	memset(s, 0, sizeof(*s));
}

static int vb_session_open(const struct vb_launch *l, struct vb_session *s, struct vb_error *e)
{
	memset(s, 0, sizeof(*s));
	if (l->target->params_via != VB_PARAMS_SERIAL)
		return vb_fail(e, "%s: one boot for a suite needs params_via = serial",
			       l->target->path);
	if (l->target->launch == VB_LAUNCH_QEMU) {
		if (vb_launch_qemu_start(l, &s->pid, &s->out_fd, s->dev, sizeof(s->dev), e))
			return -1;
	} else {
		snprintf(s->dev, sizeof(s->dev), "%s", l->target->serial);
	}
	s->fd = vb_serial_open(s->dev, (unsigned long)(l->target->baud ? l->target->baud : 115200),
			       e);
	s->open = true;
	if (s->fd < 0) {
		vb_session_close(s);
		return -1;
	}
	return 0;
}

int vb_session_run(const struct vb_launch *l, struct vb_pump *p, struct vb_launch_outcome *o,
		   struct vb_error *e)
{
	struct vb_session *s = l->session;
	int ret;

	if (!s->open && vb_session_open(l, s, e))
		return -1;
	s->runs++;
	p->fd = s->fd;
	p->read_max = 1;
	p->drain_ms = 0; /* what follows the end record is the next configuration's */
	ret = vb_launch_pump_line(l, p, s->dev, o, e);
	p->fd = -1;
	if (!ret && o->how == VB_PUMP_EOF)
		snprintf(o->cut, sizeof(o->cut), "the serial line closed");
	/* After a failure the images' state is not known: the next run boots again. */
	if (ret || o->how != VB_PUMP_STOP || !l->more)
		vb_session_close(s);
	return ret;
}
