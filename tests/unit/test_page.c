/*
 * test_page.c: HTML pages: charsets, visible text, metadata, links,
 * limits, hostile input, and extraction quality on real pages.
 *
 * The quality test reads the page corpus unpacked by tests/pages.sh from
 * $DS_PAGES_DIR (else $DS_TOP/build/pages); without it the test is
 * counted as skipped, with its reason.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "check.h"
#include "scratch.h"
#include "buf.h"
#include "err.h"
#include "mem.h"
#include "page.h"
#include "text.h"

/* Parse a NUL-terminated page with the default limits. */
static int parse(const char *html, const char *ctype, const char *base,
		 struct ds_page *p)
{
	struct ds_err err;

	ds_err_init(&err);
	return ds_page_parse(html, strlen(html), ctype, base, NULL, p, &err);
}

/* 1 when the page's text holds s. */
static int has_text(const struct ds_page *p, const char *s)
{
	return p->text && strstr(p->text, s) != NULL;
}

/* 1 when the page kept the link url. */
static int has_link(const struct ds_page *p, const char *url)
{
	size_t i;

	for (i = 0; i < p->nlinks; i++)
		if (strcmp(p->links[i], url) == 0)
			return 1;
	return 0;
}

static void test_limits_default(void)
{
	struct ds_page_limits lim;

	ds_page_limits_default(&lim);
	CHECK_INT(lim.max_input, 8 << 20);
	CHECK_INT(lim.max_text, 1 << 20);
	CHECK_INT(lim.max_links, 500);
	CHECK_INT(lim.max_depth, 256);
}

static void test_empty(void)
{
	struct ds_page p;
	struct ds_err err;

	REQUIRE(parse("", NULL, NULL, &p) == 0);
	CHECK_STR(p.title, "");
	CHECK_STR(p.description, "");
	CHECK_STR(p.lang, "");
	CHECK_STR(p.text, "");
	CHECK_INT(p.text_len, 0);
	CHECK(p.canonical == NULL);
	CHECK(p.published == NULL);
	CHECK_INT(p.nlinks, 0);
	CHECK_STR(p.charset, "utf-8");
	CHECK_INT(p.truncated, 0);
	CHECK_INT(p.login_wall, 0);
	ds_page_release(&p);

	ds_err_init(&err);
	REQUIRE(ds_page_parse(NULL, 0, NULL, NULL, NULL, &p, &err) == 0);
	CHECK_STR(p.text, "");
	ds_page_release(&p);
	ds_page_release(&p);
}

static void test_metadata(void)
{
	struct ds_page p;

	REQUIRE(parse("<!doctype html><html lang=\" en-GB \"><head>"
		      "<title>\n  Jane   Doe\t- \n Profile </title>"
		      "<meta property=\"og:description\" content=\"og one\">"
		      "<meta name=\"Description\" content=\"  The  real\n"
		      "  description \">"
		      "<link rel=\"alternate canonical\" "
		      "href=\"/people/jane#x\">"
		      "<meta property=\"article:published_time\" "
		      "content=\"2019-11-20T08:30:00Z\">"
		      "</head><body><p>Hi</p></body></html>",
		      NULL, "https://news.example.org/a/b.html?q=1", &p) == 0);
	CHECK_STR(p.title, "Jane Doe - Profile");
	CHECK_STR(p.description, "The real description");
	CHECK_STR(p.canonical, "https://news.example.org/people/jane");
	CHECK_STR(p.lang, "en-GB");
	CHECK_STR(p.published, "2019-11-20");
	CHECK_STR(p.text, "Hi\n");
	ds_page_release(&p);

	/* og:description stands in; a canonical must be http(s). */
	REQUIRE(parse("<meta property=og:description content='From OG'>"
		      "<link rel=canonical href='ftp://x.org/a'>", NULL,
		      "https://x.org/", &p) == 0);
	CHECK_STR(p.description, "From OG");
	CHECK(p.canonical == NULL);
	CHECK_STR(p.title, "");
	ds_page_release(&p);

	/* A relative canonical without a base cannot be resolved. */
	REQUIRE(parse("<link rel=canonical href='/a'>", NULL, NULL, &p) == 0);
	CHECK(p.canonical == NULL);
	ds_page_release(&p);
}

/* The publication date the page gives, or "(null)". */
static void check_pub(const char *html, const char *want)
{
	struct ds_page p;

	if (parse(html, NULL, NULL, &p) != 0) {
		CHECK(!"parse failed");
		return;
	}
	CHECK_STR(p.published ? p.published : "(null)", want);
	ds_page_release(&p);
}

static void test_published(void)
{
	check_pub("<meta name=date content='2018-03-04'>", "2018-03-04");
	check_pub("<span itemprop=datePublished content='2017-01-02T10:00'>"
		  "x</span>", "2017-01-02");
	check_pub("<time itemprop=datePublished datetime='2016-05-06'>"
		  "</time>", "2016-05-06");
	check_pub("<p>On <time datetime='2015-07-08T09:00:00+01:00'>8 July"
		  "</time></p>", "2015-07-08");
	check_pub("<script type='application/ld+json'>{\"@type\": "
		  "\"NewsArticle\", \"datePublished\" : \"2014-09-10T11:12\"}"
		  "</script>", "2014-09-10");
	/* Not dates: nothing. */
	check_pub("<meta name=date content='2019-02-30'>", "(null)");
	check_pub("<meta name=date content='yesterday'>", "(null)");
	check_pub("<meta name=date content='2019-02-011'>", "(null)");
	check_pub("<time datetime='2019'>x</time>", "(null)");
	/* The order of the sources, not of the page, decides. */
	check_pub("<script type=application/ld+json>{\"datePublished\":"
		  "\"2001-01-01\"}</script><time datetime=2002-02-02></time>"
		  "<span itemprop=datePublished content=2003-03-03></span>"
		  "<meta name=date content=2004-04-04>"
		  "<meta property=article:published_time content=2005-05-05>",
		  "2005-05-05");
	check_pub("<script type=application/ld+json>{\"datePublished\":"
		  "\"2001-01-01\"}</script><time datetime=2002-02-02></time>",
		  "2002-02-02");
	/* A bad first candidate does not hide a good later one. */
	check_pub("<time datetime=soon></time><time datetime=2012-12-12>"
		  "</time>", "2012-12-12");
}

