/*
 * handle.h: declared social-media handles and personal URLs, validated per
 * platform so that a handle can never carry a host, a path, a query or
 * anything else into a URL built from it.
 */
#ifndef DS_HANDLE_H
#define DS_HANDLE_H

#include <stddef.h>

#include "err.h"

#define DS_HANDLE_MAX 2048

struct ds_platform {
	const char *name;      /* "x", "instagram", "mastodon", "url", ... */
	const char *title;     /* "X (Twitter)" */
	const char *rule;      /* human description of valid handles */
};

/* The NULL-name-terminated list of known platforms. */
const struct ds_platform *ds_platforms(void);

/* Find a platform by name (case-insensitive; "twitter" is "x"). */
const struct ds_platform *ds_platform_find(const char *name);

/*
 * Validate and normalise a handle for a platform into out (NUL-terminated,
 * outsize bytes).  Normalisation strips one leading '@' where the platform
 * writes handles with one, lowercases where the platform is
 * case-insensitive, and for "url" re-serialises the URL (http or https
 * only, no user name or password, a host that is a DNS name).  Refused
 * input is DS_EDATA with a message that says what is allowed, for example
 *   bad x handle 'a/b': use 1-15 letters, digits or '_'
 */
int ds_handle_normalise(const char *platform, const char *handle, char *out,
			size_t outsize, struct ds_err *err);

#endif
