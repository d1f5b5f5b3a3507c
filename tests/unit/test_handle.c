/*
 * test_handle.c: per-platform handles and personal URLs, and above all
 * that nothing a handle holds can reach a URL as a host, a path, a query,
 * a fragment, a user name, an escape or a control character.
 */
#include <string.h>

#include "check.h"
#include "err.h"
#include "handle.h"

/* 1 when msg holds no byte outside printable ASCII. */
static int printable(const char *msg)
{
	for (; *msg; msg++)
		if (*msg < 0x20 || *msg >= 0x7f)
			return 0;
	return 1;
}

/* 1 when platform takes handle and writes want; says why when not. */
static int good(const char *platform, const char *handle, const char *want)
{
	char out[DS_HANDLE_MAX + 1];
	struct ds_err err;
	int ret;

	ds_err_init(&err);
	memset(out, 'x', sizeof(out));
	ret = ds_handle_normalise(platform, handle, out, sizeof(out), &err);
	if (ret != 0) {
		fprintf(stderr, "  %s '%s' refused: %s\n", platform, handle,
			err.msg);
		return 0;
	}
	if (strcmp(out, want) != 0) {
		fprintf(stderr, "  %s '%s' gave '%s', want '%s'\n", platform,
			handle, out, want);
		return 0;
	}
	return err.code == 0 && err.msg[0] == '\0';
}

/*
 * 1 when platform refuses handle with DS_EDATA, an empty output and a
 * printable one-line message that starts "bad ".
 */
static int bad(const char *platform, const char *handle)
{
	char out[DS_HANDLE_MAX + 1];
	struct ds_err err;
	int ret;

	ds_err_init(&err);
	memset(out, 'x', sizeof(out));
	ret = ds_handle_normalise(platform, handle, out, sizeof(out), &err);
	if (ret != DS_EDATA) {
		fprintf(stderr, "  %s '%s' gave %d '%s'\n", platform, handle,
			ret, ret ? "" : out);
		return 0;
	}
	if (out[0] != '\0' || !printable(err.msg) ||
	    strncmp(err.msg, "bad ", 4) != 0 || strlen(err.msg) > 300) {
		fprintf(stderr, "  %s: bad message '%s'\n", platform,
			err.msg);
		return 0;
	}
	return 1;
}

/* The message for a refused handle. */
static const char *why(const char *platform, const char *handle)
{
	static struct ds_err err;
	char out[DS_HANDLE_MAX + 1];

	ds_err_init(&err);
	if (ds_handle_normalise(platform, handle, out, sizeof(out), &err) == 0)
		return "(accepted)";
	return err.msg;
}

static void test_platform_list(void)
{
	const struct ds_platform *p = ds_platforms();
	size_t n;

	for (n = 0; p[n].name; n++) {
		CHECK(p[n].title && p[n].title[0]);
		CHECK(p[n].rule && p[n].rule[0]);
		CHECK(ds_platform_find(p[n].name) == &p[n]);
	}
	CHECK_INT(n, 14);
	CHECK_STR(ds_platform_find("x")->name, "x");
	CHECK(ds_platform_find("X") == ds_platform_find("x"));
	CHECK(ds_platform_find("twitter") == ds_platform_find("x"));
	CHECK(ds_platform_find("TWITTER") == ds_platform_find("x"));
	CHECK_STR(ds_platform_find("InstaGram")->name, "instagram");
	CHECK(ds_platform_find("myspace") == NULL);
	CHECK(ds_platform_find("") == NULL);
	CHECK(ds_platform_find("x ") == NULL);
	CHECK(ds_platform_find(NULL) == NULL);
}

static void test_unknown_platform(void)
{
	char out[64];
	struct ds_err err;

	ds_err_init(&err);
	CHECK_INT(ds_handle_normalise("myspace", "tom", out, sizeof(out),
				      &err), DS_EDATA);
	CHECK_STR(err.msg, "unknown platform 'myspace': use one of x, "
		  "instagram, threads, facebook, tiktok, linkedin, youtube, "
		  "github, reddit, pinterest, snapchat, mastodon, bluesky, "
		  "url");
	CHECK_INT(ds_handle_normalise("my\x1bspace", "tom", out, sizeof(out),
				      &err), DS_EDATA);
	CHECK(strncmp(err.msg, "unknown platform 'my?space'", 27) == 0);
	CHECK_INT(ds_handle_normalise(NULL, "tom", out, sizeof(out), &err),
		  DS_EDATA);
	CHECK(good("Twitter", "@Jack", "jack"));
}

