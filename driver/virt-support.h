/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the CPU offers for hardware virtualization, as the driver sees it
 * before the hypervisor runs.  The hypervisor repeats the authoritative
 * checks at enable; this is for the user (sysfs, dmesg) and for an early,
 * readable refusal.
 */
#ifndef XVC_DRIVER_VIRT_SUPPORT_H
#define XVC_DRIVER_VIRT_SUPPORT_H

#include <linux/types.h>

enum xvc_vendor {
	XVC_VENDOR_NONE,
	XVC_VENDOR_SVM,
	XVC_VENDOR_VMX,
};

struct xvc_virt_support {
	enum xvc_vendor vendor;
	/* Nested paging (NPT) or EPT: xvcell cannot run without it. */
	bool nested_paging;
	/* Space-separated feature names, e.g. "svm npt nrips". */
	char features[160];
	/* Why the CPU cannot run xvcell, empty if it can. */
	char refusal[96];
};

void xvc_probe_virt_support(struct xvc_virt_support *vs);

#endif /* XVC_DRIVER_VIRT_SUPPORT_H */
