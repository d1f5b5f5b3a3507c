/*
 * test_connectors.c: the parts of the mastodon, bluesky and brave
 * connectors no command can show: the text cleaning of what an API sends
 * (tags, character references, control characters, length), and the
 * checks on what goes into a URL (handles, record keys, keys, dates).
 *
 * The helpers the connectors share are src/connsupport.c's.  Each
 * connector's own helpers are static, so their sources are included
 * here; the names two of them both define are renamed on the way in.
 * Their requests and answers are tested end to end against the fake web
 * server in tests/cmd/t_conn_fediverse.sh and t_conn_brave.sh.
 */
#include <string.h>

#include "check.h"
#include "connsupport.h"
#include "text.h"

#include "../../connectors/mastodon.c"

enum { MASTODON_URL_MAX = URL_MAX };
#define json_headers bsky_json_headers
#define posts_missing bsky_posts_missing
#include "../../connectors/bluesky.c"

#undef TITLE_MAX
#undef URL_MAX
#include "../../connectors/brave.c"
enum { BRAVE_URL_MAX = URL_MAX };

/* The shared cleaner into a static buffer of size bytes. */
static const char *clean(const char *s, size_t size, int html)
{
	static char out[256];

	memset(out, 'X', sizeof(out));
	ds_plain_text(out, size, s, html);
	return out;
}

static void test_html_to_text(void)
{
	CHECK_STR(clean("<p>Teacher in Leeds.<br>Views my own &amp; "
			"nobody&#39;s else.</p><p>Second</p>", 256, 1),
		  "Teacher in Leeds. Views my own & nobody's else. Second");
	/* Mastodon's links: the hidden scheme is joined, not spaced. */
	CHECK_STR(clean("<p>See <a href=\"https://jane.example\"><span "
			"class=\"invisible\">https://</span><span>jane.example"
			"</span></a></p>", 256, 1),
		  "See https://jane.example");
	CHECK_STR(clean("a&lt;script&gt;b&quot;&apos;&#x41;&#66;&nbsp;c", 256,
			1), "a<script>b\"'AB c");
	CHECK_STR(clean("&nbsp;&nbsp;a&nbsp;&#32; b&nbsp;", 256, 1), "a b");
	CHECK_STR(clean("caf&#xe9; &#x1F600;", 256, 1),
		  "caf\xc3\xa9 \xf0\x9f\x98\x80");
	/* Every reference HTML knows, read as a browser reads it (gumbo). */
	CHECK_STR(clean("caf&eacute; &hellip; &rsquo;&mdash;&pound;5 "
			"&Zcaron;i&zcaron;ek", 256, 1),
		  "caf\xc3\xa9 \xe2\x80\xa6 \xe2\x80\x99\xe2\x80\x94"
		  "\xc2\xa3" "5 \xc5\xbdi\xc5\xbe" "ek");
	/* An unknown reference stays as it was written; an impossible one
	 * is the replacement character, and &#12 without its ';' is a
	 * control character, folded to a space. */
	CHECK_STR(clean("&bogus; &#0; &#xD800; &#x110000; &#; &#12", 256, 1),
		  "&bogus; \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd &#;");
	CHECK_STR(clean("abc <b unclosed", 256, 1), "abc");
	CHECK_STR(clean("<li>one</li><li>two</li>", 256, 1), "one two");
	/* A block (pre) breaks the line; an unknown tag does not. */
	CHECK_STR(clean("x<pre>y</pre>z<brx>w", 256, 1), "x y zw");
	/* Hidden text and scripts are not text. */
	CHECK_STR(clean("a<span style='display:none'>hidden</span> b"
			"<script>alert(1)</script>", 256, 1), "a b");
	CHECK_STR(clean("", 256, 1), "");
	CHECK_STR(clean(NULL, 256, 1), "");
	/* Without html, tags and references are text. */
	CHECK_STR(clean("<b>a &amp; b</b>", 256, 0), "<b>a &amp; b</b>");
}

static void test_controls_folded(void)
{
	CHECK_STR(clean("  a\x01" "b\x7f c\n\n\t d  ", 256, 0), "a b c d");
	/* C1 controls (CSI) and line separators, raw or as references
	 * (HTML reads &#155; as the Windows-1252 character it stands for). */
	CHECK_STR(clean("a\xc2\x9b" "31mb", 256, 0), "a 31mb");
	CHECK_STR(clean("a&#155;b&#x1b;c&#10;d", 256, 1),
		  "a\xe2\x80\xba" "b c d");
	CHECK_STR(clean("a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", 256, 0),
		  "a b c");
	CHECK_STR(clean("no\xc2\xa0" "break", 256, 0), "no\xc2\xa0" "break");
	/* A bad sequence is only ever written as '?'. */
	CHECK_STR(clean("a\xff" "b\xc3", 256, 0), "a?b?");
	CHECK_STR(clean("\xe2\x82" "x", 256, 0), "??x");
}

