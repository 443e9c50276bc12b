/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DMA remapping (iommu.c, vendor-neutral) and the units that do it (vtd.c
 * for Intel VT-d, amd-vi.c for AMD-Vi).  Each cell has one DMA domain: a
 * page table of what its devices may reach, built from its DMA-flagged
 * memory regions at their guest-physical addresses.  The root's domain is also where every
 * requester ID that no cell owns translates.
 */
#ifndef XVC_ASM_IOMMU_H
#define XVC_ASM_IOMMU_H

#include <xvc/types.h>
#include <xvcell/cell-config.h>
#include <asm/paging.h>

struct cell;
struct per_cpu;
struct spinlock;

/* One blocked DMA access, as a unit recorded it. */
struct dma_fault {
	unsigned int unit;
	u16 bdf;
	bool write;
	u64 address;
	/* The unit's own reason code, for the report. */
	unsigned int reason;
	/* A blocked interrupt message: address is the entry it named. */
	bool interrupt;
};

/*
 * An interrupt an entry of a remapping table would deliver, whichever
 * vendor's: who may send it (requester IDs source_first to source_last,
 * if the unit verifies the source at all) and where it goes.
 */
struct remapped_irq {
	bool source_verified;
	u16 source_first, source_last;
	u32 dest;
	bool logical;
	bool x2apic;
	unsigned int delivery;
	unsigned int vector;
};

/*
 * Where a device's requests translate: the domain's id and tables, and
 * whether its interrupts go through entries the hypervisor writes
 * (arch_msi_accepted()) where the unit can remap them.
 */
struct dma_domain {
	u16 id;
	struct page_table *map;
	bool remap_interrupts;
};

/* What a unit offers that the domains' tables depend on. */
struct iommu_caps {
	/* Largest leaf level the unit walks (1 = 4K, 2 = 2M, 3 = 1G). */
	unsigned int max_leaf_level;
	/* Table levels it can walk from the context: bit 3 and/or bit 4. */
	unsigned int walk_levels;
	/* How many domain ids it tells apart (0 to domain_ids - 1). */
	unsigned int domain_ids;
};

/* Called by the x86 cell and host code. */
bool iommu_present(void);
int iommu_probe(void);
int iommu_map_host_registers(int (*map)(u64 phys, u64 size));
int iommu_domain_create(struct cell *cell);
void iommu_domain_destroy(struct cell *cell);
int iommu_map_region(struct cell *cell, const struct xvc_memory_region *mem);
int iommu_unmap_region(struct cell *cell, const struct xvc_memory_region *mem);
void iommu_compact(struct cell *cell, u64 gpa, u64 size);
/* After the domain lost mappings: no device may still use them. */
void iommu_domain_changed(struct cell *cell);
/* On exits of root CPUs: report what the units blocked. */
void iommu_poll_faults(struct per_cpu *pc);
/*
 * Why the root may not have an entry of a remapping table it writes
 * itself (Linux's, taken over), or NULL: the source must be verified and
 * none of it a cell's function, the destination the root's CPUs, the
 * delivery an interrupt's.
 */
const char *iommu_root_irq_refusal(const struct remapped_irq *irq);
/* The root's CPUs or functions changed: its entries are checked again. */
void iommu_root_changed(void);
/*
 * Why the root's unmasked IOAPIC entry (@low, @high) may not be written
 * where a unit remaps the root's interrupts (it names a remapping entry
 * the hypervisor keeps for cells), or NULL.
 */
const char *iommu_root_ioapic_refusal(u32 low, u32 high);
/* Does a unit remap every interrupt, the root's through its own table? */
bool iommu_remaps_root_interrupts(void);
/*
 * Pin @pin of IOAPIC @ioapic (platform index) is @cell's, and its checked,
 * unmasked entry (@low, @high) goes to the IOAPIC: where every interrupt
 * is remapped, it becomes one naming an entry that delivers it.
 */
void iommu_ioapic_entry(const struct cell *cell, unsigned int ioapic,
			unsigned int pin, u32 *low, u32 *high);
