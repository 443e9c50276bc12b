# SPDX-License-Identifier: GPL-2.0-only
#
# xvcell top-level build.
#
#   make            build every artifact (tools, configs, driver, hypervisor, inmates)
#   make check      unit tests + system scenarios in QEMU (SVM) and Bochs (VMX)
#   make demo       boot QEMU, enable xvcell, show it working
#   make bench      print performance figures (never asserted)
#   make fuzz       long fuzz run of the config parser
#   make install DESTDIR=...   install as a package would
#
# Everything fetched from outside (Debian kernels, emulator images) is cached
# below $(XVC_CACHE), never in the source tree.

XVC_SRC := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
XVC_CACHE ?= $(HOME)/.cache/xvcell
export XVC_SRC XVC_CACHE

# Host compiler and flags shared by every user-space and freestanding part.
CC ?= gcc
XVC_WARN := -Wall -Wextra -Werror
export CC XVC_WARN

# The kernel the driver is built against: KDIR if given, else the running
# kernel's build tree if it has one, else the Debian kernel the rig fetches
# (KERNEL=6.1|6.12, FLAVOUR=rt for PREEMPT_RT).
KERNEL ?= 6.1
FLAVOUR ?=
RUNNING_KDIR := /lib/modules/$(shell uname -r)/build
ifeq ($(origin KDIR),undefined)
ifneq ($(wildcard $(RUNNING_KDIR)/Makefile),)
KDIR := $(RUNNING_KDIR)
else
KDIR = $(shell $(XVC_SRC)/ci/fetch-kernel --kernel $(KERNEL) \
	$(if $(FLAVOUR),--flavour $(FLAVOUR)) --print-kdir)
endif
endif

# Parts that exist so far; each has its own Makefile.
SUBDIRS := $(patsubst %/Makefile,%,$(wildcard $(addsuffix /Makefile,\
	tools configs hypervisor inmates)))

.PHONY: all $(SUBDIRS) driver check unit-check system-check demo demo-linux bench fuzz \
	install deps clean

all: $(SUBDIRS) driver

$(SUBDIRS):
	$(MAKE) -C $@

configs inmates: tools

# DRIVER_OUT lets the rig build one module per kernel side by side.
driver:
	$(MAKE) -C driver KDIR=$(KDIR) $(if $(DRIVER_OUT),OUT=$(DRIVER_OUT))

deps:
	$(XVC_SRC)/ci/install-deps

unit-check: deps $(SUBDIRS)
	$(MAKE) -C tests run

check: deps
	$(XVC_SRC)/ci/check

demo: deps
	$(XVC_SRC)/ci/demo

demo-linux: deps
	$(XVC_SRC)/ci/demo-linux

bench: deps
	$(XVC_SRC)/ci/bench

fuzz: deps
	$(MAKE) -C tests fuzz FUZZ_SECONDS=$${FUZZ_SECONDS:-600}

install: $(SUBDIRS) driver
	$(XVC_SRC)/ci/install-tree "$(DESTDIR)" "$(KDIR)"

clean:
	for d in $(SUBDIRS) $(wildcard tests driver); do $(MAKE) -C $$d clean; done
	rm -rf build
