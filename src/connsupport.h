/*
 * connsupport.h: what the connectors share to read an API's answer: the
 * string members of its JSON, the web addresses and dates in it, and its
 * text made safe to store and show as one line.
 *
 * Pure functions: none allocates, none keeps a pointer it was given, none
 * fails in any other way than its return value says.  They only ever read
 * NUL-terminated strings and write into the caller's buffers, within the
 * sizes given.
 */
#ifndef DS_CONNSUPPORT_H
#define DS_CONNSUPPORT_H

#include <jansson.h>
#include <stddef.h>

/*
 * The value of the string member key of the JSON object o.  NULL when o
 * is NULL or not an object, has no such member, or the member is not a
 * string.  The string is jansson's (valid UTF-8, NUL-terminated) and
 * belongs to o: it lives as long as o holds the member.
 */
const char *ds_json_str_member(const json_t *o, const char *key);

/*
 * 1 when s is an absolute http:// or https:// URL with a host part (the
 * scheme is followed by something other than '/', '?' or '#'), made of
 * printable ASCII only (no space, control character, DEL or byte of
 * 0x80 and above) and at most max bytes long; 0 otherwise, and for NULL.
 * It says nothing of where the URL points: fetching one is the fetcher's
 * business, with its own checks.
 */
int ds_web_url_ok(const char *s, size_t max);

/*
 * The date part of an ISO 8601 time ("2024-05-02T09:30:00.000Z" gives
 * "2024-05-02"): when t starts with ten characters that are a real date
 * as ds_date_check() sees it (YYYY-MM-DD, years 1900-2999, checked
 * against the calendar), they are copied into out with a NUL and out is
 * returned.  Otherwise, and for NULL, it returns NULL and out holds
 * nothing of use.  What follows the date in t is not looked at.
 */
const char *ds_iso_date(const char *t, char out[11]);

/*
 * Write s into out (size bytes, at least 8) as one line of plain text,
 * always NUL-terminated.  NULL is taken as "".
 *
 * With html set, s is HTML as an API sends it, read by the page parser
 * (gumbo, page.h; in the sandbox's worker while one runs) as a browser
 * would: tags are dropped, blocks (p, br, div, li, pre, ...) leave a space
 * where they stood, hidden and script text is left out, and every
 * character reference HTML knows is decoded (&eacute;, &rsquo;, &#N;,
 * &#xN;; an impossible one is U+FFFD, an unknown one stays as written).
 * Should the parser fail (out of memory), a small reader takes over:
 * tags dropped, br p div li leaving a space, only &amp; &lt; &gt; &quot;
 * &apos; &nbsp; &#N; &#xN; decoded, a tag never closed ending the text.
 * Without html, tags and references are text like any other.
 *
 * In both, control characters (C0, DEL, C1, raw or as references), the
 * line and paragraph separators U+2028 and U+2029, and runs of white
 * space become one space, and none is kept at either end.  A text too
 * long is cut on a character boundary and ends in "...", within size.
 * Valid UTF-8 is kept as it is.  Only the shape of a sequence is checked:
 * a stray or cut-short one is written as '?', while an overlong form or
 * an encoded surrogate would pass; s from jansson, which only hands out
 * valid UTF-8, never holds one.
 */
void ds_plain_text(char *out, size_t size, const char *s, int html);

/*
 * 1 when a and b are equal but for the case of the ASCII letters A-Z, so
 * no locale decides; 0 otherwise.  Neither may be NULL.
 */
int ds_same_ci(const char *a, const char *b);

/*
 * 1 when link is on profile's host, is not profile itself, and its path
 * is a post's own page on a social site ("/p/ID", "/status/ID"), a video
 * site's ("/v/ID") or a forum's thread ("/threads/ID", "/t/ID"), or
 * lies under the profile's own path ending in an id with a digit
 * ("/u/jo/y/d71kz" of "/u/jo"); 0 otherwise.  A profile page that
 * shows its posts as links is read with them.
 */
int ds_post_link(const char *profile, const char *link);

/* 1 when text (len bytes) holds user in any case of ASCII letters. */
int ds_names_user(const char *text, size_t len, const char *user);

/*
 * 1 when one of the n links (absolute URLs) leads to user's profile: its
 * path's last part, a trailing slash aside, is user or "@user", in any
 * case ("/runners/gemruns_wolds", "/@tedbrack").  A post page that links
 * its author's profile so, without showing the username, is theirs.
 */
int ds_links_user(char *const *links, size_t n, const char *user);

#endif