static void test_cut_on_boundary(void)
{
	const char *s;
	size_t n;

	/* 16 bytes: at most 12 of text, then "...". */
	s = clean("abcdefghijklmnopqrstuvwxyz", 16, 0);
	CHECK_STR(s, "abcdefghijkl...");
	s = clean("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9",
		  16, 0);
	n = strlen(s);
	CHECK(n <= 15);
	CHECK(ds_utf8_valid(s, n));
	CHECK_STR(s, "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9...");
	/* A text that just fits is not cut; trailing space never counts. */
	CHECK_STR(clean("abcdefghijkl", 16, 0), "abcdefghijkl");
	CHECK_STR(clean("abcdefghijkl   ", 16, 0), "abcdefghijkl");
	s = clean("\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80x", 16, 0);
	CHECK_STR(s, "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80...");
}

static void test_mastodon_handle(void)
{
	struct acct a;
	char u31[48];

	CHECK_INT(acct_split("jsmith@social.example", &a), 0);
	CHECK_STR(a.user, "jsmith");
	CHECK_STR(a.instance, "social.example");
	CHECK_INT(acct_split("J_Smith9@a-b.c.example", &a), 0);
	CHECK_INT(acct_split("j&s@social.example", &a), -1);
	CHECK_INT(acct_split("jsmith@social.example/x", &a), -1);
	CHECK_INT(acct_split("jsmith@social.example?x", &a), -1);
	CHECK_INT(acct_split("jsmith@Social.example", &a), -1);
	CHECK_INT(acct_split("jsmith@localhost", &a), -1);
	CHECK_INT(acct_split("jsmith@-x.example", &a), -1);
	CHECK_INT(acct_split("jsmith@x.example.", &a), -1);
	CHECK_INT(acct_split("jsmith@social..example", &a), -1);
	CHECK_INT(acct_split("a@b@c.example", &a), -1);
	CHECK_INT(acct_split("@social.example", &a), -1);
	CHECK_INT(acct_split("jsmith", &a), -1);
	CHECK_INT(acct_split(NULL, &a), -1);
	memset(u31, 'a', 31);
	memcpy(u31 + 31, "@x.example", 11);
	CHECK_INT(acct_split(u31, &a), -1);
	CHECK_INT(acct_split(u31 + 1, &a), 0);
}

static void test_mastodon_root(void)
{
	struct ds_step_info step = { .base_url = NULL };
	struct acct a = { "jsmith", "social.example" };
	struct buf b;

	buf_init(&b, 4096);
	CHECK_INT(api_root(&b, &step, &a), 0);
	CHECK_STR(b.ptr, "https://social.example");
	buf_reset(&b);
	step.base_url = "http://m.example//";
	CHECK_INT(api_root(&b, &step, &a), 0);
	CHECK_STR(b.ptr, "http://m.example");
	buf_release(&b);
}

static void test_addresses_and_dates(void)
{
	const size_t m = MASTODON_URL_MAX, b = BRAVE_URL_MAX;
	char d[11];

	CHECK(ds_web_url_ok("https://social.example/@jsmith/1", m));
	CHECK(ds_web_url_ok("http://a.example", m));
	CHECK(!ds_web_url_ok("javascript:alert(1)", m));
	CHECK(!ds_web_url_ok("https://", m));
	CHECK(!ds_web_url_ok("https:///x", m));
	CHECK(!ds_web_url_ok("https://a.example/a b", m));
	CHECK(!ds_web_url_ok("https://a.example/\x01", m));
	CHECK(!ds_web_url_ok("https://a.example/caf\xc3\xa9", m));
	CHECK(!ds_web_url_ok(NULL, m));
	CHECK(ds_web_url_ok("https://oak.example/staff", b));
	CHECK(!ds_web_url_ok("ftp://files.example/x", b));
	/* max is the longest address kept, in bytes. */
	CHECK(ds_web_url_ok("http://a.example/x", 18));
	CHECK(!ds_web_url_ok("http://a.example/xy", 18));
	CHECK_STR(ds_iso_date("2024-05-02T09:30:00.000Z", d), "2024-05-02");
	CHECK_STR(ds_iso_date("2024-02-29T00:00:00Z", d), "2024-02-29");
	CHECK(!ds_iso_date("2023-02-29T00:00:00Z", d));
	CHECK(!ds_iso_date("2024-13-01", d));
	CHECK(!ds_iso_date("May 1, 2024", d));
	CHECK(!ds_iso_date("2 days ago", d));
	CHECK(!ds_iso_date("2024-05", d));
	CHECK(!ds_iso_date(NULL, d));
	/* SearXNG's dates: a bare date, or a query posing as one. */
	CHECK_STR(ds_iso_date("2024-05-01", d), "2024-05-01");
	CHECK(!ds_iso_date("\"Jane Smith\" Leeds", d));
}

