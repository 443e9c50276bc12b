/* SPDX-License-Identifier: GPL-2.0-only */
/* The local APIC: the hypervisor's own use, and guests' intercepted writes. */
#ifndef XVC_ASM_APIC_H
#define XVC_ASM_APIC_H

#include <xvc/types.h>
#include <xvc/violation.h>
#include <asm/vcpu.h>

struct per_cpu;
struct cell;

#define XAPIC_REG_ID		0x020
#define XAPIC_REG_EOI		0x0b0
#define XAPIC_REG_LDR		0x0d0
#define XAPIC_REG_ICR_LOW	0x300
#define XAPIC_REG_ICR_HIGH	0x310

/* x2APIC ICR bits that must be zero: 12-13, 16-17, 20-31. */
#define X2APIC_ICR_RESERVED	0xfff33000ULL

int apic_init(void);
int apic_cpu_init(struct per_cpu *pc);
/* Linux ran in x2APIC mode when it enabled the hypervisor. */
bool apic_root_x2apic(void);
/* False if this CPU's APIC could not be returned to enabled xAPIC mode. */
bool apic_reset(void);
u64 apic_base_phys(void);
/* An NMI to one CPU: how the hypervisor gets a CPU out of its guest. */
void apic_send_nmi(u32 apic_id);
/* Is @vector in service in this CPU's APIC?  (An interrupt, not an exception.) */
bool apic_in_service(unsigned int vector);
void apic_eoi(void);

/* Map the APIC page read-only for @cell and claim it: writes exit. */
int apic_map_for_cell(struct cell *cell);

/* Does this CPU's local APIC offer x2APIC mode? */
bool apic_x2apic_supported(void);
/* IA32_APIC_BASE as @pc's guest reads it (the BSP flag is per cell). */
u64 apic_guest_base(const struct per_cpu *pc);
/* A guest's IA32_APIC_BASE write. */
enum exit_action apic_handle_base_write(struct per_cpu *pc,
					const struct vcpu_exit *ex, u64 val);
/* An intercepted x2APIC MSR access (MSR_X2APIC_BASE..END). */
enum exit_action apic_handle_x2apic_msr(struct per_cpu *pc,
					const struct vcpu_exit *ex, u32 msr,
					bool write, u64 val);
/* Open a non-root cell's x2APIC MSRs in its MSR bitmap, as far as safe. */
void apic_open_x2apic_msrs(struct cell *cell, u8 *bitmap, msr_bitmap_setter set);

#endif /* XVC_ASM_APIC_H */
