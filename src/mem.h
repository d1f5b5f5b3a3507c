/*
 * mem.h: the one allocation wrapper.
 *
 * All of the project's own allocations go through these, so a test can
 * make the N-th allocation fail (ds_mem_fail_at) and check that every
 * path reports DS_ENOMEM cleanly and leaks nothing.  The environment
 * variable DUESEARCH_FAIL_ALLOC=N does the same for a whole process.
 */
#ifndef DS_MEM_H
#define DS_MEM_H

#include <stddef.h>

void *ds_malloc(size_t n);
void *ds_calloc(size_t nmemb, size_t size);
void *ds_realloc(void *p, size_t n);
char *ds_strdup(const char *s);
char *ds_strndup(const char *s, size_t n);
void ds_free(void *p);

/*
 * Route jansson's and SQLite's allocations through the same counter and
 * failure injection (json_set_alloc_funcs, SQLITE_CONFIG_MALLOC).  Call it
 * once, first thing, before any SQLite call: main and the tests do.
 * Returns -1 when SQLite was already initialised (its allocations are
 * then its own).
 */
int ds_mem_hook_libraries(void);

/*
 * How many allocations have failed so far in this process (injected or
 * real, the libraries' included once hooked).  A parser that reports
 * malformed input when an allocation failed under it (jansson does) is
 * told apart from bad input by comparing this before and after the call.
 */
unsigned long ds_mem_failures(void);

/* Overwrite n bytes with zeros in a way the compiler keeps (secrets). */
void ds_wipe(void *p, size_t n);

/*
 * Make the n-th allocation from now fail (1 = the next one); 0 turns
 * failure injection off.  Returns how many allocations have been made
 * since the last call, for tests that walk every allocation in turn.
 */
unsigned long ds_mem_fail_at(unsigned long n);

#endif
