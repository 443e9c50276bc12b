/* SPDX-License-Identifier: GPL-2.0-only */
/* The IOAPICs, as far as the root cell's access to them must be filtered. */
#ifndef XVC_ASM_IOAPIC_H
#define XVC_ASM_IOAPIC_H

#include <xvc/types.h>
#include <asm/decode.h>

struct per_cpu;
struct cell;

/* Map the system's IOAPICs read-only for the root: writes exit. */
int ioapic_protect_root(struct cell *root);
bool ioapic_is_mmio(u64 gpa);
/* Carry out a root's store to an IOAPIC, filtered; advances ex->rip. */
void ioapic_handle_write(struct per_cpu *pc, struct vcpu_exit *ex, u64 gpa);

#endif /* XVC_ASM_IOAPIC_H */
