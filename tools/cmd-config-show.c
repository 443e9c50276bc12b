// SPDX-License-Identifier: GPL-2.0-only
/*
 * xvcell config show FILE.cell [--json]
 *
 * Prints everything a system or cell configuration contains, as text for
 * people or as one JSON object for scripts.  Violations found while
 * parsing go to stderr (text) or into "violations" (JSON); exit status as
 * for "config check".
 */
#include <stdio.h>
#include <string.h>

#include "xvcell.h"
#include "cellcfg.h"

#define XVC_MAX_ISSUES	64

struct xvc_issues {
	uint32_t count;
	char text[XVC_MAX_ISSUES][256];
};

static void xvc_collect_issue(const struct cellcfg_issue *issue, void *ctx)
{
	struct xvc_issues *issues = ctx;

	if (issues->count < XVC_MAX_ISSUES)
		cellcfg_format(issue, issues->text[issues->count],
			       sizeof(issues->text[0]));
	issues->count++;
}

struct xvc_flag_name {
	uint64_t bit;
	const char *name;
};

static const struct xvc_flag_name xvc_mem_flags[] = {
	{ XVC_MEM_READ, "read" },
	{ XVC_MEM_WRITE, "write" },
	{ XVC_MEM_EXECUTE, "execute" },
	{ XVC_MEM_DMA, "dma" },
	{ XVC_MEM_IO, "io" },
	{ XVC_MEM_COMM_REGION, "comm-region" },
	{ XVC_MEM_LOADABLE, "loadable" },
	{ XVC_MEM_ROOTSHARED, "rootshared" },
	{ 0, NULL },
};

static const struct xvc_flag_name xvc_msr_flags[] = {
	{ XVC_MSR_READ, "read" },
	{ XVC_MSR_WRITE, "write" },
	{ 0, NULL },
};

static const struct xvc_flag_name xvc_cell_flags[] = {
	{ XVC_CELL_CONSOLE_HYPERCALL, "console-hypercall" },
	{ XVC_CELL_ABSENT_UNGRANTED, "absent-ungranted" },
	{ 0, NULL },
};

static const char *xvc_console_type(uint16_t type)
{
	switch (type) {
	case XVC_CON_NONE:
		return "none";
	case XVC_CON_UART_8250_PIO:
		return "uart-8250-pio";
	case XVC_CON_UART_8250_MMIO:
		return "uart-8250-mmio";
	default:
		return "unknown";
	}
}

static const char *xvc_iommu_type(uint16_t type)
{
	switch (type) {
	case XVC_IOMMU_INTEL:
		return "intel";
	case XVC_IOMMU_AMD:
		return "amd";
	default:
		return "unknown";
	}
}

static void xvc_print_bdf(uint16_t domain, uint16_t bdf)
{
	printf("%04x:%02x:%02x.%x", domain, bdf >> 8, (bdf >> 3) & 0x1f,
	       bdf & 7);
}

/* --- text ------------------------------------------------------------- */

static void xvc_text_flags(uint64_t flags, const struct xvc_flag_name *names)
{
	const char *sep = "";

	for (; names->name; names++) {
		if (flags & names->bit) {
			printf("%s%s", sep, names->name);
			sep = " ";
		}
		flags &= ~names->bit;
	}
	if (flags)
		printf("%sunknown(0x%llx)", sep, (unsigned long long)flags);
	else if (!*sep)
		printf("none");
}

static void xvc_text_cpus(const struct cellcfg_cell *cell)
{
	uint64_t cpu, last, limit = (uint64_t)cell->cpu_set_words * 64;
	const char *sep = "";

	for (cpu = 0; cpu < limit; cpu++) {
		if (!cellcfg_cell_has_cpu(cell, cpu))
			continue;
		last = cpu;
		while (last + 1 < limit && cellcfg_cell_has_cpu(cell, last + 1))
			last++;
		if (last == cpu)
			printf("%s%llu", sep, (unsigned long long)cpu);
		else
			printf("%s%llu-%llu", sep, (unsigned long long)cpu,
			       (unsigned long long)last);
		sep = ",";
		cpu = last;
	}
	if (!*sep)
		printf("none");
}

static void xvc_text_console(const char *what, const struct xvc_console *con)
{
	printf("%s: %s", what, xvc_console_type(con->type));
	if (con->type != XVC_CON_NONE)
		printf(" at 0x%llx, size %u, divider %u",
		       (unsigned long long)con->address, con->size,
		       con->divider);
	printf("\n");
}

