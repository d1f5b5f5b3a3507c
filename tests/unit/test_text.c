/*
 * test_text.c: text fields, UTF-8, dates and enums.
 */
#include <string.h>

#include "check.h"
#include "err.h"
#include "text.h"

/* 1 when msg holds no byte outside printable ASCII. */
static int printable(const char *msg)
{
	for (; *msg; msg++)
		if (*msg < 0x20 || *msg >= 0x7f)
			return 0;
	return 1;
}

/* ds_date_check's answer for s, with the days when it is good. */
static int date(const char *s, long *days, struct ds_err *err)
{
	ds_err_init(err);
	return ds_date_check("interview date", s, days, err);
}

static void test_date_good(void)
{
	struct ds_err err;
	long days = 12345;

	CHECK_INT(date("1970-01-01", &days, &err), 0);
	CHECK_INT(days, 0);
	CHECK_INT(date("2000-03-01", &days, &err), 0);
	CHECK_INT(days, 11017);
	CHECK_INT(date("2024-02-29", &days, &err), 0);
	CHECK_INT(days, 19782);
	CHECK_INT(date("1969-12-31", &days, &err), 0);
	CHECK_INT(days, -1);
	CHECK_INT(date("1900-01-01", &days, &err), 0);
	CHECK_INT(days, -25567);
	CHECK_INT(date("2999-12-31", &days, &err), 0);
	CHECK_INT(days, 376199);
	CHECK_INT(date("2000-02-29", &days, &err), 0);
	CHECK_INT(date("2025-12-31", NULL, &err), 0);
	CHECK_INT(date("2025-04-30", NULL, &err), 0);
	/* Success leaves the error buffer alone. */
	CHECK_INT(err.code, 0);
	CHECK_STR(err.msg, "");
}

static void test_date_calendar(void)
{
	struct ds_err err;
	long days = 7;

	CHECK_INT(date("2025-02-29", &days, &err), DS_EDATA);
	CHECK_INT(days, 7);
	CHECK_INT(err.code, DS_EDATA);
	CHECK_STR(err.msg, "bad interview date '2025-02-29': "
		  "use a real date as YYYY-MM-DD");
	CHECK_INT(date("2025-02-30", NULL, &err), DS_EDATA);
	CHECK_STR(err.msg, "bad interview date '2025-02-30': "
		  "use a real date as YYYY-MM-DD");
	CHECK_INT(date("1900-02-29", NULL, &err), DS_EDATA);
	CHECK_INT(date("2100-02-29", NULL, &err), DS_EDATA);
	CHECK_INT(date("2025-04-31", NULL, &err), DS_EDATA);
	CHECK_INT(date("2025-13-01", NULL, &err), DS_EDATA);
	CHECK_INT(date("2025-00-10", NULL, &err), DS_EDATA);
	CHECK_INT(date("2025-01-00", NULL, &err), DS_EDATA);
	CHECK_INT(date("2025-01-32", NULL, &err), DS_EDATA);
	CHECK_INT(date("1899-12-31", NULL, &err), DS_EDATA);
	CHECK_STR(err.msg, "bad interview date '1899-12-31': "
		  "use a year from 1900 to 2999");
	CHECK_INT(date("3000-01-01", NULL, &err), DS_EDATA);
	CHECK_INT(date("0000-01-01", NULL, &err), DS_EDATA);
}

static void test_date_format(void)
{
	static const char *const bad[] = {
		"", "2025-1-01", "2025-01-1", "2025/01/01", "20250101",
		"2025-01-01 ", " 2025-01-01", "+025-01-01", "-025-01-01",
		"2025-01-0a", "2025-01-01T00:00", "25-01-01", "2025--01-01",
		"2025-01-01\n", "2025-0 -01", "\357\274\222025-01-01",
		"2025 01 01",
	};
	struct ds_err err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(date(bad[i], NULL, &err), DS_EDATA);
		CHECK(printable(err.msg));
		CHECK(strstr(err.msg, "bad interview date '") == err.msg);
	}
	CHECK_INT(date("2025/01/01", NULL, &err), DS_EDATA);
	CHECK_STR(err.msg, "bad interview date '2025/01/01': use YYYY-MM-DD");
	CHECK_INT(date(NULL, NULL, &err), DS_EDATA);
	CHECK_STR(err.msg, "bad interview date '': use YYYY-MM-DD");
	CHECK_INT(date("2025-01\n-01", NULL, &err), DS_EDATA);
	CHECK_STR(err.msg, "bad interview date '2025-01?-01': use YYYY-MM-DD");
	CHECK_INT(date("2025-01-\xc3\xa9", NULL, &err), DS_EDATA);
	CHECK_STR(err.msg, "bad interview date '2025-01-?': use YYYY-MM-DD");
	CHECK_INT(date("\x1b[2J\xff", NULL, &err), DS_EDATA);
	CHECK_STR(err.msg, "bad interview date '?[2J?': use YYYY-MM-DD");
}