/* Every platform refuses what would change the shape of a URL. */
static void test_smuggling(void)
{
	static const char *const attacks[] = {
		"a/b", "a?x=1", "a#b", "a%2fb", "a b", "a\n", "../x",
		"a\r", "a\tb", "a\\b", "a:b", "a;b", "a&b=c", "a\"b", "a'b",
		"a<b>", "a\x7f", "a\xc2\x85", "\xc3\xa9t\xc3\xa9", "a\x1b[0m",
		"", "@", "/", "..", "%41bc", "abc%", "abc/", "/abc", "?abc",
		"#abc", "abc\xe2\x80\xa8", "jane\357\274\217x",
		"//evil.com",
	};
	const struct ds_platform *p = ds_platforms();
	size_t i, j;

	for (i = 0; p[i].name; i++)
		for (j = 0; j < sizeof(attacks) / sizeof(attacks[0]); j++)
			if (!bad(p[i].name, attacks[j]))
				CHECK(!"attack accepted");
	for (i = 0; p[i].name; i++)
		if (strcmp(p[i].name, "mastodon") != 0)
			CHECK(bad(p[i].name, "a@evil.com"));
	for (i = 0; p[i].name; i++)
		if (strcmp(p[i].name, "url") != 0)
			CHECK(bad(p[i].name, "http://evil.com/"));
	CHECK_STR(why("x", "a/b"), "bad x handle 'a/b': "
		  "use 1-15 letters, digits or '_'");
	CHECK_STR(why("x", "a@evil.com"), "bad x handle 'a@evil.com': "
		  "use 1-15 letters, digits or '_'");
	CHECK_STR(why("x", "a\n"), "bad x handle 'a?': "
		  "use 1-15 letters, digits or '_'");
}

/* A long hostile handle is quoted only in part, and safely. */
static void test_long_input(void)
{
	static char big[DS_HANDLE_MAX * 2];
	const char *msg;

	memset(big, 'a', sizeof(big) - 1);
	big[100] = '\x1b';
	big[sizeof(big) - 1] = '\0';
	CHECK(bad("x", big));
	msg = why("x", big);
	CHECK(strlen(msg) < 160);
	CHECK(strstr(msg, "...'") != NULL);
	CHECK(bad("url", big));
	CHECK(bad("mastodon", big));
	CHECK(bad("bluesky", big));
	big[100] = 'a';
	CHECK(bad("linkedin", big));
	big[DS_HANDLE_MAX] = '\0';
	CHECK(bad("reddit", big));
}

static void test_small_output(void)
{
	char out[5];
	struct ds_err err;

	ds_err_init(&err);
	memset(out, 'x', sizeof(out));
	CHECK_INT(ds_handle_normalise("x", "@Jack", out, 4, &err), DS_EDATA);
	CHECK_STR(out, "");
	CHECK(strstr(err.msg, "larger buffer") != NULL);
	CHECK_INT(ds_handle_normalise("x", "jack", NULL, 0, &err), DS_EDATA);
	CHECK_INT(ds_handle_normalise("x", "jack", out, 5, &err), 0);
	CHECK_STR(out, "jack");
	CHECK_INT(ds_handle_normalise("x", NULL, out, 5, &err), DS_EDATA);
	CHECK_STR(out, "");
}

static void test_x(void)
{
	CHECK(good("x", "@Jack_Dorsey", "jack_dorsey"));
	CHECK(good("x", "a", "a"));
	CHECK(good("x", "ABCDEFGHIJ12345", "abcdefghij12345"));
	CHECK(bad("x", "ABCDEFGHIJ123456"));
	CHECK(bad("x", "@"));
	CHECK(bad("x", "@@jack"));
	CHECK(bad("x", "ja.ck"));
	CHECK(bad("x", "ja-ck"));
	CHECK(bad("x", "jack@"));
}

static void test_instagram_threads(void)
{
	CHECK(good("instagram", "Jane.Doe_1", "jane.doe_1"));
	CHECK(good("instagram", "_", "_"));
	CHECK(good("threads", "Jane.Doe", "jane.doe"));
	CHECK(bad("instagram", ".jane"));
	CHECK(bad("instagram", "jane."));
	CHECK(bad("instagram", "ja..ne"));
	CHECK(bad("instagram", "@jane"));
	CHECK(bad("instagram", "ja-ne"));
	CHECK(bad("instagram", "abcdefghijklmnopqrstuvwxyz12345"));
	CHECK(good("instagram", "abcdefghijklmnopqrstuvwxyz1234",
		   "abcdefghijklmnopqrstuvwxyz1234"));
	CHECK(bad("threads", "jane..doe"));
	CHECK(bad("threads", "."));
}

