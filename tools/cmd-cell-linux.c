// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvcell cell linux CELL.cell KERNEL [-i INITRD] [-c CMDLINE] [-n]
 *
 * Creates the cell, loads a stock Linux kernel with what it needs to boot
 * (linux-boot.c) and starts it.  Everything is checked first: a kernel,
 * initrd or command line that does not fit is refused before the cell
 * exists.  -n stops after the checks and prints the layout.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cellcfg.h>
#include <xvcell/ioctl.h>

#include "linux-boot.h"
#include "xvcell.h"

struct linux_args {
	const char *config, *kernel, *initrd, *cmdline;
	int dry_run;
};

static int parse_args(const struct xvc_command *cmd, int argc, char **argv,
		      struct linux_args *a)
{
	int n, positional = 0;

	*a = (struct linux_args){ .cmdline = "" };
	for (n = 0; n < argc; n++) {
		if (!strcmp(argv[n], "-i") || !strcmp(argv[n], "-c")) {
			if (n + 1 == argc)
				return xvc_usage_error(cmd, "%s needs a value", argv[n]);
			*(argv[n][1] == 'i' ? &a->initrd : &a->cmdline) = argv[n + 1];
			n++;
		} else if (!strcmp(argv[n], "-n") || !strcmp(argv[n], "--dry-run")) {
			a->dry_run = 1;
		} else if (argv[n][0] == '-') {
			return xvc_usage_error(cmd, "unknown option '%s'", argv[n]);
		} else if (positional == 0) {
			a->config = argv[n];
			positional++;
		} else if (positional == 1) {
			a->kernel = argv[n];
			positional++;
		} else {
			return xvc_usage_error(cmd, "unexpected argument '%s'", argv[n]);
		}
	}
	if (positional < 2)
		return xvc_usage_error(cmd, "expected a cell configuration and a kernel");
	return XVC_EXIT_OK;
}

/*
 * The APIC ID of each CPU of the cell, from /proc/cpuinfo: the CPUs are
 * still Linux's, and online, before the cell is created.
 */
static int cell_apic_ids(const struct cellcfg_cell *cell, uint32_t *ids,
			 unsigned int *num)
{
	static uint32_t apic_of[LINUX_MAX_CPUS * 64];
	static uint8_t known[LINUX_MAX_CPUS * 64];
	char line[256];
	unsigned int cpu = 0, value, n = 0;
	uint64_t c;
	FILE *f = fopen("/proc/cpuinfo", "r");

	if (!f) {
		fprintf(stderr, "xvcell: /proc/cpuinfo: %s\n", strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "processor : %u", &value) == 1)
			cpu = value;
		else if (sscanf(line, "apicid : %u", &value) == 1 &&
			 cpu < sizeof(known)) {
			apic_of[cpu] = value;
			known[cpu] = 1;
		}
	}
	fclose(f);
	for (c = 0; c < (uint64_t)cell->cpu_set_words * 64; c++) {
		if (!cellcfg_cell_has_cpu(cell, c))
			continue;
		if (c >= sizeof(known) || !known[c]) {
			fprintf(stderr, "xvcell: CPU %llu of cell \"%s\" is not online, so its APIC ID is unknown (is the cell already created?)\n",
				(unsigned long long)c, cell->desc->name);
			return -1;
		}
		if (n == LINUX_MAX_CPUS) {
			fprintf(stderr, "xvcell: cell \"%s\" has more than %d CPUs\n",
				cell->desc->name, LINUX_MAX_CPUS);
			return -1;
		}
		ids[n++] = apic_of[c];
	}
	*num = n;
	return 0;
}

/* Up to @size bytes of the machine's ACPI table @sig, as Linux found it; -1: none. */
static long read_acpi_table(const char *sig, uint8_t *buf, size_t size)
{
	char path[64];
	size_t len;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/firmware/acpi/tables/%s", sig);
	f = fopen(path, "rb");
	if (!f)
		return -1;
	len = fread(buf, 1, size, f);
	fclose(f);
	return len;
}