static void test_hidden_text(void)
{
	struct ds_page p;

	REQUIRE(parse("<html><head><title>T</title><style>.a{color:red}"
		      "</style><script>var s = 'SCRIPT';</script></head><body>"
		      "<p>Visible one</p>"
		      "<script>document.write('SCRIPT2')</script>"
		      "<noscript>NOSCRIPT</noscript>"
		      "<template><p>TEMPLATE</p></template>"
		      "<svg><text>SVGTEXT</text><title>SVGTITLE</title></svg>"
		      "<iframe>IFRAME</iframe>"
		      "<object data=x><p>OBJECT</p></object>"
		      "<div hidden><p>HIDDENATTR</p></div>"
		      "<div aria-hidden=\"TRUE\">ARIA</div>"
		      "<div aria-hidden=\"false\">Visible two</div>"
		      "<div style=\"color: red; DISPLAY : None !important\">"
		      "DISPLAYNONE</div>"
		      "<span style=\"visibility:hidden\">VISHIDDEN</span>"
		      "<div style=\"display:block\">Visible three</div>"
		      "<div style=\"--display:none\">Visible four</div>"
		      "<div hidden><a href=\"/in-hidden\">HIDDENLINK</a></div>"
		      "<p style=\"opacity: 0\">OPACITYZERO</p>"
		      "<p style=\"opacity:0.5\">Visible five</p>"
		      "<p style=\"font-size:0px\">FONTZERO</p>"
		      "<p style=\"position:absolute; "
		      	"left:-9999px\">OFFSCREEN</p>"
		      "<p style=\"margin-left:-1000px\">Visible six</p>"
		      "<p style=\"text-indent:-10000px\">INDENTED</p>"
		      "<p style=\"height:0;overflow:hidden\">ZEROHEIGHT</p>"
		      "<p style=\"height:0\">Visible seven</p>"
		      "<div class=\"note visually-hidden\">SRHIDDEN</div>"
		      "<span class=\"sr-only\">SRONLY</span>"
		      "<div class=\"hidden md:block\">Visible eight</div>"
		      "</body></html>", NULL, "https://x.org/", &p) == 0);
	CHECK(has_text(&p, "Visible one"));
	CHECK(has_text(&p, "Visible two"));
	CHECK(has_text(&p, "Visible three"));
	CHECK(has_text(&p, "Visible four"));
	CHECK(!has_text(&p, "SCRIPT"));
	CHECK(!has_text(&p, "color"));
	CHECK(!has_text(&p, "TEMPLATE"));
	CHECK(!has_text(&p, "SVG"));
	CHECK(!has_text(&p, "IFRAME"));
	CHECK(!has_text(&p, "OBJECT"));
	CHECK(!has_text(&p, "HIDDEN"));
	CHECK(!has_text(&p, "ARIA"));
	CHECK(!has_text(&p, "DISPLAYNONE"));
	CHECK(!has_text(&p, "VISHIDDEN"));
	/* Other ways of hiding text from readers. */
	CHECK(!has_text(&p, "OPACITYZERO"));
	CHECK(!has_text(&p, "FONTZERO"));
	CHECK(!has_text(&p, "OFFSCREEN"));
	CHECK(!has_text(&p, "INDENTED"));
	CHECK(!has_text(&p, "ZEROHEIGHT"));
	CHECK(has_text(&p, "Visible five"));
	CHECK(has_text(&p, "Visible six"));
	CHECK(has_text(&p, "Visible seven"));
	/* Accessibility classes hide from sighted readers; a responsive
	 * "hidden" does not. */
	CHECK(!has_text(&p, "SRHIDDEN"));
	CHECK(!has_text(&p, "SRONLY"));
	CHECK(has_text(&p, "Visible eight"));
	CHECK(!has_text(&p, "T\n"));
	CHECK_STR(p.title, "T");
	/* Hidden menus still link. */
	CHECK(has_link(&p, "https://x.org/in-hidden"));
	ds_page_release(&p);
}

static void test_whitespace(void)
{
	struct ds_page p;

	REQUIRE(parse("<body>  \n <h1>  The \t Title </h1>\n\n"
		      "<p>One <b>bold</b>word and\n\n   more&nbsp;&nbsp;"
		      "spaces</p><p>  </p><div><div>\n</div></div>"
		      "<ul><li>a</li><li> b </li></ul>line<br>break"
		      "<table><tr><td>c1</td><td>c2</td></tr></table>"
		      "<pre>  x  y\n\n  z</pre>"
		      "tail\xc2\xa0</body>", NULL, NULL, &p) == 0);
	CHECK_STR(p.text, "The Title\nOne boldword and more spaces\na\nb\n"
		  "line\nbreak\nc1 | c2\nx y\nz\ntail\n");
	CHECK_INT(p.text_len, strlen(p.text));
	ds_page_release(&p);

	/* Text only: one line. */
	REQUIRE(parse("just   text", NULL, NULL, &p) == 0);
	CHECK_STR(p.text, "just text\n");
	ds_page_release(&p);
}

