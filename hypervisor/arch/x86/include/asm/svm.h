/* SPDX-License-Identifier: GPL-2.0-only */
/* AMD SVM: VMCB layout and exit codes (AMD64 APM vol. 2, chapter 15, app. B). */
#ifndef XVC_ASM_SVM_H
#define XVC_ASM_SVM_H

#include <xvc/types.h>

struct vmcb_segment {
	u16 selector;
	u16 attrib;
	u32 limit;
	u64 base;
};

struct vmcb {
	/* control area */
	u32 intercept_cr;
	u32 intercept_dr;
	u32 intercept_exceptions;
	u32 intercept_misc1;
	u32 intercept_misc2;
	u32 intercept_misc3;
	u8 reserved0[0x3c - 0x18];
	u16 pause_filter_threshold;
	u16 pause_filter_count;
	u64 iopm_base_pa;
	u64 msrpm_base_pa;
	u64 tsc_offset;
	u32 asid;
	u8 tlb_control;
	u8 reserved1[3];
	u32 int_ctl;
	u32 int_vector;
	u32 int_state;
	u32 reserved2;
	u64 exit_code;
	u64 exit_info1;
	u64 exit_info2;
	u32 exit_int_info;
	u32 exit_int_info_err;
	u64 nested_ctl;
	u64 avic_vapic_bar;
	u64 ghcb_gpa;
	u32 event_inj;
	u32 event_inj_err;
	u64 nested_cr3;
	u64 virt_ext;
	u32 clean_bits;
	u32 reserved3;
	u64 next_rip;
	u8 insn_len;
	u8 insn_bytes[15];
	u8 reserved4[0x400 - 0xe0];
	/* state save area */
	struct vmcb_segment es, cs, ss, ds, fs, gs, gdtr, ldtr, idtr, tr;
	u8 reserved5[0x4cb - 0x4a0];
	u8 cpl;
	u32 reserved6;
	u64 efer;
	u8 reserved7[0x548 - 0x4d8];
	u64 cr4;
	u64 cr3;
	u64 cr0;
	u64 dr7;
	u64 dr6;
	u64 rflags;
	u64 rip;
	u8 reserved8[0x5d8 - 0x580];
	u64 rsp;
	u8 reserved9[0x5f8 - 0x5e0];
	u64 rax;
	u64 star;
	u64 lstar;
	u64 cstar;
	u64 sfmask;
	u64 kernel_gs_base;
	u64 sysenter_cs;
	u64 sysenter_esp;
	u64 sysenter_eip;
	u64 cr2;
	u8 reserved10[0x668 - 0x648];
	u64 g_pat;
};

#define VMCB_CHECK(field, off) \
	_Static_assert(__builtin_offsetof(struct vmcb, field) == (off), #field)
VMCB_CHECK(iopm_base_pa, 0x40);
VMCB_CHECK(asid, 0x58);
VMCB_CHECK(int_ctl, 0x60);
VMCB_CHECK(exit_code, 0x70);
VMCB_CHECK(exit_info2, 0x80);
VMCB_CHECK(nested_ctl, 0x90);
VMCB_CHECK(event_inj, 0xa8);
VMCB_CHECK(nested_cr3, 0xb0);
VMCB_CHECK(next_rip, 0xc8);
VMCB_CHECK(es, 0x400);
VMCB_CHECK(tr, 0x490);
VMCB_CHECK(cpl, 0x4cb);
VMCB_CHECK(efer, 0x4d0);
VMCB_CHECK(cr4, 0x548);
VMCB_CHECK(rip, 0x578);
VMCB_CHECK(rsp, 0x5d8);
VMCB_CHECK(rax, 0x5f8);
VMCB_CHECK(kernel_gs_base, 0x620);
VMCB_CHECK(cr2, 0x640);
VMCB_CHECK(g_pat, 0x668);

/* intercept_misc1 */
#define SVM_INTERCEPT_INTR		BIT(0)
#define SVM_INTERCEPT_NMI		BIT(1)
#define SVM_INTERCEPT_INIT		BIT(3)
#define SVM_INTERCEPT_CPUID		BIT(18)
#define SVM_INTERCEPT_IRET		BIT(20)
#define SVM_INTERCEPT_INVD		BIT(22)
#define SVM_INTERCEPT_INVLPGA		BIT(26)
#define SVM_INTERCEPT_IOIO_PROT		BIT(27)
#define SVM_INTERCEPT_MSR_PROT		BIT(28)
#define SVM_INTERCEPT_SHUTDOWN		BIT(31)
/* intercept_misc2 */
#define SVM_INTERCEPT_VMRUN		BIT(0)
#define SVM_INTERCEPT_VMMCALL		BIT(1)
#define SVM_INTERCEPT_VMLOAD		BIT(2)
#define SVM_INTERCEPT_VMSAVE		BIT(3)
#define SVM_INTERCEPT_STGI		BIT(4)
#define SVM_INTERCEPT_CLGI		BIT(5)
#define SVM_INTERCEPT_SKINIT		BIT(6)

#define SVM_NESTED_CTL_NP_ENABLE	BIT(0)
#define SVM_TLB_FLUSH_ALL		1

#define SVM_EVENT_VALID			BIT(31)
#define SVM_EVENT_ERROR_VALID		BIT(11)
#define SVM_EVENT_TYPE_MASK		(7 << 8)
#define SVM_EVENT_TYPE_NMI		(2 << 8)
#define SVM_EVENT_TYPE_EXCEPTION	(3 << 8)
#define SVM_EVENT_TYPE_SOFT_INT		(4 << 8)

/* Exit codes */
#define SVM_EXIT_EXCP_BASE		0x040
#define SVM_EXIT_INTR			0x060
#define SVM_EXIT_NMI			0x061
#define SVM_EXIT_INIT			0x063
#define SVM_EXIT_CPUID			0x072
#define SVM_EXIT_IRET			0x074
#define SVM_EXIT_INVD			0x076
#define SVM_EXIT_INVLPGA		0x07a
#define SVM_EXIT_IOIO			0x07b
#define SVM_EXIT_MSR			0x07c
#define SVM_EXIT_SHUTDOWN		0x07f
#define SVM_EXIT_VMRUN			0x080
#define SVM_EXIT_VMMCALL		0x081
#define SVM_EXIT_VMLOAD			0x082
#define SVM_EXIT_VMSAVE			0x083
#define SVM_EXIT_STGI			0x084
#define SVM_EXIT_CLGI			0x085
#define SVM_EXIT_SKINIT			0x086
#define SVM_EXIT_NPF			0x400
#define SVM_EXIT_INVALID		((u64)-1)

/* IOIO exit information */
#define SVM_IOIO_IN			BIT(0)
#define SVM_IOIO_STRING			BIT(2)
#define SVM_IOIO_SIZE_SHIFT		4
#define SVM_IOIO_PORT_SHIFT		16

/* NPF exit information (error code) */
#define SVM_NPF_PRESENT			BIT(0)
#define SVM_NPF_WRITE			BIT(1)
#define SVM_NPF_FETCH			BIT(4)
#define SVM_NPF_PAGE_WALK		BIT_ULL(33)

/* int_state */
#define SVM_INT_STATE_SHADOW		BIT(0)

/* Segment attributes (12-bit packed form) */
#define SVM_SEG_ATTR_L			BIT(9)
#define SVM_SEG_ATTR_DB			BIT(10)

#define SVM_IOPM_PAGES			3
#define SVM_MSRPM_PAGES			2

#endif /* XVC_ASM_SVM_H */