/* The pin went back to the root: its entry goes. */
void iommu_ioapic_pin_released(unsigned int ioapic, unsigned int pin);

/*
 * A unit's register page emulated for the root while the hypervisor has
 * its interrupt remapping taken over from Linux (iommu-takeover.c): the
 * vendor's view of its 64-bit registers (offsets 8-byte aligned), under
 * @lock; while !active the root's accesses reach the unit.
 */
struct iommu_root_regs {
	const char *name;
	u64 base;
	struct spinlock *lock;
	bool active;
	void *unit;
	u64 (*read)(void *unit, unsigned int offset);
	void (*write)(struct per_cpu *pc, void *unit, unsigned int offset,
		      u64 value);
};

/* Claim the page in the root's MMIO table (for as long as the root lives). */
int iommu_root_regs_claim(struct iommu_root_regs *regs, u32 size);
/* Write @size (4 or 8) bytes of @value for Linux into root RAM it may write. */
bool iommu_store_to_root(u64 gpa, u64 value, unsigned int size);

/*
 * One vendor's unit mechanics (vtd.c for Intel VT-d, amd-vi.c for AMD-Vi),
 * called by iommu.c per unit of the system config.  What a domain maps is
 * decided once, in iommu.c; a vendor only says how its entries look and
 * points requester IDs at domains.
 */
struct iommu_ops {
	const char *name;
	/* The domain tables' entries as this vendor's units walk them. */
	const struct pt_format *format;
	int (*probe)(unsigned int unit, u64 base, u32 size,
		     struct iommu_caps *caps);
	/* The depth every unit walks (3 or 4), set once all are probed. */
	void (*set_walk_levels)(unsigned int levels);
	int (*enable)(unsigned int unit, const struct dma_domain *root);
	void (*disable)(unsigned int unit);
	/* What may fail before a device moves, so that it moves or stays. */
	int (*prepare_device)(unsigned int unit, u16 bdf);
	int (*assign_device)(unsigned int unit, u16 bdf,
			     const struct dma_domain *d);
	/* Domain @id's tables changed: its cached translations go. */
	void (*flush_domain)(unsigned int unit, u16 id);
	/*
	 * Does the unit remap function @bdf's interrupts?  Then it may send
	 * this message (its MSI with @vectors vectors if @msix_entry is -1,
	 * else that MSI-X entry), and the device holds what device_message
	 * says in its place.  NULL where the vendor's remapping is not
	 * driven.
	 */
	bool (*remaps)(unsigned int unit, u16 bdf);
	void (*remap_msi)(unsigned int unit, const struct cell *cell, u16 bdf,
			  int msix_entry, u64 address, u32 data,
			  unsigned int vectors);
	void (*device_message)(unsigned int unit, u16 bdf, int msix_entry,
			       u64 *address, u32 *data);
	/*
	 * Where the unit remaps the root's interrupts through a table the
	 * root writes (taken over from Linux): check its entries again, and
	 * whether a root IOAPIC entry names one of the hypervisor's.  NULL
	 * elsewhere.
	 */
	/*
	 * The IOAPIC with requester ID @source_id may send pin @pin's entry
	 * (@low, @high) for @cell: in its place, the entry naming it.
	 */
	void (*remap_ioapic)(unsigned int unit, const struct cell *cell,
			     u16 source_id, unsigned int pin, u32 *low, u32 *high);
	void (*release_ioapic)(unsigned int unit, u16 source_id, unsigned int pin);
	bool (*remaps_root)(unsigned int unit);
	void (*root_changed)(unsigned int unit);
	const char *(*root_ioapic_refusal)(unsigned int unit, u32 low, u32 high);
	bool (*fault_pending)(unsigned int unit);
	/* The next blocked access the unit recorded; false if none. */
	bool (*next_fault)(unsigned int unit, struct dma_fault *fault);
};

extern const struct iommu_ops vtd_ops;
extern const struct iommu_ops amdvi_ops;

#endif /* XVC_ASM_IOMMU_H */