static void test_links(void)
{
	struct ds_page p;

	REQUIRE(parse("<a href='/abs/path'>1</a>"
		      "<a href='rel/x?a=1#frag'>2</a>"
		      "<a href='../up'>3</a>"
		      "<a href='?q=2'>4</a>"
		      "<a href=' https://Other.EXAMPLE.com/P?x#y '>5</a>"
		      "<a href='//cdn.example.net/lib'>6</a>"
		      "<a href='/abs/path#other'>dup</a>"
		      "<a href='https://x.org/dir/rel/x?a=1'>dup</a>"
		      "<a href='javascript:void(0)'>js</a>"
		      "<a href='JavaScript:alert(1)'>js</a>"
		      "<a href='mailto:a@example.com'>mail</a>"
		      "<a href='tel:+441234'>tel</a>"
		      "<a href='ftp://x.org/file'>ftp</a>"
		      "<a href='data:text/html,hi'>data</a>"
		      "<a href='#top'>self</a><a href=''>empty</a>"
		      "<a>none</a>"
		      "<a href='/with space/\xc3\xa9'>sp</a>"
		      "<a href='http://bad host/'>bad</a>",
		      NULL, "https://x.org/dir/page.html?old=1#f", &p) == 0);
	CHECK(has_link(&p, "https://x.org/abs/path"));
	CHECK(has_link(&p, "https://x.org/dir/rel/x?a=1"));
	CHECK(has_link(&p, "https://x.org/up"));
	CHECK(has_link(&p, "https://x.org/dir/page.html?q=2"));
	CHECK(has_link(&p, "https://other.example.com/P?x"));
	CHECK(has_link(&p, "https://cdn.example.net/lib"));
	CHECK(has_link(&p, "https://x.org/with%20space/%c3%a9"));
	CHECK_INT(p.nlinks, 7);
	CHECK_INT(p.truncated, 0);
	ds_page_release(&p);

	/* <base href> moves relative links; without a base they go. */
	REQUIRE(parse("<head><base href='https://cdn.example.com/b/'></head>"
		      "<a href='x'>x</a><a href='/y'>y</a>", NULL,
		      "https://x.org/a/", &p) == 0);
	CHECK(has_link(&p, "https://cdn.example.com/b/x"));
	CHECK(has_link(&p, "https://cdn.example.com/y"));
	CHECK_INT(p.nlinks, 2);
	ds_page_release(&p);

	REQUIRE(parse("<a href='x'>x</a><a href='http://x.org'>y</a>", NULL,
		      NULL, &p) == 0);
	CHECK_INT(p.nlinks, 1);
	CHECK(has_link(&p, "http://x.org/"));
	ds_page_release(&p);

	/* A base that is not http(s) resolves nothing. */
	REQUIRE(parse("<a href='x'>x</a>", NULL, "file:///etc/", &p) == 0);
	CHECK_INT(p.nlinks, 0);
	ds_page_release(&p);
}

static void test_links_cap(void)
{
	struct ds_page_limits lim;
	struct ds_page p;
	struct ds_err err;
	const char *five = "<a href=/1>1</a><a href=/2>2</a><a href=/1>1</a>"
			   "<a href=/3>3</a><a href=/4>4</a><a href=/5>5</a>";
	const char *three = "<a href=/1>1</a><a href=/2>2</a><a href=/3>3</a>"
			    "<a href=/3#x>3</a><a href=/1>1</a>";

	ds_page_limits_default(&lim);
	lim.max_links = 3;
	ds_err_init(&err);
	REQUIRE(ds_page_parse(five, strlen(five), NULL, "http://h.org/", &lim,
			      &p, &err) == 0);
	CHECK_INT(p.nlinks, 3);
	CHECK_INT(p.truncated, 1);
	CHECK(has_link(&p, "http://h.org/3"));
	ds_page_release(&p);

	REQUIRE(ds_page_parse(three, strlen(three), NULL, "http://h.org/",
			      &lim, &p, &err) == 0);
	CHECK_INT(p.nlinks, 3);
	CHECK_INT(p.truncated, 0);
	ds_page_release(&p);

	lim.max_links = 0;
	REQUIRE(ds_page_parse(three, strlen(three), NULL, "http://h.org/",
			      &lim, &p, &err) == 0);
	CHECK_INT(p.nlinks, 0);
	CHECK_INT(p.truncated, 1);
	ds_page_release(&p);
}

static void test_charset_header(void)
{
	struct ds_page p;

	/* latin1 means windows-1252, as in browsers: 0x80 is the euro. */
	REQUIRE(parse("<title>Caf\xe9</title><p>caf\xe9 \x80 5</p>",
		      "text/html; charset=\"ISO-8859-1\"", NULL, &p) == 0);
	CHECK_STR(p.charset, "windows-1252");
	CHECK_STR(p.title, "Caf\xc3\xa9");
	CHECK_STR(p.text, "caf\xc3\xa9 \xe2\x82\xac 5\n");
	ds_page_release(&p);

	/* The header wins over the page. */
	REQUIRE(parse("<meta charset=utf-8><p>caf\xe9</p>",
		      "text/html;charset=windows-1252", NULL, &p) == 0);
	CHECK_STR(p.charset, "windows-1252");
	CHECK_STR(p.text, "caf\xc3\xa9\n");
	ds_page_release(&p);

	/* A header without a charset leaves it to the page. */
	REQUIRE(parse("<p>caf\xc3\xa9</p>", "text/html", NULL, &p) == 0);
	CHECK_STR(p.charset, "utf-8");
	CHECK_STR(p.text, "caf\xc3\xa9\n");
	ds_page_release(&p);
}

static void test_charset_meta(void)
{
	struct ds_page p;

	REQUIRE(parse("<html><head><!-- <meta charset=koi8-r> -->"
		      "<meta name=x content='a>b'><meta charset=\"latin1\">"
		      "</head><p>caf\xe9</p>", NULL, NULL, &p) == 0);
	CHECK_STR(p.charset, "windows-1252");
	CHECK_STR(p.text, "caf\xc3\xa9\n");
	ds_page_release(&p);

	REQUIRE(parse("<meta http-equiv=\"Content-Type\" content=\"text/html; "
		      "charset=windows-1252\"><p>\x93quoted\x94</p>", NULL,
		      NULL, &p) == 0);
	CHECK_STR(p.charset, "windows-1252");
	CHECK_STR(p.text, "\xe2\x80\x9cquoted\xe2\x80\x9d\n");
	ds_page_release(&p);

	/* content without http-equiv does not count. */
	REQUIRE(parse("<meta content=\"text/html; charset=koi8-r\">"
		      "<p>plain</p>", NULL, NULL, &p) == 0);
	CHECK_STR(p.charset, "utf-8");
	ds_page_release(&p);

	/* An unknown label is passed over; utf-16 in a meta means utf-8. */
	REQUIRE(parse("<meta charset=no-such-thing><meta charset=utf-16>"
		      "<p>\xc3\xa9</p>", NULL, NULL, &p) == 0);
	CHECK_STR(p.charset, "utf-8");
	CHECK_STR(p.text, "\xc3\xa9\n");
	ds_page_release(&p);

	/* Other charsets go through iconv. */
	REQUIRE(parse("<meta charset=koi8-r><p>\xd0\xd2\xc9\xd7\xc5\xd4</p>",
		      NULL, NULL, &p) == 0);
	CHECK_STR(p.charset, "koi8-r");
	CHECK_STR(p.text, "\xd0\xbf\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"
		  "\n");
	ds_page_release(&p);
}

