/* SPDX-License-Identifier: GPL-2.0-only */
/* The local APIC: the hypervisor's own use, and guests' intercepted writes. */
#ifndef XVC_ASM_APIC_H
#define XVC_ASM_APIC_H

#include <xvc/types.h>
#include <asm/decode.h>
#include <asm/vcpu.h>

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
/* x2APIC ICR bits that must be zero: 12-13, 16-17, 20-31. */
#define X2APIC_ICR_RESERVED	0xfff33000ULL

int apic_init(void);
void apic_cpu_init(struct per_cpu *pc);
/* False if this CPU's APIC could not be returned to enabled xAPIC mode. */
bool apic_reset(void);
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

/* Does this CPU's local APIC offer x2APIC mode? */
bool apic_x2apic_supported(void);
/*
 * A guest's IA32_APIC_BASE write; false: refused (#GP) and reported.  A
 * non-root cell is stopped instead (does not return).
 */
bool apic_handle_base_write(struct per_cpu *pc, u64 val, u64 rip);
/* An intercepted x2APIC MSR access (MSR_X2APIC_BASE..END); false: #GP. */
bool apic_handle_x2apic_msr(struct per_cpu *pc, u32 msr, bool write, u64 val,
			    u64 rip);
/* Open a non-root cell's x2APIC MSRs in its MSR bitmap, as far as safe. */
void apic_open_x2apic_msrs(struct cell *cell, u8 *bitmap, msr_bitmap_setter set);

#endif /* XVC_ASM_APIC_H */
