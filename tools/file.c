// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading input files whole.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xvcell.h"

/* Configurations are a few KiB; this only stops a runaway read. */
#define XVC_MAX_FILE_SIZE	(64UL << 20)

int xvc_read_file(const char *path, struct xvc_file *file)
{
	size_t capacity = 4096;
	char *data, *bigger;
	FILE *f;

	file->path = path;
	file->data = NULL;
	file->size = 0;
	f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "xvcell: %s: %s\n", path, strerror(errno));
		return -1;
	}
	/* malloc'd memory is aligned enough for the cellcfg library (8) */
	data = malloc(capacity);
	if (!data)
		goto out_of_memory;
	for (;;) {
		file->size += fread(data + file->size, 1,
				    capacity - file->size, f);
		if (file->size < capacity)
			break;
		if (capacity >= XVC_MAX_FILE_SIZE) {
			fprintf(stderr, "xvcell: %s: larger than %lu bytes\n",
				path, XVC_MAX_FILE_SIZE);
			goto fail;
		}
		bigger = realloc(data, capacity * 2);
		if (!bigger)
			goto out_of_memory;
		data = bigger;
		capacity *= 2;
	}
	if (ferror(f)) {
		fprintf(stderr, "xvcell: %s: %s\n", path, strerror(errno));
		goto fail;
	}
	fclose(f);
	file->data = data;
	return 0;
out_of_memory:
	fprintf(stderr, "xvcell: %s: out of memory\n", path);
fail:
	free(data);
	fclose(f);
	file->size = 0;
	return -1;
}

void xvc_free_file(struct xvc_file *file)
{
	free(file->data);
	file->data = NULL;
	file->size = 0;
}
