/*
 * sitelist.h: a public-profile site list in the WhatsMyName format
 * (https://github.com/WebBreacher/WhatsMyName, CC BY-SA 4.0).
 *
 * Each site says how to check an account: uri_check with {account}, and
 * the answer that means the account exists (e_code and e_string) or is
 * missing (m_code and m_string).  Users add platforms by editing the list,
 * without code.  Sites that need a POST body are kept but marked
 * unsupported (the fetcher only GETs).
 */
#ifndef DS_SITELIST_H
#define DS_SITELIST_H

#include <stddef.h>

#include "err.h"

struct ds_site {
	char *name;
	char *uri_check;        /* with {account} */
	char *uri_pretty;       /* what a person opens, or NULL */
	long e_code;
	char *e_string;
	long m_code;
	char *m_string;         /* "" when only the code matters */
	char *cat;
	char *strip_bad_char;   /* characters removed from the account */
	char **known;           /* accounts known to exist, for self-tests */
	size_t nknown;
	char **headers;         /* "Name: value", NULL-terminated, or NULL */
	int unsupported;        /* needs a POST body */
	int invalid;            /* marked "valid": false in the list */
};

struct ds_sitelist {
	struct ds_site *sites;
	size_t nsites;
};

#define DS_SITELIST_MAX_BYTES (16u << 20)
#define DS_SITELIST_MAX_SITES 20000

/*
 * Parse a site list (JSON, len bytes).  Entries missing a name,
 * uri_check with {account} (unless the account goes in a POST body),
 * e_code or e_string, or whose templates make URLs longer than 8 KiB,
 * are refused with DS_EDATA naming the entry.
 */
int ds_sitelist_parse(struct ds_sitelist *l, const char *json, size_t len,
		      struct ds_err *err);
void ds_sitelist_release(struct ds_sitelist *l);

/*
 * Load the list at path, or the built-in one (path NULL), which must
 * match its pinned SHA-256.
 */
int ds_sitelist_load(struct ds_sitelist *l, const char *path,
		     struct ds_err *err);

/*
 * Categories that reveal special-category data: off by default.  The
 * canonical name ("adult" for "xx NSFW xx", "religion" for "faith", ...)
 * is what a policy's allow_categories lists; NULL when not sensitive.
 */
const char *ds_site_category_canon(const char *cat);
int ds_site_category_sensitive(const char *cat);

enum ds_site_verdict {
	DS_SITE_EXISTS,
	DS_SITE_MISSING,
	DS_SITE_UNKNOWN         /* anything else: never read as "missing" */
};

/* Judge an answer: exists only when code and string both match. */
enum ds_site_verdict ds_site_judge(const struct ds_site *s, long status,
				   const char *body, size_t len);

/*
 * Build the check URL (or the pretty one, pretty = 1) for an account:
 * the account has the site's bad characters removed and is percent-
 * encoded.  Returns an allocated string (ds_free) or NULL when out of
 * memory.
 */
char *ds_site_url(const struct ds_site *s, const char *account, int pretty);

/* The embedded default list, its size and its pinned SHA-256 (hex). */
extern const unsigned char ds_wmn_data[];
extern const size_t ds_wmn_data_len;
#define DS_WMN_SHA256 \
	"779922223756f47d1512f81a5a2d0c69d19418fe5df1a2a9406c7cf18cf68f34"

#endif
