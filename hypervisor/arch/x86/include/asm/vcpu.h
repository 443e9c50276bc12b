/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The vendor interface.  AMD SVM (svm.c) and Intel VMX (vmx.c) each turn
 * their exits into one vendor-neutral exit record and provide the
 * mechanics below; every decision about an exit is taken once, in the
 * vendor-neutral code (vcpu.c and the files it calls).
 */
#ifndef XVC_ASM_VCPU_H
#define XVC_ASM_VCPU_H

#include <xvc/types.h>
#include <xvcell/hypervisor.h>
#include <asm/paging.h>
#include <asm/percpu.h>
#include <xvc/violation.h>

struct per_cpu;
struct cell;

/* Why the guest exited, in vendor-neutral terms. */
enum vcpu_exit_reason {
	/* Nothing to decide: the vendor handled it (an NMI or IRET window). */
	VCPU_EXIT_NONE,
	/* The CPU was made to exit so that it sees its requests. */
	VCPU_EXIT_KICK,
	VCPU_EXIT_CPUID,
	VCPU_EXIT_HYPERCALL,
	VCPU_EXIT_IO,
	VCPU_EXIT_MSR_READ,
	VCPU_EXIT_MSR_WRITE,
	/* Nested page fault / EPT violation. */
	VCPU_EXIT_GPA_FAULT,
	/* An NMI made the CPU leave its guest; cpu_nmi_arrived() was called. */
	VCPU_EXIT_NMI,
	VCPU_EXIT_INIT,
	/* MOV to a control register the vendor could not let pass. */
	VCPU_EXIT_CR_WRITE,
	VCPU_EXIT_XSETBV,
	VCPU_EXIT_INVD,
	/* SVM or VMX instruction: cells see no virtualization. */
	VCPU_EXIT_VIRT_INSN,
	VCPU_EXIT_TRIPLE_FAULT,
	/* The CPU refused to enter the guest with this state. */
	VCPU_EXIT_BAD_STATE,
	VCPU_EXIT_UNEXPECTED,
};

struct vcpu_exit {
	enum vcpu_exit_reason reason;
	u64 rip;
	/* Length of the instruction that exited; 0 if the CPU did not say. */
	unsigned int insn_len;
	/* The exit interrupted the delivery of an event (then redelivered). */
	bool in_event_delivery;
	union {
		struct {
			u16 port;
			u8 size;
			bool in;
			bool string;
		} io;
		struct {
			u64 gpa;
			bool write;
			bool fetch;
			/* The guest's own page walk hit the hole, not an access. */
			bool page_walk;
		} fault;
		struct {
			unsigned int cr;
			u64 value;
		} cr;
		/* What the vendor knows, for the report. */
		struct {
			u64 code;
			u64 info;
		} unexpected;
	};
};

/* Guest state an instruction fetch, a decode or a report needs. */
struct guest_state {
	u64 cr0, cr3, cr4, efer;
	u64 cs_base;
	/* CS.L and CS.D: 64-bit code, and a 32-bit default size. */
	bool cs_long;
	bool cs_db;
	u64 rflags;
	unsigned int cpl;
};

typedef void (*msr_bitmap_setter)(u8 *bitmap, u32 msr, bool read, bool write);

struct vcpu_vendor {
	const char *name;
	int vendor_id;
	/* Once: does this CPU have what xvcell needs?  Names what is missing. */
	int (*check_features)(void);
	int (*cpu_init)(struct per_cpu *pc);
	void (*cpu_exit)(struct per_cpu *pc);
	/* Let pending physical interrupts in for an instant (hypervisor IDT). */
	void (*host_interrupt_window)(void);
	/*
	 * An NMI reached the hypervisor itself (NULL: nothing to do).  It may
	 * carry a management request the CPU must see before its guest runs.
	 */
	void (*host_nmi)(struct per_cpu *pc);

	/* Second-stage page table format (NPT or EPT). */
	const struct pt_format *gpa_format;
	/* Sizes and bit layout of the permission maps. */
	unsigned int io_bitmap_pages;
	unsigned int msr_bitmap_pages;
	msr_bitmap_setter msr_bitmap_set;

	/* The CPU changed cells: use the new cell's maps from now on. */
	void (*vcpu_set_cell)(struct per_cpu *pc);
	/* Guest state = Linux's state at entry. */
	void (*vcpu_init_linux)(struct per_cpu *pc);
	/* Guest state = x86 reset state, real mode at @address (< 1 MiB). */
	void (*vcpu_reset)(struct per_cpu *pc, u64 address);
	/* Run the guest until its next exit, then describe the exit. */
	void (*enter_guest)(struct per_cpu *pc, struct vcpu_exit *ex);
	/* Linux's current guest state, to continue it natively. */
	void (*get_linux_state)(struct per_cpu *pc, struct xvc_linux_cpu_state *ls);

	void (*get_guest_state)(struct per_cpu *pc, struct guest_state *gs);
	/* Continue the guest at @rip (ends an STI or MOV SS shadow). */
	void (*set_rip)(struct per_cpu *pc, u64 rip);
	void (*inject_exception)(struct per_cpu *pc, u8 vector, bool has_error,
				 u32 error);
	/*
	 * Deliver an NMI to the guest on the next entry; false if the guest
	 * cannot take one now (the vendor then exits when it can).
	 */
	bool (*inject_nmi)(struct per_cpu *pc);
	void (*flush_guest_tlb)(struct per_cpu *pc);
	/* The guest's EFER as it wrote it (the vendor adds what it needs). */
	void (*set_efer)(struct per_cpu *pc, u64 efer);
	/* A control register write the vendor intercepted; false: #GP. */
	bool (*set_cr)(struct per_cpu *pc, unsigned int cr, u64 value);
};

extern const struct vcpu_vendor *vendor;
extern const struct vcpu_vendor svm_vendor;
extern const struct vcpu_vendor vmx_vendor;

/* The run loop: the guest of this CPU, exit after exit, for good. */
void __noreturn vcpu_run(struct per_cpu *pc);
/* After a disable hypercall: hand this CPU back to Linux (linux.c). */
void __noreturn vcpu_disable(struct per_cpu *pc);
/* Continue after the instruction that exited, @len bytes long. */
void vcpu_skip_instruction(struct per_cpu *pc, const struct vcpu_exit *ex,
			   unsigned int len);

/* The value an OUT of @size bytes writes; completing an IN (pio.c). */
u32 vcpu_io_value(const struct per_cpu *pc, unsigned int size);
void vcpu_set_io_value(struct per_cpu *pc, unsigned int size, u32 value);

/* Raise #GP for the instruction that exited: it does not complete. */
enum exit_action vcpu_inject_gp(struct per_cpu *pc);

/* Vendor-neutral exit handling (cpuid.c, msr.c, pio.c). */
void vcpu_handle_cpuid(struct per_cpu *pc);
enum exit_action vcpu_handle_msr(struct per_cpu *pc, const struct vcpu_exit *ex);
enum exit_action vcpu_handle_io(struct per_cpu *pc, const struct vcpu_exit *ex);
/* The permission maps of a cell, in the vendor's layout. */
void vcpu_build_io_bitmap(struct cell *cell, u8 *bitmap);
void vcpu_build_msr_bitmap(struct cell *cell, u8 *bitmap);

#endif /* XVC_ASM_VCPU_H */
