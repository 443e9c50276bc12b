/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Fixed layout of an inmate image, shared by the assembly startup code,
 * the linker script and C.  Plain #defines only: also used from assembly.
 */
#ifndef INMATE_LAYOUT_H
#define INMATE_LAYOUT_H

#define PAGE_SIZE		0x1000

/* Matches XVC_INMATE_CMDLINE_ADDRESS / _SIZE in <xvcell/comm-region.h>. */
#define CMDLINE_ADDRESS		0x1000
#define CMDLINE_SIZE		0x1000
/* SIPI vector 0x02: the AP trampoline page. */
#define AP_TRAMPOLINE_ADDRESS	0x2000

/*
 * Where a multiboot loader (QEMU -kernel) puts the image before the entry
 * code copies it to 0: above the comm region address, so that no bare
 * boot can mistake image bytes for a comm region.
 */
#define MB_LOAD_ADDR		0x200000

/* Everything (image, BSS, stacks) must stay below the VGA hole. */
#define IMAGE_LIMIT		0x9f000

#define MAX_CPUS		8
#define STACK_SIZE		0x4000

#define GDT_CODE32		0x08
#define GDT_DATA		0x10
#define GDT_CODE64		0x18

#define PTE_PRESENT		0x001
#define PTE_WRITE		0x002
#define PTE_PWT			0x008
#define PTE_PCD			0x010
#define PTE_LARGE		0x080

/* Local APIC, I/O APIC and firmware: mapped uncached. */
#define UNCACHED_START		0xfec00000

#endif /* INMATE_LAYOUT_H */
