/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PCI functions: which cell owns each, and what a cell may do with the
 * config space of the functions it owns (pci.c).
 *
 * The system config lists the functions a cell may take; every function it
 * does not list stays the root's for good.  A cell sees its own functions
 * at their real BDF and nothing else (absent: all ones); the root sees all
 * but those a cell owns.  A cell's config writes pass a per-register
 * policy; whatever the policy does not list is a violation.
 */
#ifndef XVC_PCI_H
#define XVC_PCI_H

#include <xvc/types.h>
#include <xvc/violation.h>

struct per_cpu;
struct cell;

/* Config space of one function: 256 bytes classic, 4 KiB with MMCONFIG. */
#define PCI_CONFIG_SIZE		0x1000

#define PCI_BDF_BUS(bdf)	((bdf) >> 8)
#define PCI_BDF_DEV(bdf)	(((bdf) >> 3) & 0x1f)
#define PCI_BDF_FN(bdf)		((bdf) & 7)

/* Once, while the root cell is built: the device table, the root's view. */
int pci_init(struct cell *root);
/*
 * A new cell takes the functions of its config from the root, quiesced;
 * all or none.  Refused (with a message naming the function) if one is
 * absent, owned by another cell, or has a capability xvcell cannot yet
 * mediate.
 */
int pci_cell_take_devices(struct cell *cell);
/*
 * The cell's functions go back to the root: bus mastering, decoding and
 * MSI off, BARs as the root had programmed them.
 */
void pci_cell_return_devices(struct cell *cell);
/* A failed cell's functions stop: no more DMA and no more interrupts. */
void pci_cell_quiesce_devices(struct cell *cell);

/* Who owns function @bdf: a cell that took it, or the root. */
struct cell *pci_owner_of(u16 bdf);
/* Bus mastering off for a function of the root that DMAed where it may not. */
void pci_stop_dma(u16 bdf);

/*
 * One config-space access of @size (1, 2, 4) bytes at @reg of function
 * @bdf (segment 0) by the guest of @pc: carried out, answered as absent,
 * dropped and reported (root), or a violation (other cells).
 */
enum exit_action pci_config_access(struct per_cpu *pc, u16 bdf,
				   unsigned int reg, unsigned int size,
				   bool write, u32 *value);

#endif /* XVC_PCI_H */
