/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Inmate entry: 16-bit real mode (xvcell cell start, AP SIPI) or 32-bit
 * protected mode (multiboot, bare QEMU) -> 64-bit long mode -> C.
 *
 * The image is linked and runs at guest-physical 0.  Offset 0 is the
 * real-mode entry of the cell's first CPU; the page at 0x2000 is the SIPI
 * trampoline of further CPUs.  A multiboot loader places the image at
 * MB_LOAD_ADDR instead, so the multiboot entry first copies it down to 0.
 *
 * %ebp carries "who are we" through the mode switches: 0 = first CPU,
 * 1 = application processor (must not touch BSS or page tables).
 */
#include <inmate-layout.h>

#define CR0_PE		(1 << 0)
#define CR0_NE		(1 << 5)
#define CR0_NW		(1 << 29)
#define CR0_CD		(1 << 30)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define MSR_EFER	0xc0000080
#define EFER_LME	(1 << 8)

#define MB_MAGIC	0x1badb002
#define MB_INFO_FLAGS	0
#define MB_INFO_CMDLINE_PTR	16
#define MB_INFO_CMDLINE	(1 << 2)
/* Flags: page-aligned modules, memory info, load addresses (a.out kludge). */
#define MB_FLAGS	((1 << 0) | (1 << 1) | (1 << 16))

	.section .boot, "ax"
	.code16
	.globl real_mode_entry
real_mode_entry:
	jmp	1f

	/* Within the first 8 KiB of the file, 4-byte aligned: QEMU -kernel. */
	.balign	4
multiboot_header:
	.long	MB_MAGIC
	.long	MB_FLAGS
	.long	-(MB_MAGIC + MB_FLAGS)
	.long	MB_LOAD_ADDR + multiboot_header	/* header_addr */
	.long	MB_LOAD_ADDR			/* load_addr */
	.long	MB_LOAD_ADDR + __image_file_end	/* load_end_addr */
	.long	0				/* bss_end_addr: we clear BSS */
	.long	MB_LOAD_ADDR + multiboot_entry	/* entry_addr */

1:	cli
	xorl	%ebp, %ebp
	jmp	enter_protected_mode

/* Shared by the first CPU and APs; CS base must be 0 here. */
enter_protected_mode:
	xorw	%ax, %ax
	movw	%ax, %ds
	lgdtl	gdt_descriptor
	movl	%cr0, %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	$GDT_CODE32, $protected_mode_entry

	/* Multiboot: flat 32-bit protected mode, %ebx = multiboot info. */
	.code32
multiboot_entry:
	cli
	cld
	/*
	 * QEMU keeps the multiboot info and command line in low memory that
	 * the image and its BSS will cover: first copy the command line into
	 * the image's own command-line page, minus the kernel path that
	 * loaders put in front.
	 */
	testl	$MB_INFO_CMDLINE, MB_INFO_FLAGS(%ebx)
	jz	copy_image
	movl	MB_INFO_CMDLINE_PTR(%ebx), %esi
1:	lodsb
	testb	%al, %al
	jz	copy_image
	cmpb	$0x20, %al
	jne	1b
2:	cmpb	$0x20, (%esi)
	jne	3f
	incl	%esi
	jmp	2b
3:	movl	$MB_LOAD_ADDR + CMDLINE_ADDRESS, %edi
	/* At most one byte less than the page: the last one stays NUL. */
	movl	$CMDLINE_SIZE - 1, %ecx
4:	lodsb
	stosb
	testb	%al, %al
	loopnz	4b

copy_image:
	movl	$MB_LOAD_ADDR, %esi
	xorl	%edi, %edi
	movl	$__image_file_end, %ecx
	rep movsb
	/* The image now runs where it was linked. */
	lgdtl	gdt_descriptor
	xorl	%ebp, %ebp
	ljmpl	$GDT_CODE32, $protected_mode_entry

protected_mode_entry:
	movl	$GDT_DATA, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs

	testl	%ebp, %ebp
	jnz	enable_long_mode

	/* First CPU only: clear BSS, then build the identity page tables. */
	cld
	movl	$__bss_start, %edi
	movl	$__bss_end, %ecx
	subl	%edi, %ecx
	xorl	%eax, %eax
	rep stosb

	/* PML4[0] -> PDPT, PDPT[0..3] -> four page directories. */
	movl	$pdpt + PTE_PRESENT + PTE_WRITE, pml4
	movl	$page_dirs + PTE_PRESENT + PTE_WRITE, %eax
	xorl	%ecx, %ecx
2:	movl	%eax, pdpt(, %ecx, 8)
	addl	$PAGE_SIZE, %eax
	incl	%ecx
	cmpl	$4, %ecx
	jne	2b

	/* 2048 entries of 2 MiB each cover 0..4 GiB, uncached from 0xfec00000. */
	xorl	%ecx, %ecx
3:	movl	%ecx, %eax
	shll	$21, %eax
	orl	$PTE_PRESENT + PTE_WRITE + PTE_LARGE, %eax
	cmpl	$UNCACHED_START >> 21, %ecx
	jb	4f
	orl	$PTE_PWT + PTE_PCD, %eax
4:	movl	%eax, page_dirs(, %ecx, 8)
	incl	%ecx
	cmpl	$2048, %ecx
	jne	3b

enable_long_mode:
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$EFER_LME, %eax
	wrmsr
	/* The reset value of CR0 has caches disabled: turn them on. */
	movl	%cr0, %eax
	andl	$~(CR0_CD | CR0_NW), %eax
	orl	$CR0_PG | CR0_PE | CR0_NE, %eax
	movl	%eax, %cr0
	ljmpl	$GDT_CODE64, $long_mode_entry

	.code64
long_mode_entry:
	xorl	%eax, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %fs
	movl	%eax, %gs
	movl	$GDT_DATA, %eax
	movl	%eax, %ss

	testl	%ebp, %ebp
	jnz	1f
	leaq	cpu_stacks + STACK_SIZE(%rip), %rsp
	call	inmate_startup
	jmp	2f
1:	movq	ap_stack_top(%rip), %rsp
	call	ap_startup
2:	cli
	hlt
	jmp	2b

	.balign	8
gdt:
	.quad	0
	.quad	0x00cf9b000000ffff	/* GDT_CODE32: flat 4 GiB, 32-bit */
	.quad	0x00cf93000000ffff	/* GDT_DATA: flat 4 GiB, writable */
	.quad	0x00af9b000000ffff	/* GDT_CODE64: long mode */
gdt_end:

gdt_descriptor:
	.word	gdt_end - gdt - 1
	.long	gdt

	/* The command line: reserved, zero-filled, filled in by the loader. */
	.section .cmdline, "aw"
	.globl cmdline_page
cmdline_page:
	.fill	CMDLINE_SIZE, 1, 0

	/* SIPI vector AP_TRAMPOLINE >> 12: CS = 0x200, IP = 0. */
	.section .ap_trampoline, "ax"
	.code16
	.globl ap_trampoline
ap_trampoline:
	cli
	movl	$1, %ebp
	ljmpw	$0, $enter_protected_mode

	.bss
	.balign	PAGE_SIZE
pml4:
	.fill	PAGE_SIZE, 1, 0
pdpt:
	.fill	PAGE_SIZE, 1, 0
page_dirs:
	.fill	4 * PAGE_SIZE, 1, 0
	.globl cpu_stacks
cpu_stacks:
	.fill	MAX_CPUS * STACK_SIZE, 1, 0
