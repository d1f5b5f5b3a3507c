/*
 * connsupport.c: what the connectors share to read an API's answer (see
 * connsupport.h).
 */
#include <assert.h>
#include <string.h>
#include <strings.h>

#include "connsupport.h"
#include "mem.h"
#include "page.h"
#include "sandbox.h"
#include "text.h"

const char *ds_json_str_member(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

int ds_web_url_ok(const char *s, size_t max)
{
	size_t i, skip;

	if (!s)
		return 0;
	if (strncmp(s, "https://", 8) == 0)
		skip = 8;
	else if (strncmp(s, "http://", 7) == 0)
		skip = 7;
	else
		return 0;
	if (!s[skip] || strchr("/?#", s[skip]))
		return 0;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return 0;
	return i <= max;
}

const char *ds_iso_date(const char *t, char out[11])
{
	if (!t || strnlen(t, 10) < 10)
		return NULL;
	memcpy(out, t, 10);
	out[10] = '\0';
	return ds_date_check(NULL, out, NULL, NULL) == 0 ? out : NULL;
}

/*
 * The code point of the character reference at s ("&amp;", "&#39;",
 * "&#x27;"), with its length in *len; 0 when s does not start one this
 * reader knows (the '&' is then kept as it is).
 */
static unsigned long char_ref(const char *s, size_t *len)
{
	static const struct {
		const char *name;
		unsigned long c;
	} named[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
		{ "&quot;", '"' }, { "&apos;", '\'' }, { "&nbsp;", ' ' },
	};
	unsigned long c = 0;
	size_t i, digits = 0;
	int hex;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		if (strncmp(s, named[i].name, strlen(named[i].name)) == 0) {
			*len = strlen(named[i].name);
			return named[i].c;
		}
	}
	if (s[1] != '#')
		return 0;
	hex = s[2] == 'x' || s[2] == 'X';
	for (i = hex ? 3 : 2; digits < 7; i++, digits++) {
		char d = s[i];

		if (d >= '0' && d <= '9')
			c = c * (hex ? 16 : 10) + (unsigned long)(d - '0');
		else if (hex && d >= 'a' && d <= 'f')
			c = c * 16 + (unsigned long)(d - 'a' + 10);
		else if (hex && d >= 'A' && d <= 'F')
			c = c * 16 + (unsigned long)(d - 'A' + 10);
		else
			break;
	}
	if (!digits || s[i] != ';' || c == 0 || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*len = i + 1;
	return c;
}

/* Write code point c as UTF-8 into enc; returns the length. */
static size_t utf8_put(char enc[4], unsigned long c)
{
	if (c < 0x80) {
		enc[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		enc[0] = (char)(0xc0 | (c >> 6));
		enc[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		enc[0] = (char)(0xe0 | (c >> 12));
		enc[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		enc[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	enc[0] = (char)(0xf0 | (c >> 18));
	enc[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	enc[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	enc[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

/* Does the tag whose name starts at s ("br>", "/p>") break a line? */
static int tag_breaks(const char *s)
{
	static const char *const names[] = { "br", "p", "div", "li", NULL };
	size_t i, n;

	if (*s == '/')
		s++;
	for (i = 0; names[i]; i++) {
		n = strlen(names[i]);
		if (strncmp(s, names[i], n) == 0 &&
		    !((s[n] >= 'a' && s[n] <= 'z') ||
		      (s[n] >= '0' && s[n] <= '9')))
			return 1;
	}
	return 0;
}

/*
 * One character at a time: each is decoded into enc (k bytes), or only
 * marks a pending space; the space is written before the next character
 * kept, so none is left at either end.  Four bytes of out are kept back
 * for "..." and the NUL.
 */
static void plain_text(char *out, size_t size, const char *s, int html);

/*
 * The text of an HTML fragment as the page parser (gumbo, in the sandbox's
 * worker while one runs) reads it: every character reference HTML knows,
 * hidden and script text left out; NULL when it could not be parsed.
 */
static char *fragment_text(const char *s)
{
	struct ds_page page;
	char *text;

	if (ds_sandbox_parse(s, strlen(s), "text/html; charset=utf-8", NULL,
			     NULL, &page, NULL) != 0)
		return NULL;
	text = page.text;
	page.text = NULL;
	ds_page_release(&page);
	return text;
}

void ds_plain_text(char *out, size_t size, const char *s, int html)
{
	char *text = html && s ? fragment_text(s) : NULL;

	/* HTML is read by the page parser, then cleaned as plain text; the
	 * small reader below is the fallback when it cannot be had. */
	if (text) {
		plain_text(out, size, text, 0);
		ds_free(text);
		return;
	}
	plain_text(out, size, s, html);
}

/* ds_plain_text's cleaner; with html, its own small HTML reader. */
static void plain_text(char *out, size_t size, const char *s, int html)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = 0, max, k, len, i;
	int space = 0, cut = 0;
	unsigned long c;
	char enc[4];

	assert(size >= 8);
	max = size - 4;
	while (*p) {
		if (html && *p == '<') {
			const char *end = strchr((const char *)p, '>');

			space |= tag_breaks((const char *)p + 1);
			if (!end)
				break;
			p = (const unsigned char *)end + 1;
			continue;
		}
		if (html && *p == '&' &&
		    (c = char_ref((const char *)p, &len)) != 0) {
			p += len;
			if (c <= 0x20 || (c >= 0x7f && c < 0xa0) ||
			    c == 0x2028 || c == 0x2029) {
				space = 1;
				continue;
			}
			k = utf8_put(enc, c);
		} else if (*p < 0x80) {
			if (*p <= 0x20 || *p == 0x7f) {
				space = 1;
				p++;
				continue;
			}
			enc[0] = (char)*p++;
			k = 1;
		} else {
			k = *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 :
			    *p >= 0xc0 ? 2 : 1;
			for (i = 1; i < k && (p[i] & 0xc0) == 0x80; i++)
				;
			if (i < k || k == 1 || *p > 0xf4) {
				enc[0] = '?';
				k = 1;
				p++;
			} else if ((p[0] == 0xc2 && p[1] < 0xa0) ||
				   (p[0] == 0xe2 && p[1] == 0x80 &&
				    (p[2] == 0xa8 || p[2] == 0xa9))) {
				space = 1;
				p += k;
				continue;
			} else {
				memcpy(enc, p, k);
				p += k;
			}
		}
		if (n + (space && n ? 1 : 0) + k > max) {
			cut = 1;
			break;
		}
		if (space && n)
			out[n++] = ' ';
		space = 0;
		memcpy(out + n, enc, k);
		n += k;
	}
	if (cut) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	out[n] = '\0';
}

int ds_same_ci(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;

		if (x != y)
			return 0;
	}
	return *a == *b;
}

/* Path parts of a post's own page (ds_post_link). */
static const char *const post_paths[] = {
	"/p/", "/post/", "/posts/", "/status/", "/statuses/", "/reel/",
	"/video/", "/videos/", "/v/", "/watch", "/photo/", "/photos/",
	"/pin/", "/t/", "/thread/", "/threads/", "/topic/", "/topics/",
	"/comments/", "/activities/", "/activity/", "/vod/", "/vods/",
	"/clip/", "/clips/", "/shorts/", "/broadcast/", "/broadcasts/", NULL
};

/* The host part of an absolute URL: [*h, *h + *n). */
static void host_of(const char *url, const char **h, size_t *n)
{
	const char *p = strstr(url, "://");

	*h = p ? p + 3 : url;
	*n = strcspn(*h, "/?#");
}

/*
 * Is link path lp under profile path pp, its last part an id with a digit
 * ("/u/jo/y/d71kz" under "/u/jo"; not "/u/jo/followers")?
 */
static int under_profile(const char *pp, const char *lp)
{
	size_t n = strcspn(pp, "?#"), e;
	const char *last;

	while (n && pp[n - 1] == '/')
		n--;
	if (n < 2 || strncasecmp(pp, lp, n) != 0 || lp[n] != '/')
		return 0;
	e = strcspn(lp, "?#");
	while (e > n && lp[e - 1] == '/')
		e--;
	for (last = lp + e; last > lp + n && last[-1] != '/'; last--)
		;
	if (last == lp + e)
		return 0;
	for (; last < lp + e; last++)
		if (*last >= '0' && *last <= '9')
			return 1;
	return 0;
}

int ds_post_link(const char *profile, const char *link)
{
	const char *h, *lh;
	size_t hn, ln, k;

	host_of(profile, &h, &hn);
	host_of(link, &lh, &ln);
	if (ln != hn || strncasecmp(lh, h, hn) != 0 ||
	    strcmp(link, profile) == 0)
		return 0;
	for (k = 0; post_paths[k]; k++)
		if (strstr(lh + ln, post_paths[k]))
			return 1;
	return under_profile(h + hn, lh + ln);
}

int ds_names_user(const char *text, size_t len, const char *user)
{
	size_t n = strlen(user), i;

	for (i = 0; n && i + n <= len; i++)
		if (strncasecmp(text + i, user, n) == 0)
			return 1;
	return 0;
}

int ds_links_user(char *const *links, size_t n, const char *user)
{
	size_t ul = strlen(user), k;

	for (k = 0; ul && k < n; k++) {
		const char *l = links[k], *p = strstr(l, "://"), *q, *end;

		/* The path: after the host, before a query or fragment. */
		p = p ? p + 3 + strcspn(p + 3, "/?#") : NULL;
		if (!p || *p != '/')
			continue;
		end = p + strcspn(p, "?#");
		while (end > p + 1 && end[-1] == '/')
			end--;
		for (q = end; q > p && q[-1] != '/'; q--)
			;
		if (*q == '@')
			q++;
		if ((size_t)(end - q) == ul && strncasecmp(q, user, ul) == 0)
			return 1;
	}
	return 0;
}
