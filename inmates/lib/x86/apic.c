/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Local APIC in xAPIC mode (MMIO page at 0xfee00000) or x2APIC mode
 * (MSRs 0x800 + register / 16).  Register numbers are the xAPIC MMIO
 * offsets in both modes.
 */
#include <inmate.h>

#define MSR_APIC_BASE		0x1b
#define APIC_BASE_EXTD		(1 << 10)
#define APIC_BASE_ENABLE	(1 << 11)
#define XAPIC_MMIO		0xfee00000UL
#define X2APIC_MSR_BASE		0x800

#define APIC_ID			0x20
#define APIC_EOI		0xb0
#define APIC_SVR		0xf0
#define APIC_ICR_LOW		0x300
#define APIC_ICR_HIGH		0x310
#define APIC_LVT_LINT0		0x350

#define LVT_MASKED		(1 << 16)

#define SVR_ENABLE		(1 << 8)
#define ICR_BUSY		(1 << 12)
#define CPUID_1_ECX_X2APIC	(1 << 21)
#define CPUID_LEAF_X2APIC_TOPOLOGY 0xb

static bool x2apic_mode;

bool cpu_has_x2apic(void)
{
	uint32_t regs[4];

	cpuid(1, 0, regs);
	return regs[2] & CPUID_1_ECX_X2APIC;
}

bool apic_is_x2apic(void)
{
	return x2apic_mode;
}

uint32_t apic_read(unsigned int reg)
{
	if (x2apic_mode)
		return rdmsr(X2APIC_MSR_BASE + (reg >> 4));
	return mmio_read32(XAPIC_MMIO + reg);
}

void apic_write(unsigned int reg, uint32_t value)
{
	if (x2apic_mode)
		wrmsr(X2APIC_MSR_BASE + (reg >> 4), value);
	else
		mmio_write32(XAPIC_MMIO + reg, value);
}

uint32_t cpuid_apic_id(void)
{
	uint32_t regs[4];

	cpuid(0, 0, regs);
	if (regs[0] >= CPUID_LEAF_X2APIC_TOPOLOGY) {
		cpuid(CPUID_LEAF_X2APIC_TOPOLOGY, 0, regs);
		/* EBX = 0: the leaf is not implemented after all. */
		if (regs[1])
			return regs[3];
	}
	cpuid(1, 0, regs);
	return regs[1] >> 24;
}

uint32_t apic_id(void)
{
	uint32_t id = apic_read(APIC_ID);

	return x2apic_mode ? id : id >> 24;
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

/*
 * xAPIC -> x2APIC is allowed directly; x2APIC -> xAPIC requires passing
 * through "disabled" first (SDM: the architectural state machine).  The
 * MSR is written only when the mode really changes: a hypervisor may
 * trap every write to it.
 */
static void apic_set_hw_mode(bool x2apic)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);
	uint64_t wanted = base | APIC_BASE_ENABLE;

	if (x2apic)
		wanted |= APIC_BASE_EXTD;
	else
		wanted &= ~APIC_BASE_EXTD;
	if (wanted == base)
		return;
	if ((base & APIC_BASE_EXTD) && !x2apic)
		wrmsr(MSR_APIC_BASE, base & ~(APIC_BASE_EXTD | APIC_BASE_ENABLE));
	wrmsr(MSR_APIC_BASE, wanted);
}

void apic_init_this_cpu(void)
{
	apic_set_hw_mode(x2apic_mode);
	apic_write(APIC_SVR, SVR_ENABLE | APIC_SPURIOUS_VECTOR);
	/*
	 * Firmware routes the 8259 PIC through LINT0 (ExtINT) on the first
	 * CPU; its timer would arrive as vector 8 and look like a #DF.
	 */
	apic_write(APIC_LVT_LINT0, LVT_MASKED);
}

void apic_init(bool want_x2apic)
{
	x2apic_mode = want_x2apic && cpu_has_x2apic();
	apic_init_this_cpu();
}

static void xapic_wait_icr_idle(void)
{
	while (mmio_read32(XAPIC_MMIO + APIC_ICR_LOW) & ICR_BUSY)
		cpu_relax();
}

void apic_send_ipi_raw(uint32_t dest, uint32_t icr_low)
{
	if (x2apic_mode) {
		wrmsr(X2APIC_MSR_BASE + (APIC_ICR_LOW >> 4), ((uint64_t)dest << 32) | icr_low);
		return;
	}
	xapic_wait_icr_idle();
	mmio_write32(XAPIC_MMIO + APIC_ICR_HIGH, dest << 24);
	mmio_write32(XAPIC_MMIO + APIC_ICR_LOW, icr_low);
	xapic_wait_icr_idle();
}

void apic_send_ipi(uint32_t dest, uint8_t vector)
{
	apic_send_ipi_raw(dest, APIC_DM_FIXED | APIC_LEVEL_ASSERT | vector);
}

void apic_send_nmi(uint32_t dest)
{
	apic_send_ipi_raw(dest, APIC_DM_NMI | APIC_LEVEL_ASSERT);
}

void apic_send_init(uint32_t dest)
{
	apic_send_ipi_raw(dest, APIC_DM_INIT | APIC_LEVEL_ASSERT);
}

void apic_send_sipi(uint32_t dest, uint8_t page)
{
	apic_send_ipi_raw(dest, APIC_DM_STARTUP | APIC_LEVEL_ASSERT | page);
}
