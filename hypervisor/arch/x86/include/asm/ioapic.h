/* SPDX-License-Identifier: GPL-2.0-only */
/* The IOAPICs: pin ownership and every guest's access to them (ioapic.c). */
#ifndef XVC_ASM_IOAPIC_H
#define XVC_ASM_IOAPIC_H

/* Redirection entries the hypervisor handles per IOAPIC. */
#define IOAPIC_MAX_PINS		120

struct cell;

/* Intercept the system's IOAPICs for the root, which owns every pin. */
int ioapic_protect_root(struct cell *root);
/*
 * Take the pins of @cell's irqchips from the root (masked and empty) and
 * intercept those IOAPICs for the cell; all or none.
 */
int ioapic_take_pins(struct cell *cell);
/* Give the cell's pins back to the root, masked and empty. */
void ioapic_release_pins(struct cell *cell);

#endif /* XVC_ASM_IOAPIC_H */
