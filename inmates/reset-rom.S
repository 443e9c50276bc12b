/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A stand-in firmware for QEMU's -bios that starts an inmate the way
 * xvcell does: from CPU reset state, in real mode, at 0x0000:0x0000.
 *
 * run-bare.sh (BOOT=reset) builds a 128 KiB ROM: the inmate's flat image
 * (with the command line already written into its page at 0x1000, as the
 * hypervisor's loader does) at offset 0, this 4 KiB stub at offset
 * 0x1f000.  QEMU maps the ROM's last 128 KiB at 0xe0000 too, so in real
 * mode the image is at 0xe0000 and this stub at 0xff000.
 *
 * The stub enables the q35 (ICH9) ACPI PM I/O block at 0x600 like a BIOS
 * would, so that the PM timer is at 0x608, copies the first 64 KiB of
 * the image to 0 and jumps there.  Nothing else is initialised: that is
 * the point.
 */
#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
/* 00:1f.0, the ICH9 LPC bridge: PMBASE and ACPI_CNTL. */
#define LPC_PMBASE		0x8000f840
#define LPC_ACPI_CNTL		0x8000f844
#define PMBASE_VALUE		0x601		/* 0x600, I/O space */
#define ACPI_ENABLE		0x80

#define IMAGE_SEGMENT		0xe000
#define COPY_WORDS		0x8000		/* 64 KiB */

	.code16
	.text
	.globl	stub_start
stub_start:
	cli
	cld
	movl	$LPC_PMBASE, %eax
	movw	$PCI_CONFIG_ADDRESS, %dx
	outl	%eax, %dx
	movl	$PMBASE_VALUE, %eax
	movw	$PCI_CONFIG_DATA, %dx
	outl	%eax, %dx
	movl	$LPC_ACPI_CNTL, %eax
	movw	$PCI_CONFIG_ADDRESS, %dx
	outl	%eax, %dx
	movb	$ACPI_ENABLE, %al
	movw	$PCI_CONFIG_DATA, %dx
	outb	%al, %dx

	movw	$IMAGE_SEGMENT, %ax
	movw	%ax, %ds
	xorw	%ax, %ax
	movw	%ax, %es
	xorw	%si, %si
	xorw	%di, %di
	movw	$COPY_WORDS, %cx
	rep movsw
	ljmpw	$0, $0

	/* The reset vector: 0xfffffff0, the stub's last 16 bytes. */
	.org	0xff0
	ljmpw	$0xf000, $0xf000
	.org	0x1000