static void test_facebook(void)
{
	CHECK(good("facebook", "Jane.Smith.5", "jane.smith.5"));
	CHECK(good("facebook", "abcde", "abcde"));
	CHECK(bad("facebook", "abcd"));
	CHECK(bad("facebook", "jane_smith"));
	CHECK(bad("facebook", "jane-smith"));
	CHECK(bad("facebook", "abcdefghijabcdefghijabcdefghijabcdefghij"
		  "abcdefghijk"));
}

static void test_tiktok(void)
{
	CHECK(good("tiktok", "@Jane.Doe_", "jane.doe_"));
	CHECK(good("tiktok", "ab", "ab"));
	CHECK(bad("tiktok", "a"));
	CHECK(bad("tiktok", "@a"));
	CHECK(bad("tiktok", "jane-doe"));
	CHECK(bad("tiktok", ".."));
	CHECK(good("tiktok", "a.", "a."));
	CHECK(bad("tiktok", "abcdefghijabcdefghijabcde"));
}

static void test_linkedin(void)
{
	CHECK(good("linkedin", "Jane-Smith-12345", "jane-smith-12345"));
	CHECK(bad("linkedin", "ab"));
	CHECK(bad("linkedin", "jane_smith"));
	CHECK(bad("linkedin", "in/jane"));
	CHECK(bad("linkedin", "@jane"));
}

static void test_youtube(void)
{
	CHECK(good("youtube", "@Jane-Doe.TV_", "jane-doe.tv_"));
	CHECK(good("youtube", "abc", "abc"));
	CHECK(bad("youtube", "..."));
	CHECK(bad("youtube", "ab"));
	CHECK(bad("youtube", "@ab"));
	CHECK(bad("youtube", "jane doe"));
	CHECK(bad("youtube", "abcdefghijabcdefghijabcdefghijk"));
}

static void test_github(void)
{
	CHECK(good("github", "Octo-Cat", "octo-cat"));
	CHECK(good("github", "a", "a"));
	CHECK(bad("github", "-octo"));
	CHECK(bad("github", "octo-"));
	CHECK(bad("github", "oc--to"));
	CHECK(bad("github", "octo_cat"));
	CHECK(bad("github", "@octocat"));
	CHECK(bad("github", "abcdefghijabcdefghijabcdefghijabcdefghij"));
	CHECK(good("github", "abcdefghijabcdefghijabcdefghijabcdefghi",
		   "abcdefghijabcdefghijabcdefghijabcdefghi"));
}

static void test_reddit(void)
{
	CHECK(good("reddit", "u/Jane_Doe-1", "Jane_Doe-1"));
	CHECK(good("reddit", "Spez", "Spez"));
	CHECK(bad("reddit", "ab"));
	CHECK(bad("reddit", "u/ab"));
	CHECK(bad("reddit", "/u/jane"));
	CHECK(bad("reddit", "r/jane"));
	CHECK(bad("reddit", "u/u/jane"));
	CHECK(bad("reddit", "jane.doe"));
	CHECK(bad("reddit", "abcdefghijabcdefghijk"));
}

static void test_pinterest(void)
{
	CHECK(good("pinterest", "Jane_Doe", "jane_doe"));
	CHECK(bad("pinterest", "ab"));
	CHECK(bad("pinterest", "jane.doe"));
	CHECK(bad("pinterest", "jane-doe"));
}

static void test_snapchat(void)
{
	CHECK(good("snapchat", "Jane.Doe-1", "jane.doe-1"));
	CHECK(good("snapchat", "a_b", "a_b"));
	CHECK(bad("snapchat", "1jane"));
	CHECK(bad("snapchat", "_jane"));
	CHECK(bad("snapchat", "@jane"));
	CHECK(bad("snapchat", "ab"));
	CHECK(bad("snapchat", "abcdefghijabcdef"));
}

