// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvc-pcicfg: one PCI config-space access by a root-cell program, made
 * the way a program without a driver makes it: through the ports
 * 0xcf8/0xcfc (configuration mechanism #1), past Linux's PCI layer, so
 * that it reaches functions Linux no longer knows.  Linked statically
 * into the rig's initramfs (ci/mkinitramfs) for scenarios that check what
 * the root sees of a function a cell owns.
 *
 *   xvc-pcicfg BB:DD.F REG [SIZE]         print what SIZE bytes at REG read
 *   xvc-pcicfg BB:DD.F REG SIZE VALUE     write VALUE there
 *
 * SIZE is 1, 2 or 4 (default 4); REG is below 0x100 and a multiple of
 * SIZE.  The value read is printed as 0x and 2 * SIZE hex digits.  Exit
 * status 0, 1 if the ports cannot be had, 2 for bad arguments.
 *
 * Under xvcell each CPU has its own address latch (the hypervisor keeps
 * one per CPU), so the program binds itself to the CPU it runs on before
 * selecting the register.  Without xvcell the latch is the chipset's,
 * shared with the kernel, which serializes its own accesses under a lock
 * this program does not take: use it while the kernel leaves PCI alone.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/io.h>

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
#define PCI_ENABLE		0x80000000U

static void usage(void)
{
	fprintf(stderr, "usage: xvc-pcicfg BB:DD.F REG [SIZE [VALUE]]\n");
	exit(2);
}

static unsigned long number(const char *s, unsigned long max)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || end == s || *end || v > max)
		usage();
	return v;
}

static void stay_on_this_cpu(void)
{
	cpu_set_t set;
	int cpu = sched_getcpu();

	if (cpu < 0) {
		perror("sched_getcpu");
		exit(1);
	}
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		perror("sched_setaffinity");
		exit(1);
	}
}

int main(int argc, char **argv)
{
	unsigned int bus, dev, fn, reg, size = 4;
	unsigned long value = 0;
	unsigned short port;
	char tail;

	if (argc < 3 || argc > 5)
		usage();
	if (sscanf(argv[1], "%x:%x.%x%c", &bus, &dev, &fn, &tail) != 3 ||
	    bus > 0xff || dev > 0x1f || fn > 7)
		usage();
	reg = number(argv[2], 0xff);
	if (argc > 3)
		size = number(argv[3], 4);
	if ((size != 1 && size != 2 && size != 4) || reg % size)
		usage();
	if (argc > 4)
		value = number(argv[4], size == 4 ? 0xffffffffUL : (1UL << (8 * size)) - 1);

	stay_on_this_cpu();
	if (ioperm(PCI_CONFIG_ADDRESS, 8, 1)) {
		perror("ioperm 0xcf8-0xcff");
		return 1;
	}
	outl(PCI_ENABLE | bus << 16 | dev << 11 | fn << 8 | (reg & 0xfc),
	     PCI_CONFIG_ADDRESS);
	port = PCI_CONFIG_DATA + (reg & 3);
	if (argc > 4) {
		if (size == 1)
			outb(value, port);
		else if (size == 2)
			outw(value, port);
		else
			outl(value, port);
		return 0;
	}
	if (size == 1)
		value = inb(port);
	else if (size == 2)
		value = inw(port);
	else
		value = inl(port);
	printf("0x%0*lx\n", (int)(2 * size), value);
	return 0;
}
