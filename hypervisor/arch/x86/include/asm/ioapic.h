/* SPDX-License-Identifier: GPL-2.0-only */
/* The IOAPICs, as far as the root cell's access to them must be filtered. */
#ifndef XVC_ASM_IOAPIC_H
#define XVC_ASM_IOAPIC_H

struct cell;

/* Map the system's IOAPICs read-only for the root and claim them. */
int ioapic_protect_root(struct cell *root);

#endif /* XVC_ASM_IOAPIC_H */
