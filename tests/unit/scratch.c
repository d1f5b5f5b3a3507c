/*
 * scratch.c: the unit tests' scratch folder and file helpers (scratch.h),
 * linked into every unit test.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "scratch.h"

char dir[64];

void dir_remove(void)
{
	char path[512];
	struct dirent *e;
	DIR *d = dir[0] ? opendir(dir) : NULL;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
	dir[0] = '\0';
}

int dir_make(void)
{
	dir_remove();
	snprintf(dir, sizeof(dir), "/tmp/ds-test-XXXXXX");
	if (mkdtemp(dir) != NULL)
		return 1;
	dir[0] = '\0';
	return 0;
}

const char *at(char *out, size_t size, const char *name)
{
	if ((size_t)snprintf(out, size, "%s/%s", dir, name) >= size)
		abort();
	return out;
}

int exists(const char *path)
{
	return access(path, F_OK) == 0;
}

char *read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL;
	long size;

	*n = 0;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		p = malloc((size_t)size + 1);
		if (p && fread(p, 1, (size_t)size, f) != (size_t)size) {
			free(p);
			p = NULL;
		}
		if (p)
			*n = (size_t)size;
	}
	fclose(f);
	return p;
}
