/*
 * text.c: validation of what people type: text fields, dates, enums.
 *
 * Nothing here depends on the locale or the time zone: characters are
 * classified by hand and dates are counted arithmetically.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "text.h"

/* At most this many bytes of a refused value are quoted in a message. */
#define ECHO_MAX 64

size_t ds_utf8_seq(const char *str, size_t n, unsigned long *cp,
		   size_t *bad, int *cut)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned char lo = 0x80, hi = 0xbf;
	unsigned long c;
	size_t len, i;

	*bad = 1;
	*cut = 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
		if (s[0] == 0xe0)
			lo = 0xa0;      /* no overlong forms */
		else if (s[0] == 0xed)
			hi = 0x9f;      /* no surrogates */
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
		if (s[0] == 0xf0)
			lo = 0x90;
		else if (s[0] == 0xf4)
			hi = 0x8f;      /* nothing above U+10FFFF */
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if (i >= n) {
			*bad = i;
			*cut = 1;
			return 0;
		}
		if (s[i] < lo || s[i] > hi) {
			*bad = i;
			return 0;
		}
		lo = 0x80;
		hi = 0xbf;
		c = (c << 6) | (s[i] & 0x3f);
	}
	*cp = c;
	return len;
}

unsigned long ds_utf8_char(const char *s, size_t n, size_t *len)
{
	unsigned long cp;
	size_t bad;
	int cut;

	*len = ds_utf8_seq(s, n, &cp, &bad, &cut);
	if (*len)
		return cp;
	*len = bad;
	return 0xfffd;
}

char ds_latin_fold(unsigned long cp)
{
	static const char l1[] =        /* U+00C0 to U+00FF */
		"aaaaaaaceeeeiiii" "dnooooo_ouuuuyts"
		"aaaaaaaceeeeiiii" "dnooooo_ouuuuyty";
	static const char ext[] =       /* U+0100 to U+017F */
		"aaaaaaccccccccdd" "ddeeeeeeeeeegggg"
		"gggghhhhiiiiiiii" "iijjjjkkklllllll"
		"lllnnnnnnnnnoooo" "oooorrrrrrssssss"
		"ssttttttuuuuuuuu" "uuuuwwyyyzzzzzzs";

	if (cp >= 0xc0 && cp <= 0xff)
		return l1[cp - 0xc0] == '_' ? 0 : l1[cp - 0xc0];
	if (cp >= 0x100 && cp <= 0x17f)
		return ext[cp - 0x100];
	return 0;
}

/* Decode one well-formed sequence; 0 when s[0..n) starts malformed. */
static size_t utf8_next(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t bad;
	int cut;

	return ds_utf8_seq((const char *)s, n, cp, &bad, &cut);
}

int ds_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t len;

	while (n > 0) {
		len = utf8_next(p, n, &cp);
		if (!len)
			return 0;
		p += len;
		n -= len;
	}
	return 1;
}

/*
 * Copy s into out[outsize] for quoting in a message: printable ASCII is
 * kept, every other character (or malformed byte) becomes one '?', and a
 * long value is cut at ECHO_MAX bytes and ends in "...".  Nothing that
 * could move a terminal's cursor or spoof text reaches the message.  out
 * holds at least 4 bytes.
 */
static void echo_safe(char *out, size_t outsize, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p), o = 0, len, limit;
	unsigned long cp;

	limit = outsize - 4 < ECHO_MAX ? outsize - 4 : ECHO_MAX;
	while (n > 0) {
		if (o >= limit) {
			memcpy(out + o, "...", 3);
			o += 3;
			break;
		}
		len = utf8_next(p, n, &cp);
		if (!len)
			len = 1;
		out[o++] = (len == 1 && *p >= 0x20 && *p < 0x7f) ? *p : '?';
		p += len;
		n -= len;
	}
	out[o] = '\0';
}

/* 1 for the code points that break a line or steer the terminal. */
static int is_control(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
	       cp == 0x2028 || cp == 0x2029;
}

/*
 * 1 for the invisible format characters that make text read otherwise
 * than it is stored: bidi marks, embeddings, overrides and isolates, and
 * zero-width spaces, joiners and the byte-order mark.
 */
static int is_invisible(unsigned long cp)
{
	return cp == 0x061c || cp == 0x180e ||
	       (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2060 && cp <= 0x2064) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
}

/* 1 for the space characters a blank field may be made of. */
static int is_blank(unsigned long cp)
{
	return cp == ' ' || cp == 0xa0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200b) || cp == 0x202f ||
	       cp == 0x205f || cp == 0x3000 || cp == 0xfeff;
}

