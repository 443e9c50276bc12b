/* SPDX-License-Identifier: GPL-2.0-only */
/* State and functions shared by the driver's files. */
#ifndef XVC_DRIVER_XVCELL_H
#define XVC_DRIVER_XVCELL_H

#include <linux/mutex.h>
#include <linux/types.h>
#include <xvcell/hypervisor.h>

#include "virt-support.h"

struct xvc_state {
	/* Serializes enable, disable and cell management. */
	struct mutex lock;
	bool enabled;
	struct xvc_virt_support virt;
	/* The hypervisor's memory, mapped for the driver while enabled. */
	void *hv_mem;
	u64 hv_phys;
	u64 hv_size;
	/*
	 * The image header: only valid until entry, when hypervisor memory
	 * becomes inaccessible to Linux except for the console ring.
	 */
	struct xvc_hv_header *header;
	const struct xvc_console_ring *console;
	/* The root cell's name and CPUs, from the system config. */
	char root_name[32];
	u64 root_cpus;
	/* IOMMUs the system config gives the hypervisor to drive. */
	u32 num_iommus;
	/* The console of the last hypervisor run, kept after it ended. */
	char *saved_console;
	u32 saved_written;
};

extern struct xvc_state xvc;

int xvc_enable(const void __user *config, u32 size);
int xvc_disable(void);
long xvc_hypercall(u64 code, u64 arg1, u64 arg2);

struct xvc_cell_load_arg;
int xvc_cells_init(void);
void xvc_cells_exit(void);
int xvc_cell_create(const void __user *config, u32 size);
int xvc_cell_load(const struct xvc_cell_load_arg *arg);
int xvc_cell_start(unsigned int id);
int xvc_cell_shutdown(unsigned int id);
int xvc_cell_destroy(unsigned int id);
unsigned int xvc_cell_count(void);
ssize_t xvc_cells_show(char *buf);

/* PCI devices of a cell config (driver/pci.c); under xvc.lock. */
struct cellcfg_cell;
int xvc_pci_take(const struct cellcfg_cell *c, const char *cell);
void xvc_pci_give_back(const struct cellcfg_cell *c, u32 count, const char *cell);

/* Console bytes from absolute position *pos; returns bytes copied. */
ssize_t xvc_console_read(char __user *buf, size_t count, loff_t *pos);

#endif /* XVC_DRIVER_XVCELL_H */
