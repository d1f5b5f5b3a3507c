/*
 * mem.c: the allocation wrapper with failure injection for tests.
 */
#include <stdlib.h>
#include <string.h>

#include "mem.h"

#include <stdatomic.h>

/* Atomic: the web server allocates from two threads. */
static atomic_ulong fail_at;    /* 0: never; else fail when count hits it */
static atomic_ulong count;
static atomic_int env_read;

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

void *ds_malloc(size_t n)
{
	if (should_fail())
		return NULL;
	return malloc(n ? n : 1);
}

void *ds_calloc(size_t nmemb, size_t size)
{
	if (should_fail())
		return NULL;
	return calloc(nmemb ? nmemb : 1, size ? size : 1);
}

void *ds_realloc(void *p, size_t n)
{
	if (should_fail())
		return NULL;
	return realloc(p, n ? n : 1);
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

void ds_wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n--)
		*v++ = 0;
}