int ds_text_check(const char *what, const char *s, size_t max,
		  struct ds_err *err)
{
	const unsigned char *p;
	unsigned long cp;
	size_t n, len;
	int blank = 1;

	if (!what)
		what = "value";
	if (!s || !*s)
		return ds_err_set(err, DS_EDATA, "%s is empty: type a value",
				  what);
	n = strlen(s);
	if (n > max)
		return ds_err_set(err, DS_EDATA,
				  "%s is too long (%zu bytes): use at most %zu",
				  what, n, max);
	p = (const unsigned char *)s;
	while (n > 0) {
		len = utf8_next(p, n, &cp);
		if (!len)
			return ds_err_set(err, DS_EDATA, "%s is not valid "
					  "UTF-8: save it as UTF-8 text", what);
		if (is_control(cp))
			return ds_err_set(err, DS_EDATA, "%s has a control "
					  "character: type it on one line",
					  what);
		if (is_invisible(cp))
			return ds_err_set(err, DS_EDATA, "%s has an invisible "
					  "character (a bidi control or a "
					  "zero-width character): type it "
					  "without", what);
		if (!is_blank(cp))
			blank = 0;
		p += len;
		n -= len;
	}
	if (blank)
		return ds_err_set(err, DS_EDATA,
				  "%s is only spaces: type a value", what);
	return 0;
}

/* 1 in leap years of the Gregorian calendar. */
static int is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in month m (1-12) of year y. */
static int month_days(long y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/*
 * Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar, for
 * y >= 1 (the era arithmetic of Howard Hinnant's days_from_civil, with
 * March as the first month so the leap day falls at the end of a year).
 */
static long days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	if (m <= 2)
		y--;
	era = y / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The value of n decimal digits at s, which the caller has checked. */
static int digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

int ds_date_check(const char *what, const char *s, long *days,
		  struct ds_err *err)
{
	char echo[ECHO_MAX + 4];
	int i, y, m, d;

	if (!what)
		what = "date";
	echo_safe(echo, sizeof(echo), s);
	if (!s || strnlen(s, 11) != 10)
		goto bad_format;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				goto bad_format;
		} else if (s[i] < '0' || s[i] > '9') {
			goto bad_format;
		}
	}
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1900 || y > 2999)
		return ds_err_set(err, DS_EDATA,
				  "bad %s '%s': use a year from 1900 to 2999",
				  what, echo);
	if (m < 1 || m > 12 || d < 1 || d > month_days(y, m))
		return ds_err_set(err, DS_EDATA,
				  "bad %s '%s': use a real date as YYYY-MM-DD",
				  what, echo);
	if (days)
		*days = days_from_civil(y, m, d);
	return 0;

bad_format:
	return ds_err_set(err, DS_EDATA, "bad %s '%s': use YYYY-MM-DD",
			  what, echo);
}

/*
 * The current time, broken down in UTC, or -1 if the clock cannot be
 * read.  gmtime_r cannot fail for any time() of this era, and the callers
 * keep a fixed epoch string for the case that it does.
 */
static int now_utc(struct tm *tm)
{
	time_t t = time(NULL);

	if (t == (time_t)-1 || !gmtime_r(&t, tm))
		return -1;
	return 0;
}

void ds_date_today(char out[11])
{
	struct tm tm;

	if (now_utc(&tm) < 0 || strftime(out, 11, "%Y-%m-%d", &tm) == 0)
		memcpy(out, "1970-01-01", 11);
}

