/* SPDX-License-Identifier: GPL-2.0-only */
/* The local APIC: the hypervisor's own use, and guests' intercepted writes. */
#ifndef XVC_ASM_APIC_H
#define XVC_ASM_APIC_H

#include <xvc/types.h>
#include <asm/decode.h>

struct per_cpu;
struct cell;

#define XAPIC_REG_ID		0x020
#define XAPIC_REG_EOI		0x0b0
#define XAPIC_REG_LDR		0x0d0
#define XAPIC_REG_ICR_LOW	0x300
#define XAPIC_REG_ICR_HIGH	0x310

#define APIC_ICR_VECTOR(icr)	((icr) & 0xff)
#define APIC_ICR_DLVR_SHIFT	8
#define APIC_ICR_DLVR_MASK	(7 << APIC_ICR_DLVR_SHIFT)
#define APIC_DLVR_FIXED		0
#define APIC_DLVR_LOWPRI	1
#define APIC_DLVR_SMI		2
#define APIC_DLVR_NMI		4
#define APIC_DLVR_INIT		5
#define APIC_DLVR_SIPI		6
#define APIC_ICR_LOGICAL	BIT(11)
#define APIC_ICR_BUSY		BIT(12)
#define APIC_ICR_ASSERT		BIT(14)
#define APIC_ICR_LEVEL		BIT(15)
#define APIC_ICR_SHORTHAND_SHIFT 18
#define APIC_SHORTHAND_NONE	0
#define APIC_SHORTHAND_SELF	1
#define APIC_SHORTHAND_ALL	2
#define APIC_SHORTHAND_OTHERS	3

int apic_init(void);
void apic_cpu_init(struct per_cpu *pc);
void apic_reset(void);
u64 apic_base_phys(void);
/* An NMI to one CPU: how the hypervisor gets a CPU out of its guest. */
void apic_send_nmi(u32 apic_id);

/* Map the APIC page read-only for @cell: reads pass, writes exit. */
int apic_map_for_cell(struct cell *cell);
bool apic_is_xapic_page(u64 gpa);
/*
 * Carry out a guest's store to its xAPIC page at @gpa, filtered; advances
 * ex->rip.  A store this cannot decode is a violation (does not return).
 */
void apic_handle_xapic_write(struct per_cpu *pc, struct vcpu_exit *ex, u64 gpa);

#endif /* XVC_ASM_APIC_H */