static void xvc_text_memory(const struct cellcfg_cell *cell)
{
	const struct xvc_memory_region *mem;
	uint32_t i;

	printf("  memory regions: %u\n", cell->num_memory);
	for (i = 0; i < cell->num_memory; i++) {
		mem = &cell->memory[i];
		printf("    %u: phys 0x%llx -> guest 0x%llx, size 0x%llx, ", i,
		       (unsigned long long)mem->phys_start,
		       (unsigned long long)mem->virt_start,
		       (unsigned long long)mem->size);
		xvc_text_flags(mem->flags, xvc_mem_flags);
		printf("\n");
	}
}

static void xvc_text_ports_and_msrs(const struct cellcfg_cell *cell)
{
	uint32_t i;

	printf("  I/O port ranges: %u\n", cell->num_pio);
	for (i = 0; i < cell->num_pio; i++)
		printf("    %u: 0x%x, %u ports\n", i, cell->pio[i].start,
		       cell->pio[i].length);
	printf("  MSR ranges: %u\n", cell->num_msr);
	for (i = 0; i < cell->num_msr; i++) {
		printf("    %u: 0x%x, %u MSRs, ", i, cell->msr[i].first,
		       cell->msr[i].count);
		xvc_text_flags(cell->msr[i].flags, xvc_msr_flags);
		printf("\n");
	}
}

static void xvc_text_irqchips(const struct cellcfg_cell *cell)
{
	const struct xvc_irqchip *chip;
	uint32_t i, w;

	printf("  irqchips: %u\n", cell->num_irqchips);
	for (i = 0; i < cell->num_irqchips; i++) {
		chip = &cell->irqchips[i];
		printf("    %u: IOAPIC 0x%llx, pin base %u, bitmap", i,
		       (unsigned long long)chip->address, chip->pin_base);
		for (w = 0; w < XVC_IRQCHIP_PINS / 32; w++)
			printf(" %08x", chip->pin_bitmap[w]);
		printf("\n");
	}
}

static const char *const xvc_bar_kinds[XVC_PCI_BAR_KIND_MAX + 1] = {
	[XVC_PCI_BAR_NONE] = "none",
	[XVC_PCI_BAR_IO] = "io",
	[XVC_PCI_BAR_MEM32] = "mem32",
	[XVC_PCI_BAR_MEM64] = "mem64",
	[XVC_PCI_BAR_MEM64_HIGH] = "mem64-high",
};

/* Any byte: a blob with violations is shown too. */
static const char *xvc_bar_kind(uint8_t kind)
{
	return kind <= XVC_PCI_BAR_KIND_MAX ? xvc_bar_kinds[kind] : "?";
}

static void xvc_text_pci_device(const struct xvc_pci_device *dev)
{
	uint32_t b;

	printf(" %s, IOMMU ",
	       dev->type == XVC_PCI_TYPE_BRIDGE ? "bridge" : "device");
	if (dev->iommu == XVC_PCI_NO_IOMMU)
		printf("none\n");
	else
		printf("%u\n", dev->iommu);
	for (b = 0; b < XVC_PCI_NUM_BARS; b++)
		if (dev->bar_kind[b] != XVC_PCI_BAR_NONE &&
		    dev->bar_kind[b] != XVC_PCI_BAR_MEM64_HIGH)
			printf("      BAR%u: %s, 0x%llx bytes\n", b,
			       xvc_bar_kind(dev->bar_kind[b]),
			       (unsigned long long)dev->bar_size[b]);
	if (dev->msi_cap)
		printf("      MSI: capability 0x%x, %u vectors\n",
		       dev->msi_cap, dev->num_msi_vectors);
	if (dev->msix_cap)
		printf("      MSI-X: capability 0x%x, %u entries, table BAR%u+0x%x, PBA BAR%u+0x%x\n",
		       dev->msix_cap, dev->msix_table_entries,
		       dev->msix_table_bar, dev->msix_table_offset,
		       dev->msix_pba_bar, dev->msix_pba_offset);
	if (dev->intx == XVC_PCI_INTX_GSI)
		printf("      INTx: GSI %u\n", dev->intx_gsi);
	else
		printf("      INTx: none or not known (a cell may not turn it on)\n");
}

static void xvc_text_pci(const struct cellcfg_cell *cell)
{
	uint32_t i;

	printf("  PCI devices: %u\n", cell->num_pci);
	for (i = 0; i < cell->num_pci; i++) {
		printf("    %u: ", i);
		xvc_print_bdf(cell->pci[i].domain, cell->pci[i].bdf);
		xvc_text_pci_device(&cell->pci[i]);
	}
}