void ds_time_now(char out[21])
{
	struct tm tm;

	if (now_utc(&tm) < 0 ||
	    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		memcpy(out, "1970-01-01T00:00:00Z", 21);
}

/*
 * Append s to list[size] at *len, cutting it short (the list is only for
 * a message, which ds_err_set ends with "..." when it is cut again).
 */
static void list_add(char *list, size_t size, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (*len + 1 >= size)
		return;
	if (n > size - 1 - *len)
		n = size - 1 - *len;
	memcpy(list + *len, s, n);
	*len += n;
	list[*len] = '\0';
}

int ds_enum_parse(const char *what, const char *s,
		  const char *const *names, struct ds_err *err)
{
	char echo[ECHO_MAX + 4], list[DS_ERR_MSG_MAX];
	size_t len = 0;
	int i;

	if (!what)
		what = "value";
	for (i = 0; s && names[i]; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	list[0] = '\0';
	for (i = 0; names[i]; i++) {
		if (i)
			list_add(list, sizeof(list), &len, ", ");
		list_add(list, sizeof(list), &len, names[i]);
	}
	echo_safe(echo, sizeof(echo), s);
	return ds_err_set(err, DS_EDATA, "unknown %s '%s': use one of %s",
			  what, echo, list);
}

void ds_date_add_months(const char *date, int months, char out[11])
{
	static const int mdays[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	int y, m, d, max, total;

	y = (date[0] - '0') * 1000 + (date[1] - '0') * 100 +
	    (date[2] - '0') * 10 + (date[3] - '0');
	m = (date[5] - '0') * 10 + (date[6] - '0');
	d = (date[8] - '0') * 10 + (date[9] - '0');
	total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	max = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) ||
					 y % 400 == 0));
	if (d > max)
		d = max;
	out[0] = (char)('0' + (y / 1000) % 10);
	out[1] = (char)('0' + (y / 100) % 10);
	out[2] = (char)('0' + (y / 10) % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/* The day of the week of a day count since 1970-01-01 (0 = Sunday). */
static int weekday(long days)
{
	long w = (days + 4) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

/* The day count of the last Sunday of month m of year y. */
static long last_sunday(long y, int m)
{
	long d = days_from_civil(y, m, month_days(y, m));

	return d - weekday(d);
}

/* A day count back into its calendar date (Howard Hinnant's algorithm). */
static void civil_from_days(long z, long *y, int *m, int *d)
{
	long era, yoe, doy, mp;
	unsigned long doe;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned long)(z - era * 146097);
	yoe = (long)((doe - doe / 1460 + doe / 36524 - doe / 146096) / 365);
	*y = yoe + era * 400;
	doy = (long)doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	if (*m <= 2)
		(*y)++;
}

/*
 * Seconds since the epoch into UK civil time: British Summer Time runs
 * from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October.  *bst says which.
 */
static void uk_civil(long long secs, struct tm *tm, int *bst)
{
	long days = (long)(secs >= 0 ? secs / 86400 : (secs - 86399) / 86400);
	long long start, end, rest;
	long y;
	int m, d;

	civil_from_days(days, &y, &m, &d);
	start = (long long)last_sunday(y, 3) * 86400 + 3600;
	end = (long long)last_sunday(y, 10) * 86400 + 3600;
	*bst = secs >= start && secs < end;
	if (*bst)
		secs += 3600;
	days = (long)(secs >= 0 ? secs / 86400 : (secs - 86399) / 86400);
	rest = secs - (long long)days * 86400;
	civil_from_days(days, &y, &m, &d);
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = (int)(rest / 3600);
	tm->tm_min = (int)(rest / 60 % 60);
	tm->tm_sec = (int)(rest % 60);
	tm->tm_wday = weekday(days);
}

int ds_time_uk(const char *utc, char *out, size_t size)
{
	static const char *const months[] = {
		"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
		"Sep", "Oct", "Nov", "Dec"
	};
	long days;
	long long secs;
	struct tm tm;
	int bst, n, h = 0, mi = 0, s = 0, i;

	if (!utc || size == 0 || strnlen(utc, 10) < 10)
		return -1;
	{
		char date[11];

		memcpy(date, utc, 10);
		date[10] = '\0';
		if (ds_date_check(NULL, date, &days, NULL))
			return -1;
	}
	if (utc[10] == '\0') {
		/* A date alone: no zone to say. */
		uk_civil((long long)days * 86400 + 43200, &tm, &bst);
		n = snprintf(out, size, "%d %s %d", tm.tm_mday,
			     months[tm.tm_mon], tm.tm_year + 1900);
		return n < 0 || (size_t)n >= size ? -1 : 0;
	}
	if (utc[10] != 'T' && utc[10] != ' ')
		return -1;
	for (i = 11; i < 19; i++)
		if ((i == 13 || i == 16) ? utc[i] != ':' :
		    (utc[i] < '0' || utc[i] > '9'))
			return -1;
	h = digits(utc + 11, 2);
	mi = digits(utc + 14, 2);
	s = digits(utc + 17, 2);
	if (h > 23 || mi > 59 || s > 60 || (utc[19] && strcmp(utc + 19, "Z")))
		return -1;
	secs = (long long)days * 86400 + h * 3600 + mi * 60 + s;
	uk_civil(secs, &tm, &bst);
	n = snprintf(out, size, "%d %s %d %02d:%02d %s", tm.tm_mday,
		     months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
		     tm.tm_min, bst ? "BST" : "GMT");
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

void ds_date_today_uk(char out[11])
{
	time_t t = time(NULL);
	struct tm tm;
	int bst;

	uk_civil((long long)t, &tm, &bst);
	if (t == (time_t)-1 || strftime(out, 11, "%Y-%m-%d", &tm) == 0)
		memcpy(out, "1970-01-01", 11);
}
