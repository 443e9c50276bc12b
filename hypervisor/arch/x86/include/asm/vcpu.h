/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The vendor interface: what AMD SVM (svm.c) and Intel VMX (vmx.c) each
 * provide, and the vendor-neutral exit logic (vcpu.c) they call back into.
 */
#ifndef XVC_ASM_VCPU_H
#define XVC_ASM_VCPU_H

#include <xvc/types.h>
#include <xvcell/hypervisor.h>
#include <asm/paging.h>
#include <asm/percpu.h>

struct per_cpu;
struct cell;

struct vcpu_vendor {
	const char *name;
	int vendor_id;
	/* Once: does this CPU have what xvcell needs?  Names what is missing. */
	int (*check_features)(void);
	/* Let pending physical interrupts in for an instant (hypervisor IDT). */
	void (*host_interrupt_window)(void);
	/*
	 * An NMI reached the hypervisor itself (NULL: nothing to do).  It may
	 * carry a management request the CPU must see before its guest runs.
	 */
	void (*host_nmi)(struct per_cpu *pc);
	/* Second-stage page table format (NPT or EPT). */
	const struct pt_format *gpa_format;
	int (*cpu_init)(struct per_cpu *pc);
	void (*cpu_exit)(struct per_cpu *pc);
	/* Sizes of the cell's I/O and MSR permission maps in this format. */
	unsigned int io_bitmap_pages;
	unsigned int msr_bitmap_pages;
	/* Fill a new cell's MSR map (vcpu_build_msr_bitmap + own MSRs). */
	void (*build_msr_bitmap)(struct cell *cell, u8 *bitmap);
	/* The CPU changed cells: use the new cell's maps from now on. */
	void (*vcpu_set_cell)(struct per_cpu *pc);
	/* Guest state = Linux's state at entry. */
	void (*vcpu_init_linux)(struct per_cpu *pc);
	/* Guest state = x86 reset state, real mode at @address (< 1 MiB). */
	void (*vcpu_reset)(struct per_cpu *pc, u64 address);
	void __noreturn (*vcpu_run)(struct per_cpu *pc);
	/* Linux's current guest state, to continue it natively. */
	void (*vcpu_get_linux)(struct per_cpu *pc, struct xvc_linux_cpu_state *ls,
			       struct guest_regs *regs);
};

extern const struct vcpu_vendor *vendor;
extern const struct vcpu_vendor svm_vendor;
extern const struct vcpu_vendor vmx_vendor;

/* Vendor-neutral handling of exits; each returns false on a violation. */
void vcpu_handle_cpuid(struct per_cpu *pc, struct guest_regs *regs);
/* MSR access by the guest, not decided by the permission map. */
bool vcpu_handle_msr(struct per_cpu *pc, struct guest_regs *regs, u64 rip,
		     bool write, u64 *guest_efer);
/* The statistics bucket of an MSR exit (x2APIC or other MSR). */
unsigned int vcpu_msr_stat(u32 msr);
/* Set the read and write intercepts of @msr in a vendor's MSR bitmap. */
typedef void (*msr_bitmap_setter)(u8 *bitmap, u32 msr, bool read, bool write);
/* The permission maps both vendors build from a cell's config. */
/* Open or close @cell's ports in its I/O map, which starts all set. */
void vcpu_build_io_bitmap(struct cell *cell, u8 *bitmap);
void vcpu_build_msr_bitmap(struct cell *cell, u8 *bitmap, unsigned long pages,
			   msr_bitmap_setter set);

/* After a disable hypercall: hand this CPU back to Linux. */
void __noreturn vcpu_disable(struct per_cpu *pc, struct guest_regs *regs);

#endif /* XVC_ASM_VCPU_H */
