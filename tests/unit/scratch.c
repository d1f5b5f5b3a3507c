/*
 * scratch.c: the unit tests' scratch folder and file helpers (scratch.h),
 * linked into every unit test.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scratch.h"

char scratch_dir[64];

void dir_remove(void)
{
	char path[512];
	struct dirent *e;
	DIR *d = scratch_dir[0] ? opendir(scratch_dir) : NULL;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", scratch_dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(scratch_dir);
	scratch_dir[0] = '\0';
}

int dir_make(void)
{
	dir_remove();
	/* Memory-backed when it can be: the allocation walks open a case
	 * file thousands of times, and syncing each to a disk takes minutes. */
	snprintf(scratch_dir, sizeof(scratch_dir), "%s/ds-test-XXXXXX",
		 access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
	if (mkdtemp(scratch_dir) != NULL)
		return 1;
	scratch_dir[0] = '\0';
	return 0;
}

const char *at(char *out, size_t size, const char *name)
{
	if ((size_t)snprintf(out, size, "%s/%s", scratch_dir, name) >= size)
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
		if (p) {
			p[size] = '\0';
			*n = (size_t)size;
		}
	}
	fclose(f);
	return p;
}

int pages_dir(char *out, size_t size, const char **why)
{
	const char *env = getenv("DS_PAGES_DIR"), *top = getenv("DS_TOP");
	const char *dummy;
	char path[4200];
	struct stat st;

	if (!why)
		why = &dummy;
	*why = "DS_PAGES_DIR is not set";
	if (env && *env) {
		snprintf(out, size, "%s", env);
	} else if (top && *top) {
		snprintf(out, size, "%s/build/pages", top);
		snprintf(path, sizeof(path), "%s/../shared/data/pages", top);
		if (stat(path, &st) == 0)
			*why = "the corpus in ../shared is not unpacked";
	} else {
		return -1;
	}
	snprintf(path, sizeof(path), "%s/ground-truth.json", out);
	if (stat(path, &st) == 0)
		return 0;
	if (env && *env)
		*why = "no ground-truth.json in DS_PAGES_DIR";
	return -1;
}