/* A long bad date is quoted in part only. */
static void test_date_long(void)
{
	char s[300];
	struct ds_err err;

	memset(s, '9', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	CHECK_INT(date(s, NULL, &err), DS_EDATA);
	CHECK(strlen(err.msg) < 120);
	CHECK(strstr(err.msg, "...'") != NULL);
}

static void test_utf8_good(void)
{
	CHECK(ds_utf8_valid("", 0));
	CHECK(ds_utf8_valid("plain", 5));
	CHECK(ds_utf8_valid("\xc3\xa9", 2));                /* U+00E9 */
	CHECK(ds_utf8_valid("\xc2\x80", 2));                /* U+0080 */
	CHECK(ds_utf8_valid("\xdf\xbf", 2));                /* U+07FF */
	CHECK(ds_utf8_valid("\xe0\xa0\x80", 3));            /* U+0800 */
	CHECK(ds_utf8_valid("\xe2\x82\xac", 3));            /* U+20AC */
	CHECK(ds_utf8_valid("\xed\x9f\xbf", 3));            /* U+D7FF */
	CHECK(ds_utf8_valid("\xee\x80\x80", 3));            /* U+E000 */
	CHECK(ds_utf8_valid("\xef\xbf\xbf", 3));            /* U+FFFF */
	CHECK(ds_utf8_valid("\xf0\x90\x80\x80", 4));        /* U+10000 */
	CHECK(ds_utf8_valid("\xf0\x9f\x98\x80", 4));        /* U+1F600 */
	CHECK(ds_utf8_valid("\xf4\x8f\xbf\xbf", 4));        /* U+10FFFF */
	/* Only n bytes count: a bad byte after them is not looked at. */
	CHECK(ds_utf8_valid("ab\xff", 2));
}

static void test_utf8_bad(void)
{
	/* No NUL after the bytes: a sequence cut by n must not be read on. */
	static const char euro[3] = { '\xe2', '\x82', '\xac' };

	CHECK(ds_utf8_valid(euro, 3));
	CHECK(!ds_utf8_valid(euro, 2));
	CHECK(!ds_utf8_valid(euro, 1));
	CHECK(!ds_utf8_valid("\xc0\x80", 2));               /* overlong NUL */
	CHECK(!ds_utf8_valid("\xc1\xbf", 2));               /* overlong */
	CHECK(!ds_utf8_valid("\xe0\x80\x80", 3));           /* overlong */
	CHECK(!ds_utf8_valid("\xe0\x9f\xbf", 3));           /* overlong */
	CHECK(!ds_utf8_valid("\xf0\x80\x80\x80", 4));       /* overlong */
	CHECK(!ds_utf8_valid("\xf0\x8f\xbf\xbf", 4));       /* overlong */
	CHECK(!ds_utf8_valid("\xed\xa0\x80", 3));           /* U+D800 */
	CHECK(!ds_utf8_valid("\xed\xbf\xbf", 3));           /* U+DFFF */
	CHECK(!ds_utf8_valid("\xf4\x90\x80\x80", 4));       /* U+110000 */
	CHECK(!ds_utf8_valid("\xf5\x80\x80\x80", 4));
	CHECK(!ds_utf8_valid("\xf8\x88\x80\x80\x80", 5));
	CHECK(!ds_utf8_valid("\xfe", 1));
	CHECK(!ds_utf8_valid("\xff", 1));
	CHECK(!ds_utf8_valid("\x80", 1));                   /* lone tail */
	CHECK(!ds_utf8_valid("a\xbf" "b", 3));
	CHECK(!ds_utf8_valid("\xc3", 1));                   /* truncated */
	CHECK(!ds_utf8_valid("\xe2\x82", 2));
	CHECK(!ds_utf8_valid("\xf0\x9f\x98", 3));
	CHECK(!ds_utf8_valid("\xc3" "A", 2));               /* tail missing */
	CHECK(!ds_utf8_valid("\xe2\x82" "A", 3));
	CHECK(!ds_utf8_valid("ok\xe2\x82\xac\xe2\x82", 7));
	/* A good sequence cut by n is truncated too. */
	CHECK(!ds_utf8_valid("\xe2\x82\xac", 2));
}

/* The shared decoder: code points, maximal subparts, Latin folding. */
static void test_utf8_char(void)
{
	unsigned long cp = 0;
	size_t len, bad;
	int cut;

	CHECK_INT(ds_utf8_seq("\xe2\x82\xac!", 4, &cp, &bad, &cut), 3);
	CHECK(cp == 0x20ac);
	CHECK_INT(ds_utf8_seq("\xe2\x82", 2, &cp, &bad, &cut), 0);
	CHECK_INT(bad, 2);
	CHECK_INT(cut, 1);
	CHECK_INT(ds_utf8_seq("\xe2\x82" "A", 3, &cp, &bad, &cut), 0);
	CHECK_INT(bad, 2);
	CHECK_INT(cut, 0);
	CHECK(ds_utf8_char("\xc3\xa9", 2, &len) == 0xe9 && len == 2);
	CHECK(ds_utf8_char("\xc0\x80", 2, &len) == 0xfffd && len == 1);
	CHECK(ds_utf8_char("\xff", 1, &len) == 0xfffd && len == 1);
	CHECK(ds_utf8_char("q", 1, &len) == 'q' && len == 1);
	CHECK_INT(ds_latin_fold(0xc9), 'e');            /* E acute */
	CHECK_INT(ds_latin_fold(0xdf), 's');            /* sharp s */
	CHECK_INT(ds_latin_fold(0x142), 'l');           /* l stroke */
	CHECK_INT(ds_latin_fold(0xd7), 0);              /* times sign */
	CHECK_INT(ds_latin_fold('a'), 0);
	CHECK_INT(ds_latin_fold(0x3b1), 0);             /* Greek alpha */
}

/* ds_text_check's answer for s as a legal name of at most max bytes. */
static int text(const char *s, size_t max, struct ds_err *err)
{
	ds_err_init(err);
	return ds_text_check("legal name", s, max, err);
}

static void test_text_good(void)
{
	struct ds_err err;

	CHECK_INT(text("Jane Smith", 200, &err), 0);
	CHECK_INT(text("Zo\xc3\xab O'Brien-Nakamura", 200, &err), 0);
	CHECK_INT(text("\xe5\xb1\xb1\xe7\x94\xb0", 200, &err), 0);
	CHECK_INT(text(" x ", 200, &err), 0);
	CHECK_INT(text("\xf0\x9f\x98\x80", 4, &err), 0);
	CHECK_INT(text("abc", 3, &err), 0);
	CHECK_INT(err.code, 0);
	CHECK_STR(err.msg, "");
}

static void test_text_bad(void)
{
	static const char *const controls[] = {
		"a\tb", "a\nb", "a\rb", "\x01", "a\x1b[31m", "a\x7f",
		"a\xc2\x80", "a\xc2\x85", "a\xc2\x9f", "a\xe2\x80\xa8",
		"a\xe2\x80\xa9", "a\n",
	};
	static const char *const invalid[] = {
		"a\xc0\x80", "a\xed\xa0\x80", "a\xf4\x90\x80\x80", "a\xc3",
		"\xff", "a\xe2\x82",
	};
	static const char *const blank[] = {
		" ", "     ", "\xc2\xa0", " \xe3\x80\x80 ",
	};
	char big[301];
	struct ds_err err;
	size_t i;

	for (i = 0; i < sizeof(controls) / sizeof(controls[0]); i++) {
		CHECK_INT(text(controls[i], 200, &err), DS_EDATA);
		CHECK_STR(err.msg, "legal name has a control character: "
			  "type it on one line");
	}
	for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		CHECK_INT(text(invalid[i], 200, &err), DS_EDATA);
		CHECK_STR(err.msg, "legal name is not valid UTF-8: "
			  "save it as UTF-8 text");
	}
	for (i = 0; i < sizeof(blank) / sizeof(blank[0]); i++) {
		CHECK_INT(text(blank[i], 200, &err), DS_EDATA);
		CHECK_STR(err.msg, "legal name is only spaces: type a value");
	}
	CHECK_INT(text("", 200, &err), DS_EDATA);
	CHECK_STR(err.msg, "legal name is empty: type a value");
	CHECK_INT(text(NULL, 200, &err), DS_EDATA);
	CHECK_STR(err.msg, "legal name is empty: type a value");
	memset(big, 'a', 300);
	big[300] = '\0';
	CHECK_INT(text(big, 200, &err), DS_EDATA);
	CHECK_STR(err.msg, "legal name is too long (300 bytes): "
		  "use at most 200");
	CHECK_INT(text("abcd", 3, &err), DS_EDATA);
	/* A multibyte character counts in bytes. */
	CHECK_INT(text("\xf0\x9f\x98\x80", 3, &err), DS_EDATA);
	CHECK(strstr(err.msg, "too long (4 bytes)") != NULL);
}