static void test_bluesky_handle_and_rkey(void)
{
	char label[80];

	CHECK(handle_ok("jane.bsky.social"));
	CHECK(handle_ok("a-b.example"));
	CHECK(!handle_ok("Jane.bsky.social"));
	CHECK(!handle_ok("jane"));
	CHECK(!handle_ok("-jane.example"));
	CHECK(!handle_ok("jane-.example"));
	CHECK(!handle_ok("jane..example"));
	CHECK(!handle_ok(".jane.example"));
	CHECK(!handle_ok("jane.example/x"));
	CHECK(!handle_ok("jane.example?x"));
	CHECK(!handle_ok(NULL));
	memset(label, 'a', 64);
	memcpy(label + 64, ".example", 9);
	CHECK(!handle_ok(label));
	CHECK(handle_ok(label + 1));

	CHECK_STR(post_rkey("at://did:plc:ab/app.bsky.feed.post/3kq2abcdxyz2a"),
		  "3kq2abcdxyz2a");
	CHECK_STR(post_rkey("at://did:plc:ab/app.bsky.feed.post/a.b_c~d:e-f"),
		  "a.b_c~d:e-f");
	CHECK(!post_rkey("at://did:plc:ab/app.bsky.feed.post/bad/../key"));
	CHECK(!post_rkey("at://did:plc:ab/app.bsky.feed.post/.."));
	CHECK(!post_rkey("at://did:plc:ab/app.bsky.feed.post/."));
	CHECK(!post_rkey("at://did:plc:ab/app.bsky.feed.post/"));
	CHECK(!post_rkey("at://did:plc:ab/app.bsky.feed.post/a%2Fb"));
	CHECK(!post_rkey("at://did:plc:ab/app.bsky.feed.post/a?b"));
	CHECK(!post_rkey("at://did:plc:ab/app.bsky.feed.post/a#b"));
	CHECK(!post_rkey("at://did:plc:ab/app.bsky.feed.like/3kq2a"));
	CHECK(!post_rkey("at:///app.bsky.feed.post/3kq2a"));
	CHECK(!post_rkey("https://bsky.app/app.bsky.feed.post/3kq2a"));
	CHECK(!post_rkey(NULL));
	CHECK(ds_same_ci("Jane.BSKY.social", "jane.bsky.social"));
	CHECK(!ds_same_ci("jane.bsky.social", "jane.bsky.socia"));
}

static void test_brave_key_and_url(void)
{
	struct ds_step_info step = {
		.kind = DS_STEP_NEWS,
		.query = "\"Jane Smith\" Leeds/Bradford & Co #1?x=y",
		.base_url = "http://b.example/",
		.lookback_days = 31,
	};
	char key[KEY_MAX + 2];
	struct buf b;

	CHECK(key_ok("BSA0123456789abcdef"));
	CHECK(!key_ok(""));
	CHECK(!key_ok("a b"));
	CHECK(!key_ok("abc\r\nX-Injected: 1"));
	CHECK(!key_ok("abc\x7f"));
	memset(key, 'k', KEY_MAX + 1);
	key[KEY_MAX + 1] = '\0';
	CHECK(!key_ok(key));
	key[KEY_MAX] = '\0';
	CHECK(key_ok(key));

	CHECK_STR(freshness(1), "pd");
	CHECK_STR(freshness(7), "pw");
	CHECK_STR(freshness(8), "pm");
	CHECK_STR(freshness(31), "pm");
	CHECK_STR(freshness(32), "py");
	CHECK_STR(freshness(366), "py");
	CHECK(!freshness(367));

	buf_init(&b, 4096);
	CHECK_INT(search_url(&b, &step), 0);
	CHECK_STR(b.ptr, "http://b.example/res/v1/news/search?q=%22Jane%20"
		  "Smith%22%20Leeds%2FBradford%20%26%20Co%20%231%3Fx%3Dy"
		  "&count=20&freshness=pm");
	buf_reset(&b);
	step.kind = DS_STEP_WEB;
	step.query = "a+b";
	CHECK_INT(search_url(&b, &step), 0);
	CHECK_STR(b.ptr, "http://b.example/res/v1/web/search?q=a%2Bb"
		  "&count=20");
	buf_release(&b);
}