static void test_mastodon(void)
{
	CHECK(good("mastodon", "@Alice@Mastodon.Social",
		   "Alice@mastodon.social"));
	CHECK(good("mastodon", "bob_1@hachyderm.io", "bob_1@hachyderm.io"));
	CHECK(good("mastodon", "a@xn--bcher-kva.example",
		   "a@xn--bcher-kva.example"));
	CHECK(bad("mastodon", "user@127.0.0.1"));
	CHECK(bad("mastodon", "user@evil.com/path"));
	CHECK(bad("mastodon", "user@evil.com?x=1"));
	CHECK(bad("mastodon", "user@evil.com#x"));
	CHECK(bad("mastodon", "user@evil.com:8080"));
	CHECK(bad("mastodon", "user@localhost"));
	CHECK(bad("mastodon", "user@[::1]"));
	CHECK(bad("mastodon", "user@0x7f.0x1"));
	CHECK(bad("mastodon", "user@evil.com."));
	CHECK(bad("mastodon", "user@x..org"));
	CHECK(bad("mastodon", "user@-x.org"));
	CHECK(bad("mastodon", "user@x-.org"));
	CHECK(bad("mastodon", "user@x_y.org"));
	CHECK(bad("mastodon", "user@evil.com@good.org"));
	CHECK(bad("mastodon", "@@user@x.org"));
	CHECK(bad("mastodon", "us.er@x.org"));
	CHECK(bad("mastodon", "us er@x.org"));
	CHECK(bad("mastodon", "alice"));
	CHECK(bad("mastodon", "@alice"));
	CHECK(bad("mastodon", "alice@"));
	CHECK(bad("mastodon", "@x.org"));
	CHECK(bad("mastodon", "alice@social"));
	CHECK(bad("mastodon", "abcdefghijabcdefghijabcdefghijk@x.org"));
	CHECK_STR(why("mastodon", "user@127.0.0.1"),
		  "bad mastodon handle 'user@127.0.0.1': use user@server "
		  "with a user of 1-30 letters, digits or '_' and a server "
		  "name such as mastodon.social");
}

static void test_bluesky(void)
{
	char label[80], host[300];
	size_t i;

	CHECK(good("bluesky", "@Jane.BSky.Social", "jane.bsky.social"));
	CHECK(good("bluesky", "jane-doe.example.org", "jane-doe.example.org"));
	CHECK(bad("bluesky", "jane"));
	CHECK(bad("bluesky", "jane.bsky.social."));
	CHECK(bad("bluesky", ".jane.bsky.social"));
	CHECK(bad("bluesky", "-jane.bsky.social"));
	CHECK(bad("bluesky", "jane..bsky.social"));
	CHECK(bad("bluesky", "did:plc:abc"));
	CHECK(bad("bluesky", "1.2.3.4"));
	CHECK(bad("bluesky", "jane.123"));
	CHECK(bad("bluesky", "jane.0x1f"));
	CHECK(bad("bluesky", "@@jane.bsky.social"));

	/* Labels of up to 63 bytes; names of up to 253. */
	memset(label, 'a', 63);
	memcpy(label + 63, ".org", 5);
	CHECK(good("bluesky", label, label));
	memset(label, 'a', 64);
	memcpy(label + 64, ".org", 5);
	CHECK(bad("bluesky", label));
	for (i = 0; i < 252; i += 2)
		memcpy(host + i, "a.", 2);
	host[251] = 'b';
	host[252] = 'c';
	host[253] = '\0';
	CHECK(good("bluesky", host, host));
	host[253] = 'd';
	host[254] = '\0';
	CHECK(bad("bluesky", host));
}

static void test_url_good(void)
{
	char long_url[DS_HANDLE_MAX + 2];
	size_t n;

	CHECK(good("url", "HTTPS://Example.ORG/blog#frag",
		   "https://example.org/blog"));
	CHECK(good("url", "http://example.org", "http://example.org/"));
	CHECK(good("url", "https://example.org:443/x",
		   "https://example.org/x"));
	CHECK(good("url", "http://example.org:80/", "http://example.org/"));
	CHECK(good("url", "http://example.org:443/",
		   "http://example.org:443/"));
	CHECK(good("url", "https://jane.example.co.uk/a/b?x=1&y=2",
		   "https://jane.example.co.uk/a/b?x=1&y=2"));
	CHECK(good("url", "https://example.org/a/../b",
		   "https://example.org/b"));
	CHECK(good("url", "https://example.org/caf%C3%A9",
		   "https://example.org/caf%C3%A9"));

	/* 2048 bytes are allowed, 2049 are not. */
	n = strlen("https://example.org/");
	memcpy(long_url, "https://example.org/", n);
	memset(long_url + n, 'a', DS_HANDLE_MAX - n);
	long_url[DS_HANDLE_MAX] = '\0';
	CHECK(good("url", long_url, long_url));
	long_url[DS_HANDLE_MAX] = 'a';
	long_url[DS_HANDLE_MAX + 1] = '\0';
	CHECK(bad("url", long_url));
	CHECK(strstr(why("url", long_url), "use at most 2048 bytes") != NULL);
}

