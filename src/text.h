/*
 * text.h: validation of what people type: text fields, dates, enums;
 * the UTF-8 decoder and Latin letter folding the text subsystems share.
 *
 * Pure functions, no allocation unless stated.  Each validator returns 0 or
 * DS_EDATA with a one-line message naming the field (what) and the fix.
 */
#ifndef DS_TEXT_H
#define DS_TEXT_H

#include <stddef.h>
#include <time.h>

#include "err.h"

/*
 * The one UTF-8 decoder (page, triage and lexicon use it too).  Decode the
 * sequence at s[0..n), n > 0: its length, the code point in *cp, or 0 when
 * it is malformed (a stray continuation byte, an overlong form, a
 * surrogate, a value above U+10FFFF, a sequence cut short).  Then *bad is
 * how many bytes one U+FFFD replaces (the maximal subpart, as the WHATWG
 * Encoding Standard does) and *cut is 1 when the input ends inside it.
 */
size_t ds_utf8_seq(const char *s, size_t n, unsigned long *cp,
		   size_t *bad, int *cut);

/*
 * Lenient decoding for text already read: the code point at s[0..n),
 * n > 0, or U+FFFD for a malformed subpart; *len is at least 1.
 */
unsigned long ds_utf8_char(const char *s, size_t n, size_t *len);

/*
 * The lowercase ASCII base letter of a Latin-1 or Latin Extended-A letter
 * ('e' for U+00C9, 's' for U+00DF), or 0 for anything else.
 */
char ds_latin_fold(unsigned long cp);

/* 1 when s[0..n) is well-formed UTF-8 (no overlongs, no surrogates). */
int ds_utf8_valid(const char *s, size_t n);

/*
 * A one-line text field: valid UTF-8, no control characters (C0, DEL, C1),
 * not empty or only spaces, at most max bytes.  what names the field in
 * the message, e.g. "legal name".
 */
int ds_text_check(const char *what, const char *s, size_t max,
		  struct ds_err *err);

/*
 * A calendar date written YYYY-MM-DD (years 1900-2999), checked against
 * the calendar (2025-02-29 is refused).  On success *days holds the days
 * since 1970-01-01 when days is not NULL.
 */
int ds_date_check(const char *what, const char *s, long *days,
		  struct ds_err *err);

/*
 * Add calendar months to a valid YYYY-MM-DD date, the day clamped to the
 * last of the month (2026-01-31 + 1 = 2026-02-28), into out[11].
 */
void ds_date_add_months(const char *date, int months, char out[11]);

/* Today's date (UTC) as YYYY-MM-DD into out[11]. */
void ds_date_today(char out[11]);

/* Now (UTC) as YYYY-MM-DDTHH:MM:SSZ into out[21]. */
void ds_time_now(char out[21]);

/* Today's date in the UK (Europe/London: GMT or BST) into out[11]. */
void ds_date_today_uk(char out[11]);

/*
 * A stored UTC time (YYYY-MM-DDTHH:MM:SSZ) as UK local time with its zone,
 * "5 Dec 2026 23:23 GMT", or a date alone (YYYY-MM-DD) as "5 Dec 2026",
 * into out[size].  -1 when utc is not one of those or out is too small.
 */
int ds_time_uk(const char *utc, char *out, size_t size);

/*
 * Index of s in the NULL-terminated list names, or DS_EDATA with a message
 * "unknown <what> 'x': use one of a, b, c".
 */
int ds_enum_parse(const char *what, const char *s,
		  const char *const *names, struct ds_err *err);

#endif