/*
 * The ACPI PM timer's port, from the machine's FADT (the 64-bit field
 * where the table has it and it names an I/O port, else the 32-bit one);
 * 0 if there is none.
 */
static uint16_t pm_timer_port(void)
{
	uint8_t fadt[256] = { 0 };
	uint64_t port = 0;
	long len = read_acpi_table("FACP", fadt, sizeof(fadt));

	if (len >= 220 && fadt[208] == 1)	/* X_PM_TMR_BLK in I/O space */
		memcpy(&port, fadt + 212, sizeof(port));
	if (!port && len >= 80)
		memcpy(&port, fadt + 76, 4);	/* PM_TMR_BLK */
	return port <= 0xfffc ? port : 0;
}

/*
 * The machine's MADT (its IOAPICs and ISA IRQ overrides), as Linux found
 * it.  1: none (no ACPI), 0: read, -1: malformed (said why).
 */
static int read_madt(struct linux_firmware *fw)
{
	static uint8_t madt[65536];
	long len = read_acpi_table("APIC", madt, sizeof(madt));

	if (len < 0)
		return 1;
	return linux_parse_madt(madt, len, fw) ? -1 : 0;
}

/* The IRQ in one PNP device's resources if it decodes @port; else LINUX_NO_IRQ. */
static int pnp_device_irq(const char *dev, uint16_t port)
{
	char path[300], line[128];
	unsigned int start, end, irq;
	int decodes = 0, found = LINUX_NO_IRQ;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/bus/pnp/devices/%s/resources", dev);
	f = fopen(path, "r");
	if (!f)
		return LINUX_NO_IRQ;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "io 0x%x-0x%x", &start, &end) == 2 && start == port)
			decodes = 1;
		else if (sscanf(line, "irq %u", &irq) == 1 && found == LINUX_NO_IRQ)
			found = irq;
	}
	fclose(f);
	return decodes ? found : LINUX_NO_IRQ;
}

/*
 * The IRQ the machine's firmware names for the UART at @port: its ACPI
 * description, which Linux's PNP layer lists (whether or not a driver
 * uses it).  LINUX_NO_IRQ if none does.
 */
static int firmware_uart_irq(uint16_t port)
{
	DIR *d = opendir("/sys/bus/pnp/devices");
	struct dirent *de;
	int irq = LINUX_NO_IRQ;

	if (!d)
		return LINUX_NO_IRQ;
	while (irq == LINUX_NO_IRQ && (de = readdir(d)))
		if (de->d_name[0] != '.')
			irq = pnp_device_irq(de->d_name, port);
	closedir(d);
	return irq;
}

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/*
 * The TSC's frequency, measured against Linux's clock over 100 ms: the
 * cell has no PIT or HPET to calibrate it against (the TSC is the same
 * on every CPU of a machine xvcell runs on: constant and synchronised).
 */
static uint32_t measure_tsc_khz(void)
{
	struct timespec pause = { 0, 100 * 1000 * 1000 };
	uint64_t t0 = now_ns(), c0 = rdtsc(), t1, c1;

	nanosleep(&pause, NULL);
	t1 = now_ns();
	c1 = rdtsc();
	return t1 > t0 ? (c1 - c0) * 1000000ULL / (t1 - t0) : 0;
}

static void print_layout(const struct linux_boot *b)
{
	const struct linux_boot_image *img;
	unsigned int n;

	for (n = 0; n < b->num_images; n++) {
		img = &b->images[n];
		if (img->size)
			printf("%-16s 0x%08llx-0x%08llx (%zu bytes)\n", img->what,
			       (unsigned long long)img->target,
			       (unsigned long long)(img->target + img->size - 1),
			       img->size);
	}
	printf("kernel runs up to 0x%llx; RAM at guest 0 ends at 0x%llx\n",
	       (unsigned long long)b->kernel_end, (unsigned long long)b->ram_end);
	printf("command line: %s\n", b->cmdline);
	if (b->uart.ioapic)
		printf("UART interrupt: GSI %u, IOAPIC 0x%llx pin %u\n", b->uart.gsi,
		       (unsigned long long)b->uart.ioapic, b->uart.pin);
	else if (b->uart.why_polled[0])
		printf("UART polled: %s\n", b->uart.why_polled);
}

