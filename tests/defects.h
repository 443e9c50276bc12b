/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shipped configurations with one defect each, shared by the unit tests
 * (which run the library on them) and the corpus generator (which writes
 * them out for "xvcell config check").
 */
#ifndef XVCELL_TESTS_DEFECTS_H
#define XVCELL_TESTS_DEFECTS_H

#include "cfgbuild.h"

#define DEFECT_MAX_FILES	4
/* target: no file is edited / every cell (files[1...]) is edited */
#define DEFECT_NONE		(-1)
#define DEFECT_ALL_CELLS	(-2)

struct defect {
	/* also the corpus file name */
	const char *name;
	/* config stems: files[0] is passed as the system, the rest as cells */
	const char *files[DEFECT_MAX_FILES];
	/* index in files[] of the configuration that gets the defect */
	int target;
	/* edit of the parts, then of the built blob; either may be NULL */
	void (*edit)(struct cfg_parts *parts);
	void (*edit_blob)(struct cfg_blob *blob);
	/* what must be reported */
	enum cellcfg_error error;
	const char *message;
};

extern const struct defect defects[];
extern const unsigned int num_defects;

/* Non-zero if files[@index] of @d is edited. */
int defect_edits(const struct defect *d, int index);

/* The blob of files[@index] of @d, with the defect if @index is target. */
void defect_blob(const struct defect *d, int index, struct cfg_blob *blob);

/* Number of files of @d. */
int defect_num_files(const struct defect *d);

#endif /* XVCELL_TESTS_DEFECTS_H */