static void test_charset_undeclared(void)
{
	struct ds_page p;

	REQUIRE(parse("<p>caf\xe9 cr\xe8me</p>", NULL, NULL, &p) == 0);
	CHECK_STR(p.charset, "windows-1252");
	CHECK_STR(p.text, "caf\xc3\xa9 cr\xc3\xa8me\n");
	ds_page_release(&p);

	REQUIRE(parse("<p>caf\xc3\xa9 \xf0\x9f\x98\x80</p>", NULL, NULL,
		      &p) == 0);
	CHECK_STR(p.charset, "utf-8");
	CHECK_STR(p.text, "caf\xc3\xa9 \xf0\x9f\x98\x80\n");
	ds_page_release(&p);

	/* Declared UTF-8 with bad bytes: U+FFFD, never a failure. */
	REQUIRE(parse("<p>a\xff" "b\xc3(c\xed\xa0\x80" "d\xe2\x82</p>",
		      "text/html; charset=utf-8", NULL, &p) == 0);
	CHECK_STR(p.charset, "utf-8");
	CHECK(ds_utf8_valid(p.text, p.text_len));
	CHECK_STR(p.text, "a\xef\xbf\xbd" "b\xef\xbf\xbd(c\xef\xbf\xbd\xef\xbf"
		  "\xbd\xef\xbf\xbd" "d\xef\xbf\xbd\n");
	ds_page_release(&p);
}

static void test_charset_utf16(void)
{
	static const char le[] = "\xff\xfe<\0p\0>\0c\0a\0f\0\xe9\0 \0"
				 "\x3d\xd8\x00\xde<\0/\0p\0>\0";
	static const char be[] = "\xfe\xff\0<\0p\0>\0h\0i\0<\0/\0p\0>";
	struct ds_page p;
	struct ds_err err;

	ds_err_init(&err);
	/* The byte order mark wins over a header. */
	REQUIRE(ds_page_parse(le, sizeof(le) - 1, "text/html; charset=utf-8",
			      NULL, NULL, &p, &err) == 0);
	CHECK_STR(p.charset, "utf-16le");
	CHECK_STR(p.text, "caf\xc3\xa9 \xf0\x9f\x98\x80\n");
	ds_page_release(&p);

	REQUIRE(ds_page_parse(be, sizeof(be) - 1, NULL, NULL, NULL, &p,
			      &err) == 0);
	CHECK_STR(p.charset, "utf-16be");
	CHECK_STR(p.text, "hi\n");
	ds_page_release(&p);

	/* An odd last byte and a lone surrogate: U+FFFD. */
	REQUIRE(ds_page_parse(le, 12, NULL, NULL, NULL, &p, &err) == 0);
	CHECK(ds_utf8_valid(p.text, p.text_len));
	ds_page_release(&p);
	REQUIRE(ds_page_parse("\xff\xfex\0\x00\xd8y\0", 8, NULL, NULL, NULL,
			      &p, &err) == 0);
	CHECK_STR(p.text, "x\xef\xbf\xbdy\n");
	ds_page_release(&p);

	/* A UTF-8 byte order mark is dropped. */
	REQUIRE(parse("\xef\xbb\xbf<title>t</title>", NULL, NULL, &p) == 0);
	CHECK_STR(p.charset, "utf-8");
	CHECK_STR(p.title, "t");
	ds_page_release(&p);
}

static void test_charset_unknown(void)
{
	struct ds_page p;
	struct ds_err err;

	ds_err_init(&err);
	CHECK_INT(ds_page_parse("<p>x</p>", 8, "text/html; charset=x-nonsense",
				NULL, NULL, &p, &err), DS_EDATA);
	CHECK_INT(err.code, DS_EDATA);
	CHECK(strstr(err.msg, "x-nonsense") != NULL);
	CHECK(p.text == NULL && p.title == NULL && p.nlinks == 0);
	ds_page_release(&p);

	ds_err_init(&err);
	CHECK_INT(ds_page_parse("<p>x</p>", 8, "text/html; charset=\"a//b\"",
				NULL, NULL, &p, &err), DS_EDATA);
	CHECK_INT(ds_page_parse("<p>x</p>", 8, "text/html; charset=\x1b[2J",
				NULL, NULL, &p, &err), DS_EDATA);
	CHECK(strchr(err.msg, '\x1b') == NULL);
}

static void test_login_wall(void)
{
	struct ds_page p;

	REQUIRE(parse("<form><input name=u><input type=PASSWORD name=p>"
		      "</form>", NULL, NULL, &p) == 0);
	CHECK_INT(p.login_wall, 1);
	ds_page_release(&p);
	REQUIRE(parse("<form><input type=text><input type=hidden></form>",
		      NULL, NULL, &p) == 0);
	CHECK_INT(p.login_wall, 0);
	ds_page_release(&p);
}

/* 1 when html parses as a log-in wall. */
static int wall(const char *html)
{
	struct ds_page p;
	int w;

	if (parse(html, NULL, "http://x.example/in/jane", &p) != 0)
		return -1;
	w = p.login_wall;
	ds_page_release(&p);
	return w;
}

/*
 * Log-in walls with no password field, from structure and wording: a
 * page that asks to sign in or join to see, links to a sign-in page and
 * shows almost nothing of its own; or says its content is private.  Not
 * a wall: a public profile with a "sign in to see more" box, an article
 * with a "log in to comment" line, a link whose text says "members
 * only", a "Log in" link in the navigation.
 */