static void xvc_text_cell(const struct cellcfg_cell *cell, int root)
{
	const struct xvc_cell_desc *desc = cell->desc;

	printf("%s \"%.*s\"\n", root ? "root cell" : "cell",
	       XVC_CELL_NAME_LEN, desc->name);
	printf("  flags: ");
	xvc_text_flags(desc->flags, xvc_cell_flags);
	printf("\n  CPUs: ");
	xvc_text_cpus(cell);
	printf("\n");
	if (!root)
		printf("  reset address: 0x%llx\n",
		       (unsigned long long)desc->reset_address);
	xvc_text_console("  console", &desc->console);
	xvc_text_memory(cell);
	xvc_text_ports_and_msrs(cell);
	xvc_text_irqchips(cell);
	xvc_text_pci(cell);
}

static void xvc_text_platform(const struct xvc_platform *p)
{
	uint32_t i;

	printf("platform:\n");
	if (p->mmconfig_base)
		printf("  MMCONFIG: 0x%llx, buses 0-%u\n",
		       (unsigned long long)p->mmconfig_base,
		       p->mmconfig_end_bus);
	else
		printf("  MMCONFIG: none\n");
	printf("  PM timer port: 0x%x\n", p->pm_timer_port);
	printf("  TSC: %u kHz, APIC timer: %u kHz (0 = calibrate)\n",
	       p->tsc_khz, p->apic_khz);
	for (i = 0; i < p->num_ioapics && i < XVC_MAX_IOAPICS; i++)
		printf("  IOAPIC %u: 0x%llx, GSI base %u, id %u, source "
		       "%02x:%02x.%x\n", i,
		       (unsigned long long)p->ioapics[i].address,
		       p->ioapics[i].gsi_base, p->ioapics[i].id,
		       p->ioapics[i].source_id >> 8,
		       (p->ioapics[i].source_id >> 3) & 0x1f,
		       p->ioapics[i].source_id & 7);
	for (i = 0; i < p->num_iommus && i < XVC_MAX_IOMMUS; i++)
		printf("  IOMMU %u: %s at 0x%llx, size 0x%x\n", i,
		       xvc_iommu_type(p->iommus[i].type),
		       (unsigned long long)p->iommus[i].base,
		       p->iommus[i].size);
}

static void xvc_text_view(const struct xvc_file *file,
			  const struct cellcfg_view *view)
{
	const struct xvc_system_desc *sys = view->system;

	printf("%s: %s configuration, revision %u, %u bytes\n", file->path,
	       sys ? "system" : "cell", view->header->revision,
	       view->header->total_size);
	if (sys) {
		printf("hypervisor memory: 0x%llx, size 0x%llx\n",
		       (unsigned long long)sys->hypervisor_memory.phys_start,
		       (unsigned long long)sys->hypervisor_memory.size);
		xvc_text_console("debug console", &sys->debug_console);
		xvc_text_platform(&sys->platform);
	}
	xvc_text_cell(&view->cell, sys != NULL);
}

/* --- JSON ------------------------------------------------------------- */

