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

/* The longest platform name recorded (a site of the list may be longer:
 * such a site is declared by its address, with --url). */
#define DS_PLATFORM_NAME_MAX 31

struct ds_sitelist;

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

/*
 * A declaration as it is recorded: the platform's name ("x", "mastodon",
 * "url", or a site of the profile site list as the list spells it) and the
 * normalised handle (a URL for "url").
 */
struct ds_handle_decl {
	char platform[DS_PLATFORM_NAME_MAX + 1];
	char handle[DS_HANDLE_MAX + 1];
};

/*
 * Resolve what a candidate declared: a platform name (any case), a handle
 * and/or the profile's address (url); either of handle and url may be
 * NULL.  The platform is, in this order:
 *   - absent or "url" (or "website", "personal website", "blog"): the
 *     address (url, else handle) is a personal site, for the page
 *     connector;
 *   - a built-in platform (ds_platform_find): the handle, under the
 *     platform's rule; without one, the address is kept as a "url" unless
 *     the platform's connector is a manual one (the searcher needs the
 *     handle there); the address is kept too when only the site list
 *     reads the platform and sites has no such site;
 *   - a site of sites (may be NULL): the handle, or the account read out
 *     of the address when it is the site's profile address, under the
 *     site rule (1-100 letters, digits, '.', '_' or '-', one leading '@'
 *     dropped, case kept); an address that is not one is kept as a "url";
 *   - a platform a loaded connector names in its metadata: the handle,
 *     under the site rule;
 *   - anything else: the address, as a "url", when one is given; without
 *     one, DS_EDATA "unknown platform 'P': the closest are A, B or C ...",
 *     naming the nearest known names by edit distance.
 * Refused input is DS_EDATA with a one-line message that names the fix.
 */
int ds_handle_resolve(const char *platform, const char *handle,
		      const char *url, const struct ds_sitelist *sites,
		      struct ds_handle_decl *out, struct ds_err *err);

/*
 * The edit distance (Levenshtein, ASCII case folded) between a and b,
 * each cut at 64 bytes.
 */
size_t ds_edit_distance(const char *a, const char *b);

/*
 * The username a declared address ends in, after a members' folder
 * ("coachlacey" of "http://forum.example/members/coachlacey"; the
 * folders are members, member, users, user, u, profile, profiles and
 * people), into user (size bytes); 1 when there is one of 3 bytes or
 * more that fits, else 0.  A forum declared by its address names its
 * posts by that username.
 */
int ds_url_user(const char *url, char *user, size_t size);

/*
 * 1 when urls a and b have the same host (ASCII case folded), the port
 * included; 0 otherwise or when either is no http(s) address.
 */
int ds_url_same_host(const char *a, const char *b);

#endif