static int load_and_start(long id, const struct linux_boot *b)
{
	struct xvc_image images[LINUX_NUM_IMAGES];
	struct xvc_cell_load_arg load = { 0 };
	struct xvc_cell_id_arg start = { 0 };
	unsigned int n, count = 0;
	int ret;

	for (n = 0; n < b->num_images; n++) {
		if (!b->images[n].size)
			continue;
		images[count].source = (uintptr_t)b->images[n].data;
		images[count].size = b->images[n].size;
		images[count].target = b->images[n].target;
		count++;
	}
	load.cell_id = id;
	load.num_images = count;
	load.images = (uintptr_t)images;
	ret = xvc_device_ioctl(XVC_IOCTL_CELL_LOAD, &load, "load");
	if (ret)
		return ret;
	start.cell_id = id;
	return xvc_device_ioctl(XVC_IOCTL_CELL_START, &start, "start");
}

static int boot_linux(const struct linux_args *a, struct xvc_file *cfg,
		      struct xvc_file *kernel, struct xvc_file *initrd)
{
	static struct linux_boot boot;
	static struct linux_firmware firmware;
	uint32_t apic_ids[LINUX_MAX_CPUS];
	struct linux_boot_input in = { 0 };
	struct cellcfg_view view;
	long id;
	int ret;

	if (cellcfg_parse_cell(cfg->data, cfg->size, &view, xvc_report_issue,
			       (void *)a->config))
		return XVC_EXIT_VIOLATIONS;
	in.cell = &view.cell;
	in.kernel = kernel->data;
	in.kernel_size = kernel->size;
	in.initrd = a->initrd ? initrd->data : NULL;
	in.initrd_size = a->initrd ? initrd->size : 0;
	in.cmdline = a->cmdline;
	in.tsc_khz = measure_tsc_khz();
	if (linux_boot_layout(&in, a->kernel, a->initrd, &boot))
		return XVC_EXIT_VIOLATIONS;
	if (cell_apic_ids(&view.cell, apic_ids, &in.num_cpus))
		return XVC_EXIT_VIOLATIONS;
	in.apic_ids = apic_ids;
	in.pm_timer_port = pm_timer_port();
	ret = read_madt(&firmware);
	if (ret < 0)
		return XVC_EXIT_VIOLATIONS;
	if (!ret) {
		firmware.uart_irq = firmware_uart_irq(view.cell.desc->console.address);
		in.firmware = &firmware;
	}
	if (linux_boot_tables(&in, &boot))
		return XVC_EXIT_VIOLATIONS;
	if (a->dry_run) {
		print_layout(&boot);
		return XVC_EXIT_OK;
	}
	if (boot.uart.why_polled[0])
		fprintf(stderr, "xvcell: note: cell \"%s\" polls its UART: %s\n",
			view.cell.desc->name, boot.uart.why_polled);
	ret = xvc_create_cell(a->config, &id);
	if (ret)
		return ret;
	ret = load_and_start(id, &boot);
	if (ret)
		fprintf(stderr, "xvcell: cell %ld was created but not started; 'xvcell cell destroy %ld' removes it\n",
			id, id);
	return ret;
}

int xvc_cmd_cell_linux(const struct xvc_command *cmd, int argc, char **argv)
{
	struct xvc_file cfg = { 0 }, kernel = { 0 }, initrd = { 0 };
	struct linux_args a;
	int ret = parse_args(cmd, argc, argv, &a);

	if (ret)
		return ret;
	ret = XVC_EXIT_USAGE;
	if (xvc_read_file(a.config, &cfg) || xvc_read_file(a.kernel, &kernel) ||
	    (a.initrd && xvc_read_file(a.initrd, &initrd)))
		goto out;
	ret = boot_linux(&a, &cfg, &kernel, &initrd);
out:
	xvc_free_file(&cfg);
	xvc_free_file(&kernel);
	xvc_free_file(&initrd);
	return ret;
}