static void xvc_json_string(const char *s, size_t max)
{
	size_t i;

	putchar('"');
	for (i = 0; i < max && s[i]; i++) {
		unsigned char c = s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void xvc_json_flags(uint64_t flags, const struct xvc_flag_name *names)
{
	const char *sep = "";

	printf("[");
	for (; names->name; names++) {
		if (flags & names->bit) {
			printf("%s\"%s\"", sep, names->name);
			sep = ", ";
		}
	}
	printf("]");
}

static void xvc_json_console(const struct xvc_console *con)
{
	printf("{\"type\": \"%s\", \"type_value\": %u, \"address\": %llu, "
	       "\"size\": %u, \"divider\": %u}", xvc_console_type(con->type),
	       con->type, (unsigned long long)con->address, con->size,
	       con->divider);
}

static void xvc_json_cpus(const struct cellcfg_cell *cell)
{
	uint64_t cpu, limit = (uint64_t)cell->cpu_set_words * 64;
	const char *sep = "";

	printf("[");
	for (cpu = 0; cpu < limit; cpu++) {
		if (cellcfg_cell_has_cpu(cell, cpu)) {
			printf("%s%llu", sep, (unsigned long long)cpu);
			sep = ", ";
		}
	}
	printf("]");
}

static void xvc_json_memory(const struct cellcfg_cell *cell)
{
	const struct xvc_memory_region *mem;
	uint32_t i;

	printf("[");
	for (i = 0; i < cell->num_memory; i++) {
		mem = &cell->memory[i];
		printf("%s\n      {\"phys_start\": %llu, \"virt_start\": %llu, "
		       "\"size\": %llu, \"flags_value\": %llu, \"flags\": ",
		       i ? "," : "", (unsigned long long)mem->phys_start,
		       (unsigned long long)mem->virt_start,
		       (unsigned long long)mem->size,
		       (unsigned long long)mem->flags);
		xvc_json_flags(mem->flags, xvc_mem_flags);
		printf("}");
	}
	printf("]");
}

static void xvc_json_ports_and_msrs(const struct cellcfg_cell *cell)
{
	uint32_t i;

	printf(",\n    \"pio\": [");
	for (i = 0; i < cell->num_pio; i++)
		printf("%s{\"start\": %u, \"length\": %u}", i ? ", " : "",
		       cell->pio[i].start, cell->pio[i].length);
	printf("],\n    \"msr\": [");
	for (i = 0; i < cell->num_msr; i++) {
		printf("%s\n      {\"first\": %u, \"count\": %u, "
		       "\"flags_value\": %u, \"flags\": ", i ? "," : "",
		       cell->msr[i].first, cell->msr[i].count,
		       cell->msr[i].flags);
		xvc_json_flags(cell->msr[i].flags, xvc_msr_flags);
		printf("}");
	}
	printf("]");
}

/* Raw fields, as in cell-config.h. */
static void xvc_json_pci_device(const struct xvc_pci_device *dev, uint32_t i)
{
	uint32_t b;

	printf("%s{\"type\": %u, \"domain\": %u, \"bdf\": %u, "
	       "\"iommu\": %u, \"bars\": [", i ? ", " : "", dev->type,
	       dev->domain, dev->bdf, dev->iommu);
	for (b = 0; b < XVC_PCI_NUM_BARS; b++)
		printf("%s{\"kind\": \"%s\", \"size\": %llu}", b ? ", " : "",
		       xvc_bar_kind(dev->bar_kind[b]),
		       (unsigned long long)dev->bar_size[b]);
	printf("], \"msi_cap\": %u, \"num_msi_vectors\": %u, "
	       "\"msix_cap\": %u, \"msix_table_entries\": %u, "
	       "\"msix_table_bar\": %u, \"msix_table_offset\": %u, "
	       "\"msix_pba_bar\": %u, \"msix_pba_offset\": %u, "
	       "\"intx\": %u, \"intx_gsi\": %u}",
	       dev->msi_cap, dev->num_msi_vectors, dev->msix_cap,
	       dev->msix_table_entries, dev->msix_table_bar,
	       dev->msix_table_offset, dev->msix_pba_bar,
	       dev->msix_pba_offset, dev->intx, dev->intx_gsi);
}

static void xvc_json_irqchips_and_pci(const struct cellcfg_cell *cell)
{
	const struct xvc_irqchip *chip;
	uint32_t i, w;

	printf(",\n    \"irqchips\": [");
	for (i = 0; i < cell->num_irqchips; i++) {
		chip = &cell->irqchips[i];
		printf("%s{\"address\": %llu, \"pin_base\": %u, "
		       "\"pin_bitmap\": [", i ? ", " : "",
		       (unsigned long long)chip->address, chip->pin_base);
		for (w = 0; w < XVC_IRQCHIP_PINS / 32; w++)
			printf("%s%u", w ? ", " : "", chip->pin_bitmap[w]);
		printf("]}");
	}
	printf("],\n    \"pci\": [");
	for (i = 0; i < cell->num_pci; i++)
		xvc_json_pci_device(&cell->pci[i], i);
	printf("]");
}

static void xvc_json_cell(const struct cellcfg_cell *cell)
{
	const struct xvc_cell_desc *desc = cell->desc;

	printf("{\n    \"name\": ");
	xvc_json_string(desc->name, XVC_CELL_NAME_LEN);
	printf(",\n    \"flags_value\": %u, \"flags\": ", desc->flags);
	xvc_json_flags(desc->flags, xvc_cell_flags);
	printf(",\n    \"cpus\": ");
	xvc_json_cpus(cell);
	printf(",\n    \"reset_address\": %llu",
	       (unsigned long long)desc->reset_address);
	printf(",\n    \"console\": ");
	xvc_json_console(&desc->console);
	printf(",\n    \"memory\": ");
	xvc_json_memory(cell);
	xvc_json_ports_and_msrs(cell);
	xvc_json_irqchips_and_pci(cell);
	printf("\n  }");
}

static void xvc_json_platform(const struct xvc_platform *p)
{
	uint32_t i;

	printf("{\"mmconfig_base\": %llu, \"mmconfig_end_bus\": %u, "
	       "\"pm_timer_port\": %u, \"tsc_khz\": %u, \"apic_khz\": %u,\n"
	       "    \"ioapics\": [", (unsigned long long)p->mmconfig_base,
	       p->mmconfig_end_bus, p->pm_timer_port, p->tsc_khz,
	       p->apic_khz);
	for (i = 0; i < p->num_ioapics && i < XVC_MAX_IOAPICS; i++)
		printf("%s{\"address\": %llu, \"gsi_base\": %u, "
		       "\"source_id\": %u, \"id\": %u}", i ? ", " : "",
		       (unsigned long long)p->ioapics[i].address,
		       p->ioapics[i].gsi_base, p->ioapics[i].source_id,
		       p->ioapics[i].id);
	printf("],\n    \"iommus\": [");
	for (i = 0; i < p->num_iommus && i < XVC_MAX_IOMMUS; i++)
		printf("%s{\"type\": \"%s\", \"base\": %llu, \"size\": %u, "
		       "\"amd_bdf\": %u, \"amd_cap_offset\": %u}",
		       i ? ", " : "", xvc_iommu_type(p->iommus[i].type),
		       (unsigned long long)p->iommus[i].base,
		       p->iommus[i].size, p->iommus[i].amd_bdf,
		       p->iommus[i].amd_cap_offset);
	printf("]}");
}

static void xvc_json_issues(const struct xvc_issues *issues)
{
	uint32_t i;

	printf("  \"violations\": [");
	for (i = 0; i < issues->count && i < XVC_MAX_ISSUES; i++) {
		printf("%s\n    ", i ? "," : "");
		xvc_json_string(issues->text[i], sizeof(issues->text[i]));
	}
	printf("]");
}

static void xvc_json_view(const struct xvc_file *file,
			  const struct cellcfg_view *view,
			  const struct xvc_issues *issues)
{
	const struct xvc_system_desc *sys = view->system;

	printf("{\n  \"file\": ");
	xvc_json_string(file->path, (size_t)-1);
	printf(",\n  \"valid\": %s,\n", issues->count ? "false" : "true");
	xvc_json_issues(issues);
	if (view->usable) {
		printf(",\n  \"kind\": \"%s\", \"revision\": %u, \"arch\": %u, "
		       "\"total_size\": %u", sys ? "system" : "cell",
		       view->header->revision, view->header->arch,
		       view->header->total_size);
		if (sys) {
			printf(",\n  \"hypervisor_memory\": {\"phys_start\": "
			       "%llu, \"size\": %llu}",
			       (unsigned long long)
				sys->hypervisor_memory.phys_start,
			       (unsigned long long)sys->hypervisor_memory.size);
			printf(",\n  \"debug_console\": ");
			xvc_json_console(&sys->debug_console);
			printf(",\n  \"platform\": ");
			xvc_json_platform(&sys->platform);
		}
		printf(",\n  \"%s\": ", sys ? "root_cell" : "cell");
		xvc_json_cell(&view->cell);
	}
	printf("\n}\n");
}

/* --- the command ------------------------------------------------------ */

static int xvc_is_system_blob(const struct xvc_file *file)
{
	return file->size >= XVC_MAGIC_LEN &&
	       !memcmp(file->data, XVC_SYSTEM_MAGIC, XVC_MAGIC_LEN);
}

int xvc_cmd_config_show(const struct xvc_command *cmd, int argc, char **argv)
{
	static struct xvc_issues issues;
	const char *path = NULL;
	struct cellcfg_view view;
	struct xvc_file file;
	int json = 0, i;
	uint32_t n;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (argv[i][0] == '-')
			return xvc_usage_error(cmd, "unknown option '%s'",
					       argv[i]);
		else if (path)
			return xvc_usage_error(cmd, "only one file, please");
		else
			path = argv[i];
	}
	if (!path)
		return xvc_usage_error(cmd, "missing FILE.cell");
	if (xvc_read_file(path, &file))
		return XVC_EXIT_USAGE;

	if (xvc_is_system_blob(&file))
		cellcfg_parse_system(file.data, file.size, &view,
				     xvc_collect_issue, &issues);
	else
		cellcfg_parse_cell(file.data, file.size, &view,
				   xvc_collect_issue, &issues);

	if (json) {
		xvc_json_view(&file, &view, &issues);
	} else {
		if (view.usable)
			xvc_text_view(&file, &view);
		for (n = 0; n < issues.count && n < XVC_MAX_ISSUES; n++)
			fprintf(stderr, "%s: %s\n", path, issues.text[n]);
		if (issues.count > XVC_MAX_ISSUES)
			fprintf(stderr, "%s: ... %u more\n", path,
				issues.count - XVC_MAX_ISSUES);
	}
	xvc_free_file(&file);
	return issues.count ? XVC_EXIT_VIOLATIONS : XVC_EXIT_OK;
}