static void test_brave_text_and_shapes(void)
{
	struct ds_step_info web = { .kind = DS_STEP_WEB };
	struct ds_step_info news = { .kind = DS_STEP_NEWS };
	char out[64];
	json_t *j;
	int empty;

	ds_plain_text(out, sizeof(out), "Meet <strong>Jane Smith</strong>, "
		      "Year 4 &amp; music.", 1);
	CHECK_STR(out, "Meet Jane Smith, Year 4 & music.");
	/* Inline tags join the text around them; a break is a space. */
	ds_plain_text(out, sizeof(out), "<b>J</b>ane<br>Smith<p>Leeds", 1);
	CHECK_STR(out, "Jane Smith Leeds");

	j = json_loads("{\"type\": \"search\", \"web\": {\"results\": "
		       "[1]}}", 0, NULL);
	CHECK(results_of(&web, j, &empty) != NULL);
	CHECK(results_of(&news, j, &empty) == NULL && !empty);
	json_decref(j);
	j = json_loads("{\"type\": \"search\", \"query\": {}}", 0, NULL);
	CHECK(results_of(&web, j, &empty) == NULL && empty);
	json_decref(j);
	j = json_loads("{\"type\": \"search\", \"web\": {\"results\": 5}}", 0,
		       NULL);
	CHECK(results_of(&web, j, &empty) == NULL && !empty);
	json_decref(j);
	j = json_loads("{\"type\": \"news\"}", 0, NULL);
	CHECK(results_of(&news, j, &empty) == NULL && empty);
	json_decref(j);
	j = json_loads("[]", 0, NULL);
	CHECK(results_of(&web, j, &empty) == NULL && !empty);
	CHECK(results_of(&news, NULL, &empty) == NULL && !empty);
	json_decref(j);
}

/* A profile's posts: by their path's kind, or under its own path. */
static void test_post_links(void)
{
	const char *p = "http://yak.example/u/jo";

	CHECK_INT(ds_post_link(p, "http://yak.example/p/n1"), 1);
	CHECK_INT(ds_post_link(p, "http://yak.example/u/jo/y/d71kz"), 1);
	CHECK_INT(ds_post_link("http://yak.example/u/jo/",
			       "http://yak.example/u/jo/y/d71kz/"), 1);
	/* Its other pages, another user's, another host's: no. */
	CHECK_INT(ds_post_link(p, "http://yak.example/u/jo/followers"), 0);
	CHECK_INT(ds_post_link(p, "http://yak.example/u/jo2/y/d71kz"), 0);
	{
		char *links[] = {
			"http://run.example/", "http://run.example/login",
			"http://run.example/runners/gemruns_wolds/",
			"http://tube.example/@TedBrack?tab=videos",
		};

		CHECK_INT(ds_links_user(links, 3, "gemruns_wolds"), 1);
		CHECK_INT(ds_links_user(links, 4, "tedbrack"), 1);
		CHECK_INT(ds_links_user(links, 4, "gemruns"), 0);
		CHECK_INT(ds_links_user(links, 2, "login2"), 0);
		CHECK_INT(ds_links_user((char *[]){ "https://x.example?r=/alice"
						  }, 1, "alice"), 0);
	}
	CHECK_INT(ds_post_link(p, "http://yak.example/u/jo"), 0);
	CHECK_INT(ds_post_link(p, "http://other.example/u/jo/y/d71kz"), 0);
	CHECK_INT(ds_post_link(p, "http://yak.example/about"), 0);
	/* A site's root is no profile to be under. */
	CHECK_INT(ds_post_link("http://yak.example/",
			       "http://yak.example/news/2024"), 0);
}

int main(void)
{
	RUN(test_post_links);
	RUN(test_html_to_text);
	RUN(test_controls_folded);
	RUN(test_cut_on_boundary);
	RUN(test_mastodon_handle);
	RUN(test_mastodon_root);
	RUN(test_addresses_and_dates);
	RUN(test_bluesky_handle_and_rkey);
	RUN(test_brave_key_and_url);
	RUN(test_brave_text_and_shapes);
	return check_summary();
}
