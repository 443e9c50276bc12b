/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where an interrupt message goes: which CPUs an IPI (ICR write) or an
 * IOAPIC/MSI destination reaches, and whether a delivery mode may be used.
 * Pure logic over the per-CPU records (apic-route.c), so that it can be
 * tested on the host.  Logical destinations are resolved with the logical
 * IDs the hypervisor records for each CPU (struct arch_per_cpu), which a
 * non-root cell cannot change.
 */
#ifndef XVC_ASM_APIC_ROUTE_H
#define XVC_ASM_APIC_ROUTE_H

#include <xvc/types.h>

struct per_cpu;
struct cell;

#define APIC_ICR_VECTOR(icr)	((icr) & 0xff)
#define APIC_ICR_DLVR_SHIFT	8
#define APIC_ICR_DLVR_MASK	(7 << APIC_ICR_DLVR_SHIFT)
#define APIC_DLVR_FIXED		0
#define APIC_DLVR_LOWPRI	1
#define APIC_DLVR_SMI		2
#define APIC_DLVR_NMI		4
#define APIC_DLVR_INIT		5
#define APIC_DLVR_SIPI		6
#define APIC_DLVR_EXTINT	7
#define APIC_ICR_LOGICAL	BIT(11)
#define APIC_ICR_BUSY		BIT(12)
#define APIC_ICR_ASSERT		BIT(14)
#define APIC_ICR_LEVEL		BIT(15)
#define APIC_ICR_SHORTHAND_SHIFT 18
#define APIC_SHORTHAND_NONE	0
#define APIC_SHORTHAND_SELF	1
#define APIC_SHORTHAND_ALL	2
#define APIC_SHORTHAND_OTHERS	3

#define XAPIC_BROADCAST		0xffU
#define X2APIC_BROADCAST	0xffffffffU
/* DFR model bits 31:28: flat (all ones) or cluster (zero). */
#define XAPIC_DFR_FLAT		0xf0000000U

/*
 * An IPI as a guest asked for it: ICR low half and destination field (an
 * 8-bit xAPIC ID or logical mask, or a 32-bit x2APIC one).
 */
struct ipi {
	u32 icr_low;
	u32 dest;
	bool x2apic;
};

static inline unsigned int ipi_mode(const struct ipi *ipi)
{
	return (ipi->icr_low & APIC_ICR_DLVR_MASK) >> APIC_ICR_DLVR_SHIFT;
}

static inline unsigned int ipi_shorthand(const struct ipi *ipi)
{
	return (ipi->icr_low >> APIC_ICR_SHORTHAND_SHIFT) & 3;
}

/* x2APIC logical IDs are derived from the APIC ID: cluster and bit. */
static inline u32 x2apic_ldr(u32 apic_id)
{
	return (apic_id >> 4) << 16 | BIT(apic_id & 0xf);
}

/* Does the destination field of @ipi (no shorthand) name @target? */
bool apic_dest_matches(const struct ipi *ipi, const struct per_cpu *target);
/* Does @ipi, sent by @sender, reach @target (shorthands included)? */
bool ipi_reaches(const struct ipi *ipi, const struct per_cpu *sender,
		 const struct per_cpu *target);
/*
 * Is @ipi addressed to everybody (the all or all-but-self shorthand, or the
 * physical broadcast destination)?  From a cell, everybody means the CPUs
 * of its cell, as on a machine of its own.
 */
bool ipi_is_broadcast(const struct ipi *ipi);
/*
 * May a CPU of @cell send an IPI in this delivery mode?  Fixed and NMI for
 * every cell, INIT and SIPI (emulated) to its own CPUs; lowest priority
 * for the root only (Linux's choice, delivered as fixed); SMI, ExtINT and
 * the reserved modes for nobody.
 */
bool ipi_mode_allowed(const struct ipi *ipi, bool root);
/*
 * The first CPU outside @cell that @ipi from @sender would reach, or NULL.
 * *no_target is set for a physical destination no CPU has.
 */
struct per_cpu *ipi_foreign_target(const struct ipi *ipi,
				   const struct per_cpu *sender,
				   const struct cell *cell, bool *no_target);
/*
 * An IOAPIC or MSI destination (8-bit, physical or logical): the first CPU
 * outside @cell it would reach, or NULL.  Broadcast reaches every CPU.
 */
struct per_cpu *irq_foreign_target(u32 dest, bool logical,
				   const struct cell *cell);
/* The first CPU of @cell such a destination reaches, or NULL. */
struct per_cpu *irq_first_target(u32 dest, bool logical, const struct cell *cell);

#endif /* XVC_ASM_APIC_ROUTE_H */
