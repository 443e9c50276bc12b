/* SPDX-License-Identifier: GPL-2.0-only */
/* x86 registers, CPUID, MSRs and control registers used by the hypervisor. */
#ifndef XVC_ASM_PROCESSOR_H
#define XVC_ASM_PROCESSOR_H

#include <xvc/types.h>

#define X86_CR0_PE		BIT(0)
#define X86_CR0_MP		BIT(1)
#define X86_CR0_ET		BIT(4)
#define X86_CR0_NE		BIT(5)
#define X86_CR0_WP		BIT(16)
#define X86_CR0_NW		BIT(29)
#define X86_CR0_CD		BIT(30)
#define X86_CR0_PG		BIT(31)

#define X86_CR4_PAE		BIT(5)
#define X86_CR4_PGE		BIT(7)
#define X86_CR4_VMXE		BIT(13)
#define X86_CR4_PCIDE		BIT(17)

#define X86_RFLAGS_FIXED	BIT(1)
#define X86_RFLAGS_IF		BIT(9)

#define MSR_IA32_APICBASE	0x0000001b
#define MSR_IA32_FEATURE_CONTROL 0x0000003a
#define MSR_IA32_SYSENTER_CS	0x00000174
#define MSR_IA32_SYSENTER_ESP	0x00000175
#define MSR_IA32_SYSENTER_EIP	0x00000176
#define MSR_IA32_PAT		0x00000277
#define MSR_X2APIC_BASE		0x00000800
#define MSR_X2APIC_END		0x000008ff
#define MSR_EFER		0xc0000080
#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_CSTAR		0xc0000083
#define MSR_SFMASK		0xc0000084
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102
#define MSR_TSC_AUX		0xc0000103
#define MSR_VM_CR		0xc0010114
#define MSR_VM_HSAVE_PA		0xc0010117

#define EFER_SCE		BIT(0)
#define EFER_LME		BIT(8)
#define EFER_LMA		BIT(10)
#define EFER_NXE		BIT(11)
#define EFER_SVME		BIT(12)

/* CPUID feature bits the hypervisor looks at or hides. */
#define CPUID1_ECX_VMX			BIT(5)
#define CPUID1_ECX_X2APIC		BIT(21)
/* Machine check exception and architecture (leaves 1 and 0x80000001). */
#define CPUID_EDX_MCE			BIT(7)
#define CPUID_EDX_MCA			BIT(14)
#define CPUID1_ECX_HYPERVISOR		BIT(31)
#define CPUID_EXT1_ECX_SVM		BIT(2)
#define CPUID_EXT1_EDX_1GB_PAGES	BIT(26)
#define CPUID_EXT1_EDX_RDTSCP		BIT(27)
#define CPUID1_ECX_OSXSAVE		BIT(27)
#define CPUID1_EDX_FXSR			BIT(24)

#define APICBASE_BSP		BIT(8)
#define APICBASE_X2APIC		BIT(10)
#define APICBASE_ENABLE		BIT(11)

#define X86_PF_VECTOR		14
#define X86_GP_VECTOR		13
#define X86_UD_VECTOR		6
#define X86_NMI_VECTOR		2

struct cpuid_regs {
	u32 eax, ebx, ecx, edx;
};

static inline void cpuid_count(u32 leaf, u32 subleaf, struct cpuid_regs *r)
{
	asm volatile("cpuid"
		     : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
		     : "a"(leaf), "c"(subleaf));
}

static inline u32 cpuid_ecx(u32 leaf)
{
	struct cpuid_regs r;

	cpuid_count(leaf, 0, &r);
	return r.ecx;
}

static inline u32 cpuid_edx(u32 leaf)
{
	struct cpuid_regs r;

	cpuid_count(leaf, 0, &r);
	return r.edx;
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 val)
{
	asm volatile("wrmsr"
		     : : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32))
		     : "memory");
}

/* rdmsr/wrmsr/xsetbv that return -EIO instead of faulting (exception.c). */
int rdmsr_safe(u32 msr, u64 *val);
int wrmsr_safe(u32 msr, u64 val);
int xsetbv_safe(u32 xcr, u64 val);

#define DEFINE_CR_ACCESSORS(n)						\
static inline u64 read_cr##n(void)					\
{									\
	u64 v;								\
	asm volatile("mov %%cr" #n ", %0" : "=r"(v));			\
	return v;							\
}									\
static inline void write_cr##n(u64 v)					\
{									\
	asm volatile("mov %0, %%cr" #n : : "r"(v) : "memory");		\
}
DEFINE_CR_ACCESSORS(0)
DEFINE_CR_ACCESSORS(2)
DEFINE_CR_ACCESSORS(3)
DEFINE_CR_ACCESSORS(4)

static inline void write_dr(unsigned int n, u64 v)
{
	switch (n) {
	case 0: asm volatile("mov %0, %%db0" : : "r"(v)); break;
	case 1: asm volatile("mov %0, %%db1" : : "r"(v)); break;
	case 2: asm volatile("mov %0, %%db2" : : "r"(v)); break;
	case 3: asm volatile("mov %0, %%db3" : : "r"(v)); break;
	}
}

/* The x87, SSE and AVX registers to their initial state (fpu.c). */
void fpu_reset_state(void);

struct desc_ptr {
	u16 limit;
	u64 base;
} __packed;

static inline void load_gdt(const struct desc_ptr *d)
{
	asm volatile("lgdt %0" : : "m"(*d));
}

static inline void load_idt(const struct desc_ptr *d)
{
	asm volatile("lidt %0" : : "m"(*d));
}

static inline void outb(u16 port, u8 v)
{
	asm volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outw(u16 port, u16 v)
{
	asm volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline u16 inw(u16 port)
{
	u16 v;

	asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outl(u16 port, u32 v)
{
	asm volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline u32 inl(u16 port)
{
	u32 v;

	asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void __noreturn halt_forever(void)
{
	for (;;)
		asm volatile("cli; hlt");
}

static inline u32 this_apic_id(void)
{
	struct cpuid_regs r;

	cpuid_count(1, 0, &r);
	return r.ebx >> 24;
}

#endif /* XVC_ASM_PROCESSOR_H */
