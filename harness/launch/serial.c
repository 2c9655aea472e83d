/* Opens a board's serial console (or QEMU's pty) raw, at the target file's baud rate. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "launch.h"

static const struct {
	unsigned long baud;
	speed_t speed;
} vb_speeds[] = {
	{ 9600, B9600 },       { 19200, B19200 },     { 38400, B38400 },     { 57600, B57600 },
	{ 115200, B115200 },   { 230400, B230400 },   { 460800, B460800 },   { 500000, B500000 },
	{ 576000, B576000 },   { 921600, B921600 },   { 1000000, B1000000 }, { 1500000, B1500000 },
	{ 2000000, B2000000 }, { 3000000, B3000000 }, { 4000000, B4000000 },
};

int vb_serial_open(const char *dev, unsigned long baud, struct vb_error *e)
{
	struct termios tio;
	speed_t speed = 0;
	int fd;

	for (size_t i = 0; i < sizeof(vb_speeds) / sizeof(vb_speeds[0]); i++)
		if (vb_speeds[i].baud == baud)
			speed = vb_speeds[i].speed;
	if (!speed)
		return vb_fail(e, "serial: unsupported baud rate %lu", baud);
	fd = open(dev, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return vb_fail(e, "cannot open %s: %s", dev, strerror(errno));
	if (tcgetattr(fd, &tio)) {
		vb_fail(e, "%s is not a serial line: %s", dev, strerror(errno));
		close(fd);
		return -1;
	}
	/* Raw 8N1, no flow control, no echo, no line editing: every byte as sent. */
	cfmakeraw(&tio);
	tio.c_cflag |= CLOCAL | CREAD;
	tio.c_cflag &= ~(tcflag_t)(CSTOPB | CRTSCTS);
	tio.c_iflag &= ~(tcflag_t)(IXON | IXOFF | IXANY);
	tio.c_cc[VMIN] = 1;
	tio.c_cc[VTIME] = 0;
	if (cfsetispeed(&tio, speed) || cfsetospeed(&tio, speed) || tcsetattr(fd, TCSANOW, &tio)) {
		vb_fail(e, "%s: cannot set %lu baud raw: %s", dev, baud, strerror(errno));
		close(fd);
		return -1;
	}
	/* What sat in the buffer is from before this run. */
	tcflush(fd, TCIFLUSH);
	return fd;
}
