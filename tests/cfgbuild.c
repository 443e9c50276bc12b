// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test helpers: taking configurations apart and building them again.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgbuild.h"

#ifndef CONFIG_DIR
#error "CONFIG_DIR must name the directory of the built .cell files"
#endif

struct xvc_cell_desc *cfg_desc(struct cfg_parts *parts)
{
	return parts->system ? &parts->sys.root_cell : &parts->cell;
}

int cfg_read(const char *path, struct cfg_blob *blob)
{
	FILE *f = fopen(path, "rb");

	if (!f)
		return -1;
	blob->len = fread(blob->u.bytes, 1, sizeof(blob->u.bytes), f);
	fclose(f);
	return blob->len < sizeof(blob->u.bytes) ? 0 : -1;
}

int cfg_write(const char *path, const void *data, uint64_t len)
{
	FILE *f = fopen(path, "wb");
	int ret = 0;

	if (!f)
		return -1;
	if (len && fwrite(data, len, 1, f) != 1)
		ret = -1;
	if (fclose(f))
		ret = -1;
	return ret;
}

#define CFG_COPY_ARRAY(dst, num, src, count)				\
	do {								\
		if ((count) > CFG_MAX_ELEMENTS)				\
			return -1;					\
		memcpy(dst, src, (count) * sizeof(*(dst)));		\
		num = (count);						\
	} while (0)

int cfg_split(const struct cfg_blob *blob, struct cfg_parts *parts)
{
	const struct cellcfg_cell *cell;
	struct cellcfg_view view;

	memset(parts, 0, sizeof(*parts));
	parts->system = blob->len >= XVC_MAGIC_LEN &&
		!memcmp(blob->u.bytes, XVC_SYSTEM_MAGIC, XVC_MAGIC_LEN);
	if (parts->system ?
	    cellcfg_parse_system(blob->u.bytes, blob->len, &view, NULL, NULL) :
	    cellcfg_parse_cell(blob->u.bytes, blob->len, &view, NULL, NULL))
		return -1;
	cell = &view.cell;
	if (parts->system)
		parts->sys = *view.system;
	else
		parts->cell = *cell->desc;
	if (cell->cpu_set_words > CFG_MAX_CPU_WORDS)
		return -1;
	memcpy(parts->cpus, cell->cpu_set, cell->cpu_set_words * 8);
	parts->cpu_words = cell->cpu_set_words;
	CFG_COPY_ARRAY(parts->memory, parts->num_memory, cell->memory,
		       cell->num_memory);
	CFG_COPY_ARRAY(parts->pio, parts->num_pio, cell->pio, cell->num_pio);
	CFG_COPY_ARRAY(parts->msr, parts->num_msr, cell->msr, cell->num_msr);
	CFG_COPY_ARRAY(parts->irqchips, parts->num_irqchips, cell->irqchips,
		       cell->num_irqchips);
	CFG_COPY_ARRAY(parts->pci, parts->num_pci, cell->pci, cell->num_pci);
	return 0;
}

void cfg_load_blob(const char *stem, struct cfg_blob *blob)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s.cell", CONFIG_DIR, stem);
	if (cfg_read(path, blob)) {
		fprintf(stderr, "cannot read %s (run make -C configs)\n", path);
		exit(2);
	}
}

void cfg_load(const char *stem, struct cfg_parts *parts)
{
	static struct cfg_blob blob;

	cfg_load_blob(stem, &blob);
	if (cfg_split(&blob, parts)) {
		fprintf(stderr, "%s.cell is not a valid configuration\n", stem);
		exit(2);
	}
}

static void cfg_append(struct cfg_blob *blob, const void *data, uint64_t len)
{
	if (blob->len + len > sizeof(blob->u.bytes)) {
		fprintf(stderr, "cfg_build: blob too large\n");
		exit(2);
	}
	memcpy(blob->u.bytes + blob->len, data, len);
	blob->len += len;
}

void cfg_build(struct cfg_parts *parts, struct cfg_blob *blob)
{
	struct xvc_cell_desc *desc = cfg_desc(parts);
	struct xvc_config_header header = {
		.revision = XVC_CONFIG_REVISION,
		.arch = XVC_ARCH_X86_64,
	};

	memcpy(header.magic, parts->system ? XVC_SYSTEM_MAGIC : XVC_CELL_MAGIC,
	       XVC_MAGIC_LEN);
	desc->cpu_set_size = parts->cpu_words * 8;
	desc->num_memory_regions = parts->num_memory;
	desc->num_pio_ranges = parts->num_pio;
	desc->num_msr_ranges = parts->num_msr;
	desc->num_irqchips = parts->num_irqchips;
	desc->num_pci_devices = parts->num_pci;

	blob->len = 0;
	cfg_append(blob, &header, sizeof(header));
	if (parts->system)
		cfg_append(blob, &parts->sys, sizeof(parts->sys));
	else
		cfg_append(blob, &parts->cell, sizeof(parts->cell));
	cfg_append(blob, parts->cpus, parts->cpu_words * 8);
	cfg_append(blob, parts->memory,
		   parts->num_memory * sizeof(parts->memory[0]));
	cfg_append(blob, parts->pio, parts->num_pio * sizeof(parts->pio[0]));
	cfg_append(blob, parts->msr, parts->num_msr * sizeof(parts->msr[0]));
	cfg_append(blob, parts->irqchips,
		   parts->num_irqchips * sizeof(parts->irqchips[0]));
	cfg_append(blob, parts->pci, parts->num_pci * sizeof(parts->pci[0]));
	cfg_blob_header(blob)->total_size = (uint32_t)blob->len;
}

struct xvc_config_header *cfg_blob_header(struct cfg_blob *blob)
{
	return (struct xvc_config_header *)blob->u.bytes;
}

struct xvc_cell_desc *cfg_blob_desc(struct cfg_blob *blob)
{
	uint8_t *desc = blob->u.bytes + sizeof(struct xvc_config_header);

	if (!memcmp(blob->u.bytes, XVC_SYSTEM_MAGIC, XVC_MAGIC_LEN))
		desc += offsetof(struct xvc_system_desc, root_cell);
	return (struct xvc_cell_desc *)desc;
}
