/*
 * page.h: what duesearch takes from a fetched HTML page, parsed with gumbo.
 *
 * Input in any declared or detected charset is converted to UTF-8 first
 * (iconv).  Output strings are valid UTF-8 with whitespace folded.  The
 * parse is bounded: input size, tree depth walked, text kept and links
 * kept are capped (limits below); what is cut sets truncated, and a cut
 * that loses visible text (input size, nesting depth, text size) also sets
 * its bit in cut, so that a caller can say the page was read only in part.
 */
#ifndef DS_PAGE_H
#define DS_PAGE_H

#include <stddef.h>

#include "err.h"

struct ds_page_limits {
	size_t max_input;       /* bytes of HTML parsed (default 8 MiB) */
	size_t max_text;        /* bytes of visible text kept (1 MiB) */
	size_t max_links;       /* links kept (500) */
	unsigned max_depth;     /* element nesting walked (256) */
};

struct ds_page {
	char *title;            /* "" when none */
	char *description;      /* meta description, "" when none */
	char *canonical;        /* absolute http(s) URL, or NULL */
	char *lang;             /* html lang attribute, "" when none */
	char *published;        /* publication date YYYY-MM-DD, or NULL */
	char *text;             /* visible text; blocks end in '\n' */
	size_t text_len;
	char **links;           /* absolute http(s) URLs, no fragment, unique */
	size_t nlinks;
	char charset[32];       /* source charset as detected, lowercase */
	int login_wall;         /* behind a log-in: a password field, or a
				   short page that asks to sign in, join or
				   follow to see it, or says it is private */
	int truncated;          /* a limit cut something */
	unsigned cut;           /* DS_PAGE_CUT_*: text lost to a limit */
};

/* What a limit cut from the page's text (ds_page.cut). */
enum {
	DS_PAGE_CUT_INPUT = 1,  /* HTML past max_input was not parsed */
	DS_PAGE_CUT_DEPTH = 2,  /* elements nested past max_depth */
	DS_PAGE_CUT_TEXT = 4    /* visible text past max_text */
};
#define DS_PAGE_CUT_ALL (DS_PAGE_CUT_INPUT | DS_PAGE_CUT_DEPTH | \
			 DS_PAGE_CUT_TEXT)

/* Fill lim with the defaults. */
void ds_page_limits_default(struct ds_page_limits *lim);

/*
 * Parse body (len bytes; need not be NUL-terminated).  content_type is the
 * HTTP Content-Type header or NULL; base_url resolves relative links and
 * may be NULL (relative links are then dropped).  lim may be NULL for the
 * defaults.  On success out owns its strings (ds_page_release); on error
 * out is empty and err says why (DS_ENOMEM, or DS_EDATA for an unknown
 * charset that cannot be converted).  The parse runs in this process:
 * a page from outside goes through ds_sandbox_parse (sandbox.h), which
 * calls this in a locked-down worker while a sandbox is started.
 */
int ds_page_parse(const char *body, size_t len, const char *content_type,
		  const char *base_url, const struct ds_page_limits *lim,
		  struct ds_page *out, struct ds_err *err);

void ds_page_release(struct ds_page *p);

#endif