static void test_login_wall_words(void)
{
	static const char nav[] = "<header><a href=/>Site</a> <a href=/login>"
				  "Sign in</a> <a href=/signup>Join now</a>"
				  "</header>";
	char page[4096];

	snprintf(page, sizeof(page), "%s<main><h1>Join Site to see Jane "
		 "Doe's profile</h1><p>Sign in to view the full profile, or "
		 "join now to connect.</p><p><a href='/login?next=/in/jane'>"
		 "Sign in</a></p></main><footer>Site 2026</footer>", nav);
	CHECK_INT(wall(page), 1);
	/* The same wording in other words and markup. */
	CHECK_INT(wall("<div><div>jane</div><div>Log in to see the photos and "
		       "videos Jane shares.</div><span><a href='https://x."
		       "example/accounts/log-in/'>Log In</a></span></div>"), 1);
	CHECK_INT(wall("<p>This account is private.</p><p>Follow to see "
		       "their posts.</p>"), 1);
	CHECK_INT(wall("<h1>Members only</h1><p>You must be logged in to "
		       "read this post.</p>"), 1);
	/* A social network's wall: log in or sign up to connect; and a
	 * profile whose content is only shown to members. */
	CHECK_INT(wall("<div><a href=/>Kinfolk</a></div><main><section><h1>"
		       "See more from Jane Doe</h1><p>Log in or sign up for "
		       "Kinfolk to connect with friends, family and people "
		       "you know.</p><p><a href=/login>Log in</a> <a href="
		       "/signup>Create new account</a></p></section></main>"),
		  1);
	CHECK_INT(wall("<main><section><h1>Sign in to view Jane's full "
		       "profile</h1><p>Jane's experience, skills and activity "
		       "are only shown to WorkWeave members.</p><p><a href="
		       "'/login?from=/in/jane'>Sign in</a></p></section>"
		       "</main><div class=legal>WorkWeave 2026, User "
		       "agreement, Privacy, Cookies and community rules</div>"),
		  1);
	/* A sign-in box in its own words: "See Jane's full profile",
	 * "See more from Jane on X", "Log in or create new account". */
	CHECK_INT(wall("<div><a href=/>Weave</a> <a href=/signin>Sign in</a>"
		       "</div><main><h1>Jane Doe</h1><p>Class Teacher at Oak "
		       "Academy \xc2\xb7 Leeds</p><div><h2>See Jane's full "
		       "profile</h2><p>Sign in or join Weave to view "
		       "experience, education and activity.</p><p><a href="
		       "/signin>Sign in</a></p></div></main><p>Weave "
		       "professional network (fictional)</p>"), 1);
	CHECK_INT(wall("<div><a href=/>Circle</a> <a href=/login>Log in</a>"
		       "</div><main><h1>Jane Doe</h1><p>Lives in Leeds. Works "
		       "at Oak Academy.</p><div><p>See more from Jane on "
		       "Circle.</p><p><a href=/login>Log in</a> or <a href="
		       "/signup>create new account</a></p></div></main><p>"
		       "Circle (fictional social network)</p>"), 1);
	CHECK_INT(wall("<header><a href=/>Grid</a><nav><a href=/login>Log in"
		       "</a></nav></header><main><h1>jane.d</h1><p>Leeds</p>"
		       "<section><h2>Private profile</h2><p>Only approved "
		       "followers can see these photos. Log in to ask to "
		       "follow.</p></section></main>"), 1);
	/* A public post that mentions a private account is no wall. */
	CHECK_INT(wall("<nav><a href=/login>Log in</a></nav><main><p>Moving "
		       "everything to my private account tomorrow, so last "
		       "chance to see the Year 6 leavers photos.</p></main>"),
		  0);
	/* Wording without a way to sign in is not enough. */
	CHECK_INT(wall("<p>Sign in to view the full profile.</p>"), 0);
	/* A public profile, with the box at its end. */
	snprintf(page, sizeof(page), "%s<main><h1>Jane Doe</h1><p>Teacher of "
		 "English at Oak Academy. Leeds, England. 312 connections.</p>"
		 "<h2>About</h2><p>English teacher who loves Victorian novels, "
		 "debating clubs and a well-made seating plan.</p><h2>"
		 "Experience</h2><p>Teacher of English, Oak Academy, 2022 to "
		 "now.</p><h2>Sign in to view the full profile</h2><p><a "
		 "href=/login>Sign in</a></p></main>", nav);
	CHECK_INT(wall(page), 0);
	/* An article with a comment box. */
	snprintf(page, sizeof(page), "%s<article><h1>Fair raises 2,000</h1>"
		 "<p>%s</p><p>Log in to comment on this story. <a "
		 "href=/login>Log in</a></p></article>", nav,
		 "The summer fair at Oak Academy raised two thousand pounds "
		 "for the library, with a tombola, a cake stall and a dog "
		 "show judged by the head teacher, who said the day was the "
		 "best the school had seen. Parents, staff and pupils ran "
		 "the stalls from nine until four, and the PTA thanked "
		 "everyone who baked, sold or simply came along.");
	CHECK_INT(wall(page), 0);
	/* Link text and navigation are not the page's own words. */
	CHECK_INT(wall("<nav><a href=/login>Log in</a></nav><h1>Hello</h1>"
		       "<p>I teach English and write.</p><p><a href=/members/"
		       "draft>Members only: chapter three</a></p>"), 0);
	CHECK_INT(wall("<nav><a href=/login>Log in</a></nav><h1>Maya</h1>"
		       "<p>Subscribe to see more.</p>"), 0);
}

/*
 * A page of n copies of open (where "%d" becomes the copy's number), then
 * text, then n copies of close, then a paragraph.
 */
static char *nested(size_t n, const char *open, const char *close,
		    size_t *len)
{
	size_t lc = strlen(close), size = n * (strlen(open) + lc + 8) + 64;
	const char *mark = strstr(open, "%d");
	size_t pre = mark ? (size_t)(mark - open) : strlen(open);
	size_t i, k = 0;
	char *s = malloc(size);

	if (!s)
		return NULL;
	for (i = 0; i < n; i++) {
		memcpy(s + k, open, pre);
		k += pre;
		if (mark)
			k += (size_t)snprintf(s + k, size - k, "%zu%s", i,
					      mark + 2);
	}
	memcpy(s + k, "deep", 4);
	k += 4;
	for (i = 0; i < n; i++, k += lc)
		memcpy(s + k, close, lc);
	memcpy(s + k, "<p>after</p>", 12);
	k += 12;
	*len = k;
	return s;
}

/*
 * Input that makes gumbo's tree builder quadratic in time or memory
 * (100000 nested divs take it half a minute; the paragraphs of italics
 * with distinct attributes, gigabytes) must come back quickly.
 */
