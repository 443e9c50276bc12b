/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MSI-X tables of the functions cells own (pci-msix.c): every message a
 * cell writes into its device's table is checked before the device sees
 * it.  pci.c decides when a table is taken and released; the table's BAR
 * stays where the root left it for as long as the cell owns the function.
 */
#ifndef XVC_PCI_MSIX_H
#define XVC_PCI_MSIX_H

#include <xvc/types.h>

struct cell;
struct xvc_pci_device;

/* Bytes per MSI-X table entry: address low, address high, data, control. */
#define MSIX_ENTRY_SIZE		16

/*
 * Can @cell take the MSI-X table of function @info (@name for messages),
 * whose first entry is at @table_phys?  It must lie inside the cell's
 * device memory, and a table slot must be free.
 */
int msix_check_takeable(const struct cell *cell, const char *name,
			const struct xvc_pci_device *info, u64 table_phys);
/*
 * Mask every entry (the device must decode memory) and claim the table's
 * pages in @cell's guest-physical space: from now on the cell's writes to
 * them exit to the table's checks.
 */
int msix_take(struct cell *cell, const char *name,
	      const struct xvc_pci_device *info, u64 table_phys);
/* Mask every entry of function @bdf's table, if a cell holds it. */
void msix_mask_all(u16 bdf);
/* The function goes back to the root: its table slot is free again. */
void msix_release(u16 bdf);

#endif /* XVC_PCI_MSIX_H */
