/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test helpers: a configuration taken apart into editable parts, and put
 * back together into a blob.  The layout comes from cell-config.h only.
 */
#ifndef XVCELL_TESTS_CFGBUILD_H
#define XVCELL_TESTS_CFGBUILD_H

#include <stdint.h>

#include <xvcell/cell-config.h>
#include "cellcfg.h"

#define CFG_MAX_ELEMENTS	32
#define CFG_MAX_CPU_WORDS	4
#define CFG_BLOB_MAX		16384

struct cfg_parts {
	int system;
	struct xvc_system_desc sys;	/* system blob: cell is sys.root_cell */
	struct xvc_cell_desc cell;	/* cell blob */
	uint64_t cpus[CFG_MAX_CPU_WORDS];
	uint32_t cpu_words;
	struct xvc_memory_region memory[CFG_MAX_ELEMENTS];
	uint32_t num_memory;
	struct xvc_pio_range pio[CFG_MAX_ELEMENTS];
	uint32_t num_pio;
	struct xvc_msr_range msr[CFG_MAX_ELEMENTS];
	uint32_t num_msr;
	struct xvc_irqchip irqchips[CFG_MAX_ELEMENTS];
	uint32_t num_irqchips;
	struct xvc_pci_device pci[CFG_MAX_ELEMENTS];
	uint32_t num_pci;
};

/* A blob in 8-byte aligned memory, as the library wants it. */
struct cfg_blob {
	union {
		uint64_t align;
		uint8_t bytes[CFG_BLOB_MAX];
	} u;
	uint64_t len;
};

/* The descriptor of the parts' cell (root cell for a system). */
struct xvc_cell_desc *cfg_desc(struct cfg_parts *parts);

/* Read a file into @blob; returns 0 or -1. */
int cfg_read(const char *path, struct cfg_blob *blob);
int cfg_write(const char *path, const void *data, uint64_t len);

/* Take a valid blob apart; returns 0 or -1 (not valid / too big). */
int cfg_split(const struct cfg_blob *blob, struct cfg_parts *parts);

/* cfg_read() and cfg_split() of $CONFIG_DIR/@stem.cell; aborts on error. */
void cfg_load(const char *stem, struct cfg_parts *parts);
void cfg_load_blob(const char *stem, struct cfg_blob *blob);

/* Build @parts into @blob: counts and total_size follow the parts. */
void cfg_build(struct cfg_parts *parts, struct cfg_blob *blob);

/* Pointers into a built blob, for edits the parts cannot express. */
struct xvc_config_header *cfg_blob_header(struct cfg_blob *blob);
struct xvc_cell_desc *cfg_blob_desc(struct cfg_blob *blob);

#endif /* XVCELL_TESTS_CFGBUILD_H */
