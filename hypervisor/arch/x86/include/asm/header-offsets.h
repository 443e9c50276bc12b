/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Offsets into struct xvc_hv_header for assembly code; setup.c checks them
 * against the C structure at build time.
 */
#ifndef XVC_ASM_HEADER_OFFSETS_H
#define XVC_ASM_HEADER_OFFSETS_H

#define HDR_CONFIG_OFFSET	80
#define HDR_CONFIG_SIZE		88

#endif /* XVC_ASM_HEADER_OFFSETS_H */