static void test_deep_nesting(void)
{
	static const struct {
		const char *open, *close;
		size_t n;
	} cases[] = {
		{ "<div>", "</div>", 100000 },
		{ "<span>", "</span>", 20000 },
		{ "<b>", "</b>", 20000 },
		{ "<div><p><span>", "</span></p></div>", 20000 },
		{ "<table><tr><td>", "</td></tr></table>", 20000 },
		{ "<svg><g>", "</g></svg>", 20000 },
		{ "<a href=/%d><div>", "</div></a>", 20000 },
		{ "<p><i class=c%d>x</p>", "", 20000 },
		{ "<div><b id=%d></div>x", "", 20000 },
		{ "<b><i><u><s><em id=%d>", "</em>", 20000 },
	};
	struct ds_page p;
	struct ds_err err;
	size_t i, len;
	char *s;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = nested(cases[i].n, cases[i].open, cases[i].close, &len);
		REQUIRE(s);
		ds_err_init(&err);
		CHECK_INT(ds_page_parse(s, len, NULL, "https://x.org/", NULL,
					&p, &err), 0);
		CHECK(has_text(&p, "after"));
		CHECK(p.text && ds_utf8_valid(p.text, p.text_len));
		CHECK_INT(p.truncated, 1);
		ds_page_release(&p);
		free(s);
	}
}

static void test_hostile_tags(void)
{
	static const char nuls[] = "<p>a\0b</p><a h\0ref=x>\0</a><ti\0tle>"
				   "t\0</title>\0<a href='/\0'>n</a>";
	struct ds_page p;
	struct ds_err err;
	size_t n = 1 << 20, i, k;
	char *s = malloc(n * 8 + 64);

	REQUIRE(s);
	/* A megabyte attribute, in the description and the title. */
	k = (size_t)snprintf(s, 64, "<meta name=description content=\"");
	memset(s + k, 'x', n);
	k += n;
	k += (size_t)snprintf(s + k, 64, "\"><title>");
	memset(s + k, 'y', n);
	k += n;
	k += (size_t)snprintf(s + k, 64, "</title><p>body</p>");
	ds_err_init(&err);
	CHECK_INT(ds_page_parse(s, k, NULL, NULL, NULL, &p, &err), 0);
	CHECK(strlen(p.description) <= 4096 && strlen(p.description) > 1000);
	CHECK(strlen(p.title) <= 4096);
	CHECK_INT(p.truncated, 1);
	CHECK_STR(p.text, "body\n");
	ds_page_release(&p);

	/* 100000 attributes on one tag. */
	k = (size_t)snprintf(s, 64, "<div");
	for (i = 0; i < 100000; i++)
		k += (size_t)snprintf(s + k, 32, " a%zu", i);
	k += (size_t)snprintf(s + k, 64, " style='display:none'>x</div>y");
	CHECK_INT(ds_page_parse(s, k, NULL, NULL, NULL, &p, &err), 0);
	CHECK_STR(p.text, "x\ny\n");
	ds_page_release(&p);

	/* NUL bytes anywhere. */
	CHECK_INT(ds_page_parse(nuls, sizeof(nuls) - 1, NULL, "http://x.org/",
				NULL, &p, &err), 0);
	CHECK(has_text(&p, "a"));
	CHECK_INT(strlen(p.text), p.text_len);
	ds_page_release(&p);

	/* A megabyte link, a link of NULs. */
	k = (size_t)snprintf(s, 64, "<a href=\"/");
	memset(s + k, 'z', n);
	k += n;
	k += (size_t)snprintf(s + k, 64, "\">long</a>");
	CHECK_INT(ds_page_parse(s, k, NULL, "http://x.org/", NULL, &p, &err),
		  0);
	CHECK_INT(p.nlinks, 0);
	ds_page_release(&p);
	free(s);
}

/* A small deterministic generator for the garbage test. */
static uint32_t rnd(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}

static void test_garbage(void)
{
	static const char *const bits[] = {
		"<div>", "</div>", "<p>", "<a href='", "'>", "</a>", "<!--",
		"-->", "<script>", "</script>", "<table>", "<td>", "<svg>",
		"<title>", "<meta charset=", "\xff", "\xc3", "\xe9", "&amp;",
		"&#0;", "&#xd800;", " ", "\n", "\0", "<", ">", "\"", "=",
		"<base href=", "http://", "//", "../", "<template>", "<pre>",
		"<input type=password>", "<time datetime=2019-01-01>",
	};
	struct ds_page_limits lim;
	struct ds_page p;
	struct ds_err err;
	uint32_t st = 42;
	char s[8192];
	size_t n, k, b;
	int round, rc, ok = 1;

	ds_page_limits_default(&lim);
	lim.max_text = 300;
	lim.max_links = 5;
	lim.max_depth = 20;
	for (round = 0; round < 300; round++) {
		n = 0;
		while (n < sizeof(s) - 64) {
			if (rnd(&st) % 3 == 0) {
				s[n++] = (char)(rnd(&st) & 0xff);
				continue;
			}
			b = rnd(&st) % (sizeof(bits) / sizeof(bits[0]));
			k = strlen(bits[b]);
			if (!k)
				k = 1;  /* the NUL byte */
			memcpy(s + n, bits[b], k);
			n += k;
		}
		ds_err_init(&err);
		rc = ds_page_parse(s, n, round % 2 ? NULL : "text/html",
				   "http://x.org/a/", round % 3 ? &lim : NULL,
				   &p, &err);
		if (rc != 0 || !ds_utf8_valid(p.text, p.text_len) ||
		    !ds_utf8_valid(p.title, strlen(p.title)) ||
		    strlen(p.text) != p.text_len ||
		    (round % 3 && p.text_len > lim.max_text))
			ok = 0;
		ds_page_release(&p);
	}
	CHECK(ok);
}