static void test_time(void)
{
	char today[11], now[21];
	struct ds_err err;
	int i;

	memset(today, 'x', sizeof(today));
	memset(now, 'x', sizeof(now));
	ds_date_today(today);
	ds_time_now(now);
	CHECK_INT(strlen(today), 10);
	CHECK_INT(strlen(now), 20);
	ds_err_init(&err);
	CHECK_INT(ds_date_check("today", today, NULL, &err), 0);
	now[10] = '\0';
	CHECK_INT(ds_date_check("now", now, NULL, &err), 0);
	now[10] = 'T';
	CHECK(now[13] == ':' && now[16] == ':' && now[19] == 'Z');
	for (i = 11; i < 19; i++)
		if (i != 13 && i != 16)
			CHECK(now[i] >= '0' && now[i] <= '9');
}

/* UK local time: GMT in winter, BST from the last Sunday of March. */
static void test_time_uk(void)
{
	static const struct {
		const char *utc, *shown;
	} cases[] = {
		{ "2026-12-05T23:23:46Z", "5 Dec 2026 23:23 GMT" },
		{ "2026-07-01T12:00:00Z", "1 Jul 2026 13:00 BST" },
		/* 2026: BST from 29 March 01:00 UTC to 25 October 01:00 UTC. */
		{ "2026-03-29T00:59:59Z", "29 Mar 2026 00:59 GMT" },
		{ "2026-03-29T01:00:00Z", "29 Mar 2026 02:00 BST" },
		{ "2026-10-25T00:59:59Z", "25 Oct 2026 01:59 BST" },
		{ "2026-10-25T01:00:00Z", "25 Oct 2026 01:00 GMT" },
		/* Late evening UTC in summer is the next day in the UK. */
		{ "2026-06-30T23:30:00Z", "1 Jul 2026 00:30 BST" },
		{ "2024-02-29T10:00:00Z", "29 Feb 2024 10:00 GMT" },
		{ "2026-11-01", "1 Nov 2026" },
	};
	static const char *const bad[] = {
		"", "yesterday", "2026-13-01", "2026-12-05T25:00:00Z",
		"2026-12-05X10:00:00Z", "2026-12-05T10:00:00+01:00",
	};
	char out[48], tiny[8], today[11];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(ds_time_uk(cases[i].utc, out, sizeof(out)), 0);
		CHECK_STR(out, cases[i].shown);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK_INT(ds_time_uk(bad[i], out, sizeof(out)), -1);
	CHECK_INT(ds_time_uk(NULL, out, sizeof(out)), -1);
	CHECK_INT(ds_time_uk(cases[0].utc, tiny, sizeof(tiny)), -1);
	ds_date_today_uk(today);
	CHECK_INT(ds_date_check("today", today, NULL, NULL), 0);
}

