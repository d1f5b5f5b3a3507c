/*
 * scratch.h: what the unit tests that work on files share: a scratch
 * folder of their own under /tmp, paths in it, and small file helpers.
 *
 *   REQUIRE(dir_make());
 *   ... open at(path, sizeof(path), "case.db"), in scratch_dir ...
 *   dir_remove();
 *
 * The folder holds files only (no subfolders).  A test removes it before
 * it returns; dir_make removes the last one first, so a failed REQUIRE
 * that skipped the clean-up leaves nothing behind either.
 */
#ifndef DS_TEST_SCRATCH_H
#define DS_TEST_SCRATCH_H

#include <stddef.h>

/* The scratch folder, "" when there is none. */
extern char scratch_dir[64];

/* Make a new scratch folder (the last one goes first); 1 on success. */
int dir_make(void);

/* Remove the scratch folder and its files; harmless when there is none. */
void dir_remove(void);

/* dir/name into out (size bytes); aborts when it does not fit. */
const char *at(char *out, size_t size, const char *name);

/* 1 when path exists. */
int exists(const char *path);

/*
 * The whole file at path, malloc'd and NUL-terminated, its length in *n;
 * NULL (and *n 0) when it cannot be read.
 */
char *read_file(const char *path, size_t *n);

/*
 * The unpacked page corpus (tests/pages.sh) into out: $DS_PAGES_DIR, else
 * $DS_TOP/build/pages.  0, or -1 with why (when not NULL) saying what is
 * missing.
 */
int pages_dir(char *out, size_t size, const char **why);

#endif