static void test_truncation(void)
{
	struct ds_page_limits lim;
	struct ds_page p;
	struct ds_err err;
	const char *page = "<title>T</title><p>\xc3\xa9\xc3\xa9\xc3\xa9 "
			   "\xc3\xa9\xc3\xa9</p><p>second</p>";
	size_t i;

	ds_page_limits_default(&lim);
	ds_err_init(&err);

	/* Nothing cut: not truncated. */
	REQUIRE(ds_page_parse(page, strlen(page), NULL, NULL, &lim, &p,
			      &err) == 0);
	CHECK_INT(p.truncated, 0);
	CHECK_INT(p.cut, 0);
	ds_page_release(&p);

	/* max_text cuts on a character boundary, with room for '\n'. */
	for (i = 0; i < 22; i++) {
		lim.max_text = i;
		REQUIRE(ds_page_parse(page, strlen(page), NULL, NULL, &lim, &p,
				      &err) == 0);
		CHECK(p.text_len <= i);
		CHECK(ds_utf8_valid(p.text, p.text_len));
		CHECK_INT(p.truncated, i < 19);
		CHECK_INT(p.cut, i < 19 ? DS_PAGE_CUT_TEXT : 0);
		CHECK(p.text_len == 0 || p.text[p.text_len - 1] == '\n');
		ds_page_release(&p);
	}
	lim.max_text = 6;
	REQUIRE(ds_page_parse(page, strlen(page), NULL, NULL, &lim, &p,
			      &err) == 0);
	CHECK_STR(p.text, "\xc3\xa9\xc3\xa9\n");
	ds_page_release(&p);

	/* max_input cuts the bytes, even inside a character. */
	ds_page_limits_default(&lim);
	lim.max_input = 22;
	REQUIRE(ds_page_parse(page, strlen(page), NULL, NULL, &lim, &p,
			      &err) == 0);
	CHECK_INT(p.truncated, 1);
	CHECK_INT(p.cut, DS_PAGE_CUT_INPUT);
	CHECK_STR(p.charset, "utf-8");
	CHECK_STR(p.text, "\xc3\xa9\n");
	ds_page_release(&p);

	/* max_depth stops the walk: html, body, then the divs. */
	ds_page_limits_default(&lim);
	lim.max_depth = 5;
	page = "<div><div><div>deep</div></div></div><p>top</p>";
	REQUIRE(ds_page_parse(page, strlen(page), NULL, NULL, &lim, &p,
			      &err) == 0);
	CHECK_STR(p.text, "deep\ntop\n");
	CHECK_INT(p.truncated, 0);
	CHECK_INT(p.cut, 0);
	ds_page_release(&p);
	lim.max_depth = 4;
	REQUIRE(ds_page_parse(page, strlen(page), NULL, NULL, &lim, &p,
			      &err) == 0);
	CHECK_STR(p.text, "top\n");
	CHECK_INT(p.truncated, 1);
	CHECK_INT(p.cut, DS_PAGE_CUT_DEPTH);
	ds_page_release(&p);
}

/*
 * A page past the default limits says which limit cut its text: one
 * nested 300 deep (max_depth 256) and one with 1.5 MB of text in 2 MB of
 * HTML (max_text 1 MiB).  A page that only loses links past max_links is
 * truncated but has all its text.
 */
static void test_cut_defaults(void)
{
	struct ds_page p;
	struct buf b;
	size_t i;

	buf_init(&b, (size_t)4 << 20);
	for (i = 0; i < 300; i++)
		REQUIRE(buf_add(&b, "<div>", 5) == 0);
	REQUIRE(buf_add(&b, "buried words", 12) == 0);
	for (i = 0; i < 300; i++)
		REQUIRE(buf_add(&b, "</div>", 6) == 0);
	REQUIRE(buf_add(&b, "<p>shallow words</p>", 20) == 0);
	REQUIRE(buf_add(&b, "", 1) == 0);
	REQUIRE(parse(b.ptr, NULL, NULL, &p) == 0);
	CHECK_INT(p.cut, DS_PAGE_CUT_DEPTH);
	CHECK_INT(p.truncated, 1);
	CHECK(strstr(p.text, "shallow words") != NULL);
	CHECK(strstr(p.text, "buried words") == NULL);
	ds_page_release(&p);

	buf_reset(&b);
	while (b.len < (size_t)2 << 20)
		REQUIRE(buf_add(&b, "<p>a line of words</p>", 22) == 0);
	REQUIRE(buf_add(&b, "<p>the last line</p>", 20) == 0);
	REQUIRE(buf_add(&b, "", 1) == 0);
	REQUIRE(parse(b.ptr, NULL, NULL, &p) == 0);
	CHECK_INT(p.cut, DS_PAGE_CUT_TEXT);
	CHECK_INT(p.truncated, 1);
	CHECK(p.text_len <= (size_t)1 << 20);
	CHECK(strstr(p.text, "the last line") == NULL);
	ds_page_release(&p);

	buf_reset(&b);
	for (i = 0; i < 600; i++)
		REQUIRE(buf_addf(&b, "<a href=\"/l/%zu\">l</a>", i) == 0);
	REQUIRE(buf_add(&b, "", 1) == 0);
	REQUIRE(parse(b.ptr, NULL, "http://x.example/", &p) == 0);
	CHECK_INT(p.truncated, 1);
	CHECK_INT(p.cut, 0);
	ds_page_release(&p);
	buf_release(&b);
}

static void test_enomem(void)
{
	const char *page = "<html lang=en><head><title>T</title>"
			   "<meta name=description content=d>"
			   "<link rel=canonical href=/c>"
			   "<base href=/b/></head><body><p>caf\xe9</p>"
			   "<a href=x>1</a><a href=../y>2</a><a href=/z>3</a>"
			   "<time datetime=2019-01-01></time></body></html>";
	struct ds_page p;
	struct ds_err err;
	unsigned long n, made;
	int rc, bad = 0;

	for (n = 1; n < 1000; n++) {
		ds_mem_fail_at(n);
		ds_err_init(&err);
		rc = ds_page_parse(page, strlen(page), NULL, "http://x.org/a/",
				   NULL, &p, &err);
		made = ds_mem_fail_at(0);
		if (rc == DS_ENOMEM) {
			if (p.text || p.title || p.links || err.code != rc)
				bad++;
			continue;
		}
		/* A failure must not be swallowed. */
		if (rc != 0 || made >= n)
			bad++;
		ds_page_release(&p);
		if (made < n)
			break;
	}
	CHECK_INT(bad, 0);
	CHECK(n > 5 && n < 1000);
}

/* Word counts for the quality test: an open-addressing hash. */
struct words {
	char **key;
	size_t *count;
	size_t size, used;
};

