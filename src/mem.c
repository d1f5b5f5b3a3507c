/*
 * mem.c: the allocation wrapper with failure injection for tests.
 */
#include <jansson.h>
#include <malloc.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

#include <stdatomic.h>

/* Atomic: the web server allocates from two threads. */
static atomic_ulong fail_at;    /* 0: never; else fail when count hits it */
static atomic_ulong count;
static atomic_int env_read;
static atomic_ulong failures;   /* allocations that returned NULL */

/* Read DUESEARCH_FAIL_ALLOC once, so a whole process can be tested. */
static void read_env(void)
{
	const char *s;
	char *end;
	unsigned long v;

	env_read = 1;
	s = getenv("DUESEARCH_FAIL_ALLOC");
	if (!s || !*s)
		return;
	v = strtoul(s, &end, 10);
	if (*end == '\0') {
		fail_at = v;
		count = 0;
	}
}

/* One more allocation; 1 when this one must fail. */
static int should_fail(void)
{
	unsigned long n, at;

	if (!env_read)
		read_env();
	n = atomic_fetch_add(&count, 1) + 1;
	at = fail_at;
	return at && n == at;
}

unsigned long ds_mem_fail_at(unsigned long n)
{
	unsigned long made = count;

	env_read = 1;
	fail_at = n;
	count = 0;
	return made;
}

/* Count a failed allocation (injected or real) and pass its result on. */
static void *counted(void *p)
{
	if (!p)
		atomic_fetch_add(&failures, 1);
	return p;
}

void *ds_malloc(size_t n)
{
	if (should_fail())
		return counted(NULL);
	return counted(malloc(n ? n : 1));
}

void *ds_calloc(size_t nmemb, size_t size)
{
	if (should_fail())
		return counted(NULL);
	return counted(calloc(nmemb ? nmemb : 1, size ? size : 1));
}

void *ds_realloc(void *p, size_t n)
{
	if (should_fail())
		return counted(NULL);
	return counted(realloc(p, n ? n : 1));
}

unsigned long ds_mem_failures(void)
{
	return failures;
}

char *ds_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *d = ds_malloc(len + 1);

	if (!d)
		return NULL;
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

char *ds_strdup(const char *s)
{
	return ds_strndup(s, strlen(s));
}

void ds_free(void *p)
{
	free(p);
}

/*
 * jansson's and SQLite's allocators: the same counter and the same
 * injected failure as ds_malloc, so the allocation-failure walks reach
 * the libraries too.  Both free with free(), and ds_free frees what they
 * hand over (they are plain malloc blocks).
 */
static void *json_alloc(size_t n)
{
	return ds_malloc(n);
}

static void *sql_malloc(int n)
{
	return n > 0 ? ds_malloc((size_t)n) : NULL;
}

static void sql_free(void *p)
{
	free(p);
}

static void *sql_realloc(void *p, int n)
{
	return n > 0 ? ds_realloc(p, (size_t)n) : NULL;
}

static int sql_size(void *p)
{
	return p ? (int)malloc_usable_size(p) : 0;
}

static int sql_roundup(int n)
{
	return (n + 7) & ~7;
}

static int sql_init(void *unused)
{
	(void)unused;
	return SQLITE_OK;
}

static void sql_shutdown(void *unused)
{
	(void)unused;
}

int ds_mem_hook_libraries(void)
{
	static const sqlite3_mem_methods methods = {
		.xMalloc = sql_malloc, .xFree = sql_free,
		.xRealloc = sql_realloc, .xSize = sql_size,
		.xRoundup = sql_roundup, .xInit = sql_init,
		.xShutdown = sql_shutdown,
	};
	static atomic_int done;
	int rc;

	if (atomic_exchange(&done, 1))
		return 0;
	json_set_alloc_funcs(json_alloc, free);
	/* Only before SQLite initialises: the first thing main does. */
	rc = sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
	return rc == SQLITE_OK ? 0 : -1;
}

void ds_wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n--)
		*v++ = 0;
}
