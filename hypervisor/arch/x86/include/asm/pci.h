/* SPDX-License-Identifier: GPL-2.0-only */
/* PCI config space through I/O ports 0xcf8-0xcff (arch/x86/pci.c). */
#ifndef XVC_ASM_PCI_H
#define XVC_ASM_PCI_H

#include <xvc/violation.h>

struct per_cpu;
struct vcpu_exit;

/* Address port, the data ports after it, and 0xcf9 (reset) among them. */
#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_PORTS	8

/* A guest's access to one of the ports: always intercepted (pio.c). */
enum exit_action pci_config_port_access(struct per_cpu *pc,
					const struct vcpu_exit *ex);

#endif /* XVC_ASM_PCI_H */