static void test_url_bad(void)
{
	static const char *const urls[] = {
		"http://user:pw@host/", "http://user:pw@example.org/",
		"http://user@example.org/", "https://@example.org/",
		"https://:pw@example.org/", "http://example.org\\@evil.com/",
		"http://evil.com%2f@example.org/", "ftp://x.org",
		"ftp://example.org/", "file:///etc/passwd",
		"javascript:alert(1)", "data:text/html,x", "//example.org/",
		"example.org", "https:/example.org/", "https:///example.org/",
		"http://", "https://", "http:///", "http://127.0.0.1/",
		"http://127.1/", "http://0x7f000001/", "http://0x7f.0x1/",
		"http://2130706433/", "http://10.0.0.1:80/", "http://[::1]/",
		"http://[::ffff:127.0.0.1]/", "http://[fe80::1%25eth0]/",
		"http://localhost/", "http://LOCALHOST:80/",
		"http://foo.localhost/", "https://example.org:8080/",
		"https://example.org:0/", "https://example.org:65536/",
		"https://example.org:80:80/", "http://x/",
		"http://ex%41mple.org/", "http://exa mple.org/",
		"http://example.org/a b", "http://example.org/\x01",
		"http://example.org/\xc3\xa9", "http://example.org/<script>",
		"http://example.org./", "http://-example.org/",
		"http://example..org/", "http://exam_ple.org/",
		" http://example.org/", "http://example.org/\n",
	};
	size_t i;

	for (i = 0; i < sizeof(urls) / sizeof(urls[0]); i++)
		if (!bad("url", urls[i]))
			CHECK(!"url accepted");
	CHECK_STR(why("url", "http://user:pw@host/"),
		  "bad url 'http://user:pw@host/': "
		  "remove the user name and password");
	CHECK_STR(why("url", "ftp://x.org"),
		  "bad url 'ftp://x.org': "
		  "use an address starting with http:// or https://");
	CHECK_STR(why("url", "http://127.0.0.1/"),
		  "bad url 'http://127.0.0.1/': "
		  "use a host name, not an IP address");
	CHECK_STR(why("url", "http://[::1]/"),
		  "bad url 'http://[::1]/': "
		  "use a host name, not an IP address");
	CHECK_STR(why("url", "http://localhost/"),
		  "bad url 'http://localhost/': "
		  "use a public host name, not localhost");
	CHECK_STR(why("url", "https://example.org:8080/"),
		  "bad url 'https://example.org:8080/': "
		  "leave out the port or use 80 or 443");
	CHECK_STR(why("url", "javascript:alert(1)"),
		  "bad url 'javascript:alert(1)': "
		  "use an address starting with http:// or https://");
}

/* The username a forum's member address ends in; the same host. */
static void test_url_user(void)
{
	char u[16];

	CHECK_INT(ds_url_user("http://talk.test/members/GemT_Fennick", u,
			      sizeof(u)), 1);
	CHECK_STR(u, "GemT_Fennick");
	CHECK_INT(ds_url_user("https://r.test/u/DockyardCraig/?tab=1", u,
			      sizeof(u)), 1);
	CHECK_STR(u, "DockyardCraig");
	CHECK_INT(ds_url_user("http://blog.test/2024/my-post", u,
			      sizeof(u)), 0);
	CHECK_INT(ds_url_user("http://talk.test/members/ab", u, sizeof(u)),
		  0);
	CHECK_INT(ds_url_user("http://talk.test/members/a_very_long_name_1",
			      u, sizeof(u)), 0);
	CHECK_INT(ds_url_user("http://talk.test/u/", u, sizeof(u)), 0);
	CHECK_INT(ds_url_user("talk.test/members/someone", u, sizeof(u)), 0);
	CHECK_INT(ds_url_same_host("http://Talk.test/a", "https://talk.test"),
		  1);
	CHECK_INT(ds_url_same_host("http://talk.test:8080/a",
				   "http://talk.test/a"), 0);
	CHECK_INT(ds_url_same_host("http://talk.test.evil/a",
				   "http://talk.test/a"), 0);
	CHECK_INT(ds_url_same_host("ftp://talk.test/a", "ftp://talk.test/a"),
		  0);
	CHECK_INT(ds_url_same_host(NULL, "http://talk.test/a"), 0);
}

int main(void)
{
	RUN(test_platform_list);
	RUN(test_unknown_platform);
	RUN(test_smuggling);
	RUN(test_long_input);
	RUN(test_small_output);
	RUN(test_x);
	RUN(test_instagram_threads);
	RUN(test_facebook);
	RUN(test_tiktok);
	RUN(test_linkedin);
	RUN(test_youtube);
	RUN(test_github);
	RUN(test_reddit);
	RUN(test_pinterest);
	RUN(test_snapchat);
	RUN(test_mastodon);
	RUN(test_bluesky);
	RUN(test_url_good);
	RUN(test_url_bad);
	RUN(test_url_user);
	return check_summary();
}
