// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvc-drain: wait until everything written to the console has left the
 * UART. Linked statically into the rig's initramfs; /init runs it before
 * printing the exit marker and before powering off, because a slow
 * emulated serial port (Bochs: 20-60 ms per line) still holds kilobytes of
 * output when the payload finishes, and `poweroff -f` would drop them.
 */
#include <fcntl.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	const char *dev = argc > 1 ? argv[1] : "/dev/console";
	int fd = open(dev, O_WRONLY | O_NOCTTY);

	if (fd < 0) {
		perror(dev);
		return 1;
	}
	if (tcdrain(fd) < 0) {
		perror("tcdrain");
		return 1;
	}
	close(fd);
	return 0;
}
