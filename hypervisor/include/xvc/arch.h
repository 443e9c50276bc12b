/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the core asks of the architecture.  The core calls only these; the
 * x86 code behind them picks the vendor (SVM or VMX) at run time.
 */
#ifndef XVC_ARCH_H
#define XVC_ARCH_H

#include <xvc/types.h>

struct per_cpu;
struct cell;
struct xvc_memory_region;
struct xvc_pci_device;

/* Once, on the first CPU: check the CPU, build the host page tables. */
int arch_global_init(void);
/* On each CPU: own GDT/IDT/page tables, then enable SVM or VMX. */
int arch_cpu_init(struct per_cpu *pc);
/* Undo arch_cpu_init on an error path, before going back to Linux. */
void arch_cpu_exit(struct per_cpu *pc);

int arch_cell_create(struct cell *cell);
void arch_cell_destroy(struct cell *cell);
int arch_map_memory_region(struct cell *cell,
			   const struct xvc_memory_region *mem);
int arch_unmap_memory_region(struct cell *cell,
			     const struct xvc_memory_region *mem);
/* Tidy @cell's guest-physical map after regions came back to it. */
void arch_compact_memory_map(struct cell *cell, u64 gpa, u64 size);
/*
 * The root's map changes while its CPUs run: the table pages it gives up
 * are reused only after this, which is called once every root CPU has
 * flushed its TLB.
 */
void arch_release_freed_tables(struct cell *cell);
/*
 * What @cell's guest-physical map holds at @gpa now: the host-physical
 * address and XVC_MEM_* rights; -EFAULT if nothing is mapped there.
 */
int arch_gpa_lookup(const struct cell *cell, u64 gpa, u64 *phys, u64 *flags);

/* Rebuild @cell's permission maps (ports other cells took, or gave back). */
void arch_cell_update_permissions(struct cell *cell);
/* Map what the hypervisor, not the config, decides (the local APIC). */
int arch_map_platform_pages(struct cell *cell);
/* Make this CPU's guest state an x86 reset state, starting at @address. */
void arch_vcpu_reset(struct per_cpu *pc, u64 address);
/* Make @target leave its guest and look at its requests. */
void arch_send_management_ipi(struct per_cpu *target);

/*
 * The CPU now belongs to pc->cell: reset what the previous owner left in it and use
 * the new cell's maps.  False if the CPU's interrupt controller could not
 * be reset; the CPU must then not run any guest again.
 */
bool arch_vcpu_set_cell(struct per_cpu *pc);

/* Start the root cell on this CPU: Linux continues as a guest. */
void __noreturn arch_cpu_activate_root(struct per_cpu *pc);
/* Go back to Linux natively with @result in RAX (failed enable, disable). */
void __noreturn arch_cpu_return_to_linux(struct per_cpu *pc, long result);

/*
 * Config space of PCI function @bdf (segment 0), as the platform reaches
 * it; called with the PCI lock held (pci.c).  Registers beyond 0xff read
 * as all ones where the platform has no MMCONFIG.
 */
u32 arch_pci_read(u16 bdf, unsigned int reg, unsigned int size);
void arch_pci_write(u16 bdf, unsigned int reg, unsigned int size, u32 value);
/*
 * PCI functions the hypervisor drives itself (an AMD-Vi unit is one): no
 * guest's, not even the root's.  Writes at most @max to @bdfs, returns
 * how many there are.
 */
unsigned int arch_pci_reserved_functions(u16 *bdfs, unsigned int max);
/* The CPU's last exits, for the report of a root CPU that is stopped. */
void arch_print_exit_trace(struct per_cpu *pc);

/*
 * Why a device of @cell may not send this MSI message (@vectors
 * consecutive vectors from the data's), or NULL if it may: compatibility
 * format only, an interrupt for the cell's CPUs.
 */
const char *arch_msi_refusal(const struct cell *cell, u64 address, u32 data,
			     unsigned int vectors);
/*
 * A message function @bdf of @cell may now send, arch_msi_refusal() having
 * passed it: its MSI (@msix_entry -1, @vectors consecutive vectors) or
 * its MSI-X entry @msix_entry.  Where the function's interrupts are
 * remapped, only such messages are delivered, each by entries of its own.
 */
void arch_msi_accepted(const struct cell *cell, u16 bdf, int msix_entry,
		       u64 address, u32 data, unsigned int vectors);
/*
 * Does the device hold, in place of the cell's messages, what names the
 * remapping entries that deliver them (arch_msi_device_message())?
 */
bool arch_msi_remapped(const struct cell *cell, u16 bdf);
/*
 * What the device must hold for the accepted message (@msix_entry as
 * above), given as the cell's: unchanged, or where remapped, what names
 * its entries (AMD-Vi: an MSI-X entry's number as the data; VT-d: the
 * remappable-format address).
 */
void arch_msi_device_message(const struct cell *cell, u16 bdf, int msix_entry,
			     u64 *address, u32 *data);
/*
 * Does @cell own interrupt line @gsi, which a device drives (a PCI
 * function's INTx)?  Lines the platform does not have are no one's.
 */
bool arch_irq_line_owned(const struct cell *cell, u32 gsi);

/*
 * DMA remapping: on once the root cell is built; off again when the
 * hypervisor is disabled or its enable fails.  A PCI function's requests
 * translate through the DMA domain of @cell from now on.
 */
int arch_iommu_enable(void);
void arch_iommu_shutdown(void);
int arch_iommu_assign_device(struct cell *cell, const struct xvc_pci_device *dev);
/* Report the DMA faults the units hold now; the control lock is held. */
void arch_iommu_report_faults(void);

/* XVC_VENDOR_ID_SVM or XVC_VENDOR_ID_VMX. */
int arch_vendor_id(void);

/* Write one character to the debug console (the system config's UART). */
void arch_console_putc(char c);
int arch_console_init(void);

#endif /* XVC_ARCH_H */