static uint64_t word_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;

	while (n--) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

/* The slot of word s[0..n) (lowercase), found or free. */
static size_t words_slot(struct words *w, const char *s, size_t n)
{
	size_t h = (size_t)word_hash(s, n) & (w->size - 1);

	while (w->key[h] && (strlen(w->key[h]) != n ||
			     memcmp(w->key[h], s, n) != 0))
		h = (h + 1) & (w->size - 1);
	return h;
}

static int words_add(struct words *w, const char *s, size_t n)
{
	size_t h, i, old = w->size;
	char **key = w->key;
	size_t *count = w->count;

	if ((w->used + 1) * 2 > w->size) {
		w->size = old ? old * 2 : 1024;
		w->key = calloc(w->size, sizeof(*w->key));
		w->count = calloc(w->size, sizeof(*w->count));
		if (!w->key || !w->count)
			return -1;
		for (i = 0; i < old; i++) {
			if (!key[i])
				continue;
			h = words_slot(w, key[i], strlen(key[i]));
			w->key[h] = key[i];
			w->count[h] = count[i];
		}
		free(key);
		free(count);
	}
	h = words_slot(w, s, n);
	if (!w->key[h]) {
		w->key[h] = strndup(s, n);
		if (!w->key[h])
			return -1;
		w->used++;
	}
	w->count[h]++;
	return 0;
}

static void words_free(struct words *w)
{
	size_t i;

	for (i = 0; i < w->size; i++)
		free(w->key[i]);
	free(w->key);
	free(w->count);
	memset(w, 0, sizeof(*w));
}

/*
 * Call fn for each word of s: a run of ASCII letters and digits,
 * lowercased in place in buf.
 */
static int each_word(const char *s, int (*fn)(void *, const char *, size_t),
		     void *arg)
{
	char word[64];
	size_t n;
	int c;

	for (;;) {
		while (*s && !((*s >= 'a' && *s <= 'z') ||
			       (*s >= 'A' && *s <= 'Z') ||
			       (*s >= '0' && *s <= '9')))
			s++;
		if (!*s)
			return 0;
		for (n = 0; (c = (unsigned char)*s) &&
		     ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9')); s++)
			if (n < sizeof(word))
				word[n++] = (char)(c >= 'A' && c <= 'Z' ?
						   c + 32 : c);
		if (fn(arg, word, n) < 0)
			return -1;
	}
}

static int add_word(void *arg, const char *s, size_t n)
{
	return words_add(arg, s, n);
}

struct recall {
	struct words *have;
	size_t found, total;
};

/* Count an article word as found while the page has one left. */
static int match_word(void *arg, const char *s, size_t n)
{
	struct recall *r = arg;
	size_t h = words_slot(r->have, s, n);

	r->total++;
	if (r->have->key[h] && r->have->count[h] > 0) {
		r->have->count[h]--;
		r->found++;
	}
	return 0;
}

/*
 * On each real page, the share of the article's words that the visible
 * text holds (token recall, counting repeats): at least 0.9 on every page
 * and 0.97 on average.  (All the visible text is kept, so recall is near
 * 1; a drop means text is being lost.)
 */
static void test_corpus_quality(void)
{
	char dir[4096], path[4400];
	json_t *gt, *v;
	json_error_t jerr;
	const char *id, *body, *url;
	struct ds_page p;
	struct ds_err err;
	struct words have;
	struct recall r;
	double rec, sum = 0, min = 1;
	size_t len, pages = 0, low = 0;
	const char *why;
	char *html;

	if (pages_dir(dir, sizeof(dir), &why) < 0) {
		/* The data set is there but was not unpacked: the harness
		 * is broken, which is a failure, not a skip. */
		CHECK(strcmp(why, "the corpus in ../shared is not unpacked"));
		SKIP("no page corpus (../shared/data/pages; run tests/pages.sh "
		     "or set DS_PAGES_DIR)");
	}
	snprintf(path, sizeof(path), "%s/ground-truth.json", dir);
	gt = json_load_file(path, 0, &jerr);
	REQUIRE(gt && json_is_object(gt));
	json_object_foreach(gt, id, v) {
		body = json_string_value(json_object_get(v, "articleBody"));
		url = json_string_value(json_object_get(v, "url"));
		snprintf(path, sizeof(path), "%s/html/%s.html", dir, id);
		html = read_file(path, &len);
		CHECK(html && body && url);
		if (!html || !body || !url) {
			free(html);
			continue;
		}
		ds_err_init(&err);
		CHECK_INT(ds_page_parse(html, len, NULL, url, NULL, &p, &err),
			  0);
		memset(&have, 0, sizeof(have));
		memset(&r, 0, sizeof(r));
		r.have = &have;
		CHECK(p.text && each_word(p.text, add_word, &have) == 0);
		if (have.size)
			each_word(body, match_word, &r);
		rec = r.total ? (double)r.found / (double)r.total : 1;
		if (rec < 0.9) {
			low++;
			printf("# low recall %.3f: %s\n", rec, id);
		}
		if (rec < min)
			min = rec;
		sum += rec;
		pages++;
		words_free(&have);
		ds_page_release(&p);
		free(html);
	}
	json_decref(gt);
	REQUIRE(pages > 0);
	printf("# token recall over %zu pages: average %.3f, lowest %.3f\n",
	       pages, sum / (double)pages, min);
	CHECK_INT(low, 0);
	CHECK(sum / (double)pages >= 0.97);
}

int main(void)
{
	RUN(test_limits_default);
	RUN(test_empty);
	RUN(test_metadata);
	RUN(test_published);
	RUN(test_hidden_text);
	RUN(test_whitespace);
	RUN(test_links);
	RUN(test_links_cap);
	RUN(test_charset_header);
	RUN(test_charset_meta);
	RUN(test_charset_undeclared);
	RUN(test_charset_utf16);
	RUN(test_charset_unknown);
	RUN(test_login_wall);
	RUN(test_login_wall_words);
	RUN(test_deep_nesting);
	RUN(test_hostile_tags);
	RUN(test_garbage);
	RUN(test_truncation);
	RUN(test_cut_defaults);
	RUN(test_enomem);
	RUN(test_corpus_quality);
	return check_summary();
}