static void test_enum(void)
{
	static const char *const names[] = {
		"draft", "sent", "answered", NULL
	};
	static const char *const none[] = { NULL };
	struct ds_err err;

	ds_err_init(&err);
	CHECK_INT(ds_enum_parse("status", "draft", names, &err), 0);
	CHECK_INT(ds_enum_parse("status", "answered", names, &err), 2);
	CHECK_INT(err.code, 0);
	CHECK_INT(ds_enum_parse("status", "lost", names, &err), DS_EDATA);
	CHECK_STR(err.msg, "unknown status 'lost': "
		  "use one of draft, sent, answered");
	CHECK_INT(ds_enum_parse("status", "Draft", names, &err), DS_EDATA);
	CHECK_INT(ds_enum_parse("status", "", names, &err), DS_EDATA);
	CHECK_INT(ds_enum_parse("status", "sent ", names, &err), DS_EDATA);
	CHECK_INT(ds_enum_parse("status", NULL, names, &err), DS_EDATA);
	CHECK_STR(err.msg, "unknown status '': "
		  "use one of draft, sent, answered");
	CHECK_INT(ds_enum_parse("status", "x\ny\x7f", names, &err), DS_EDATA);
	CHECK_STR(err.msg, "unknown status 'x?y?': "
		  "use one of draft, sent, answered");
	CHECK_INT(ds_enum_parse("status", "draft", none, &err), DS_EDATA);
	/* A NULL error buffer is allowed. */
	CHECK_INT(ds_enum_parse("status", "lost", names, NULL), DS_EDATA);
}

int main(void)
{
	RUN(test_date_good);
	RUN(test_time_uk);
	RUN(test_date_calendar);
	RUN(test_date_format);
	RUN(test_date_long);
	RUN(test_utf8_good);
	RUN(test_utf8_bad);
	RUN(test_utf8_char);
	RUN(test_text_good);
	RUN(test_text_bad);
	RUN(test_time);
	RUN(test_enum);
	return check_summary();
}
