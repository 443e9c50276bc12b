// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt destinations (asm/apic-route.h): pure logic over the per-CPU
 * records, shared by the IPI filter (apic.c), the IOAPIC filter and the
 * MSI check (pci.c), and tested on the host (tests/test-apic-route.c,
 * tests/test-pci.c).
 */
#include <xvc/arch.h>
#include <xvc/cell.h>
#include <xvc/percpu.h>
#include <asm/apic-route.h>

/* An 8-bit xAPIC logical destination against a CPU's LDR and DFR. */
static bool xapic_logical_matches(u32 ldr, u32 dfr, u32 dest)
{
	u32 id = ldr >> 24;

	dest &= 0xff;
	if ((dfr & XAPIC_DFR_FLAT) == XAPIC_DFR_FLAT)
		return id & dest;
	/* Cluster model: 4-bit cluster, 4-bit member mask. */
	return (id >> 4) == (dest >> 4) && (id & dest & 0xf);
}

/* A 32-bit x2APIC logical destination: cluster and member bits. */
static bool x2apic_logical_matches(u32 apic_id, u32 dest)
{
	u32 ldr = x2apic_ldr(apic_id);

	return (ldr >> 16) == (dest >> 16) && (ldr & dest & 0xffff);
}

/*
 * An 8-bit logical destination (an xAPIC ICR, an IOAPIC entry, an MSI)
 * reaching a CPU: in x2APIC mode that CPU matches it as x2APIC cluster 0.
 */
static bool logical8_matches(const struct per_cpu *target, u32 dest)
{
	if (target->arch.x2apic)
		return x2apic_logical_matches(target->apic_id, dest & 0xff);
	return xapic_logical_matches(target->arch.guest_ldr,
				     target->arch.guest_dfr, dest);
}

bool apic_dest_matches(const struct ipi *ipi, const struct per_cpu *target)
{
	u32 broadcast = ipi->x2apic ? X2APIC_BROADCAST : XAPIC_BROADCAST;

	if (ipi->dest == broadcast)
		return true;
	if (!(ipi->icr_low & APIC_ICR_LOGICAL))
		return target->apic_id == ipi->dest;
	if (ipi->x2apic)
		return x2apic_logical_matches(target->apic_id, ipi->dest);
	return logical8_matches(target, ipi->dest);
}

bool ipi_reaches(const struct ipi *ipi, const struct per_cpu *sender,
		 const struct per_cpu *target)
{
	switch (ipi_shorthand(ipi)) {
	case APIC_SHORTHAND_SELF:
		return target == sender;
	case APIC_SHORTHAND_ALL:
		return true;
	case APIC_SHORTHAND_OTHERS:
		return target != sender;
	default:
		return apic_dest_matches(ipi, target);
	}
}

bool ipi_mode_allowed(const struct ipi *ipi, bool root)
{
	switch (ipi_mode(ipi)) {
	case APIC_DLVR_FIXED:
	case APIC_DLVR_NMI:
		return true;
	case APIC_DLVR_INIT:
	case APIC_DLVR_SIPI:
		/* Architecturally invalid with the self shorthand. */
		return ipi_shorthand(ipi) != APIC_SHORTHAND_SELF;
	case APIC_DLVR_LOWPRI:
		return root;
	default:
		return false;
	}
}

bool ipi_is_broadcast(const struct ipi *ipi)
{
	u32 broadcast = ipi->x2apic ? X2APIC_BROADCAST : XAPIC_BROADCAST;

	switch (ipi_shorthand(ipi)) {
	case APIC_SHORTHAND_ALL:
	case APIC_SHORTHAND_OTHERS:
		return true;
	case APIC_SHORTHAND_NONE:
		return !(ipi->icr_low & APIC_ICR_LOGICAL) && ipi->dest == broadcast;
	default:
		return false;
	}
}

static bool is_physical_unicast(const struct ipi *ipi)
{
	u32 broadcast = ipi->x2apic ? X2APIC_BROADCAST : XAPIC_BROADCAST;

	return ipi_shorthand(ipi) == APIC_SHORTHAND_NONE &&
	       !(ipi->icr_low & APIC_ICR_LOGICAL) && ipi->dest != broadcast;
}

struct per_cpu *ipi_foreign_target(const struct ipi *ipi,
				   const struct per_cpu *sender,
				   const struct cell *cell, bool *no_target)
{
	struct per_cpu *target, *foreign = NULL;
	bool found = false;
	unsigned int cpu;

	for (cpu = 0; cpu < XVC_MAX_CPUS; cpu++) {
		target = per_cpu_of(cpu);
		if (!target || !ipi_reaches(ipi, sender, target))
			continue;
		found = true;
		if (target->cell != cell && !foreign)
			foreign = target;
	}
	*no_target = !found && is_physical_unicast(ipi);
	return foreign;
}

struct per_cpu *irq_foreign_target(u32 dest, bool logical,
				   const struct cell *cell)
{
	struct per_cpu *target;
	unsigned int cpu;
	bool reached;

	dest &= 0xff;
	for (cpu = 0; cpu < XVC_MAX_CPUS; cpu++) {
		target = per_cpu_of(cpu);
		if (!target || target->cell == cell)
			continue;
		if (dest == XAPIC_BROADCAST)
			reached = true;
		else if (logical)
			reached = logical8_matches(target, dest);
		else
			reached = target->apic_id == dest;
		if (reached)
			return target;
	}
	return NULL;
}

struct per_cpu *irq_first_target(u32 dest, bool logical, const struct cell *cell)
{
	struct per_cpu *target;
	unsigned int cpu;

	dest &= 0xff;
	for (cpu = 0; cpu < XVC_MAX_CPUS; cpu++) {
		target = per_cpu_of(cpu);
		if (!target || target->cell != cell)
			continue;
		if (dest == XAPIC_BROADCAST ||
		    (logical ? logical8_matches(target, dest) : target->apic_id == dest))
			return target;
	}
	return NULL;
}

/* An MSI is a store into the local APIC window (arch_msi_refusal, xvc/arch.h). */
#define MSI_ADDRESS_BASE	0xfee00000ULL
#define MSI_ADDRESS_BASE_MASK	0xfff00000ULL
#define MSI_ADDRESS_DEST_SHIFT	12
#define MSI_ADDRESS_LOGICAL	BIT(2)
#define MSI_ADDRESS_REMAPPABLE	BIT(4)
#define MSI_DATA_DLVR_SHIFT	8
#define FIRST_DEVICE_VECTOR	32

const char *arch_msi_refusal(const struct cell *cell, u64 address, u32 data,
			     unsigned int vectors)
{
	unsigned int mode = (data >> MSI_DATA_DLVR_SHIFT) & 7;
	unsigned int vector = data & 0xff;

	if ((address & ~0xffffffffULL) ||
	    (address & MSI_ADDRESS_BASE_MASK) != MSI_ADDRESS_BASE)
		return "not an interrupt message (address outside 0xfee00000-0xfeefffff)";
	/* It would name a remapping entry, which only the hypervisor writes. */
	if (address & MSI_ADDRESS_REMAPPABLE)
		return "remappable format (address bit 4)";
	if (mode != APIC_DLVR_FIXED && mode != APIC_DLVR_LOWPRI)
		return "delivery mode other than fixed or lowest priority";
	if (vector < FIRST_DEVICE_VECTOR || vector + vectors - 1 > 0xff)
		return "vector below 32 or beyond 255";
	if (irq_foreign_target((address >> MSI_ADDRESS_DEST_SHIFT) & 0xff,
			       address & MSI_ADDRESS_LOGICAL, cell))
		return "destination outside the cell";
	return NULL;
}
