# SPDX-License-Identifier: GPL-2.0-only
#
# The cellcfg sources, for every build that links the library (tools, tests,
# the Linux driver, the hypervisor).  Include this file and use
# $(CELLCFG_SRCS) with $(CELLCFG_DIR) as base; add -I$(XVC_SRC)/include and
# -I$(CELLCFG_DIR) to the compiler flags.  Nothing outside <xvcell/...> and
# the compiler's own <stdint.h> (or <linux/types.h>) is needed.

CELLCFG_DIR := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
CELLCFG_SRCS := cellcfg-parse.c cellcfg-system.c cellcfg-pci.c \
	cellcfg-format.c
CELLCFG_HDRS := cellcfg.h cellcfg-internal.h
