/*
 * handle.c: declared social-media handles and personal URLs.
 *
 * Each platform has a rule: the characters, lengths and shapes its handles
 * may take.  Everything is plain ASCII checked by hand, so no handle can
 * carry a '/', '?', '#', '%', '@', space or control character into a URL
 * built from it.  The "url" platform is parsed with libcurl's URL API and
 * kept to http and https on a named host.
 */
#include <string.h>

#include <curl/curl.h>

#include "connector.h"
#include "err.h"
#include "handle.h"
#include "sitelist.h"

/* At most this many bytes of a refused value are quoted in a message. */
#define ECHO_MAX 64

/* The longest DNS name and label (RFC 1035). */
#define HOST_MAX 253
#define LABEL_MAX 63

/* The longest user part of a Mastodon address. */
#define MASTODON_USER_MAX 30

enum {
	P_X,
	P_INSTAGRAM,
	P_THREADS,
	P_FACEBOOK,
	P_TIKTOK,
	P_LINKEDIN,
	P_YOUTUBE,
	P_GITHUB,
	P_REDDIT,
	P_PINTEREST,
	P_SNAPCHAT,
	P_MASTODON,
	P_BLUESKY,
	P_URL,
	P_COUNT
};

/* What host_check thinks of a host name. */
enum {
	HOST_OK = 0,
	HOST_BAD = -1,          /* not a DNS name */
	HOST_NUMERIC = -2       /* shaped like an IPv4 address */
};

/*
 * How one platform's handles are checked.  normalise gets the handle s of
 * n bytes (s[n] is the NUL; n may be DS_HANDLE_MAX + 1 for input that is
 * too long) and writes the normalised handle to out, which holds
 * DS_HANDLE_MAX + 1 bytes.  It returns 0, DS_ENOMEM or DS_EDATA; on
 * DS_EDATA it may point *fix at advice better than "use <rule>".
 */
struct handle_rule {
	const char *what;       /* the noun in messages: "x handle" */
	int (*normalise)(const struct handle_rule *r, const char *s,
			 size_t n, char *out, const char **fix);
	size_t min, max;        /* length in bytes after the prefix */
	const char *punct;      /* allowed besides ASCII letters and digits */
	const char *no_edge;    /* may not start or end a handle */
	const char *no_double;  /* may not appear twice in a row */
	const char *prefix;     /* stripped once when present: "@", "u/" */
	int lower;              /* 1: case-insensitive, written lowercase */
	int first_letter;       /* 1: must start with a letter */
};

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alnum(int c)
{
	return is_alpha(c) || is_digit(c);
}

static int is_xdigit(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static char to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* 1 when c is one of the characters of set (never for the NUL). */
static int in_set(char c, const char *set)
{
	return c != '\0' && set && strchr(set, c);
}

/* ASCII-only strcasecmp, so the locale cannot change what matches. */
static int equal_ci(const char *a, const char *b)
{
	while (*a && to_lower(*a) == to_lower(*b)) {
		a++;
		b++;
	}
	return to_lower(*a) == to_lower(*b);
}

/* 1 when s[0..n) starts with prefix, ignoring ASCII case. */
static int prefix_ci(const char *s, size_t n, const char *prefix)
{
	size_t i, len = strlen(prefix);

	if (n < len)
		return 0;
	for (i = 0; i < len; i++)
		if (to_lower(s[i]) != to_lower(prefix[i]))
			return 0;
	return 1;
}

/*
 * Copy s into out[ECHO_MAX + 4] for quoting in a message: printable ASCII
 * is kept, any other byte becomes '?', and a long value is cut at
 * ECHO_MAX bytes and ends in "...".
 */
static void echo_safe(char out[ECHO_MAX + 4], const char *s)
{
	size_t o = 0;

	if (!s)
		s = "";
	for (; *s && o < ECHO_MAX; s++)
		out[o++] = *s >= 0x20 && *s < 0x7f ? *s : '?';
	if (*s) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}

/*
 * Check that s[0..n) is a DNS host name (labels of 1-63 letters, digits
 * or '-' not at either end, at least two labels, at most 253 bytes, no
 * trailing dot) and write it lowercased to out[n + 1].  A name whose last
 * label is a number, decimal or 0x hex, is HOST_NUMERIC: resolvers and
 * browsers read such names as IPv4 addresses.
 */
static int host_check(const char *s, size_t n, char *out)
{
	size_t i, start = 0, last = 0, labels = 0;

	if (n < 1 || n > HOST_MAX)
		return HOST_BAD;
	for (i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			if (i - start < 1 || i - start > LABEL_MAX ||
			    s[start] == '-' || s[i - 1] == '-')
				return HOST_BAD;
			last = start;
			labels++;
			start = i + 1;
			if (i < n)
				out[i] = '.';
			continue;
		}
		if (!is_alnum(s[i]) && s[i] != '-')
			return HOST_BAD;
		out[i] = to_lower(s[i]);
	}
	out[n] = '\0';
	if (labels < 2)
		return HOST_BAD;
	i = last;
	if (n - last >= 2 && out[last] == '0' && out[last + 1] == 'x')
		for (i = last + 2; i < n && is_xdigit(out[i]); i++)
			;
	else
		for (; i < n && is_digit(out[i]); i++)
			;
	return i == n ? HOST_NUMERIC : HOST_OK;
}

/*
 * The rule of most platforms: an optional prefix, then min-max letters,
 * digits and the rule's punctuation, with the rule's limits on the first,
 * last and repeated characters.  A handle made only of dots is refused on
 * every platform: ".." in a path would climb out of it.
 */
static int simple_normalise(const struct handle_rule *r, const char *s,
			    size_t n, char *out, const char **fix)
{
	size_t i, plen = r->prefix ? strlen(r->prefix) : 0;

	(void)fix;
	if (plen && n >= plen && memcmp(s, r->prefix, plen) == 0) {
		s += plen;
		n -= plen;
	}
	if (n < r->min || n > r->max)
		return DS_EDATA;
	if (strspn(s, ".") == n)
		return DS_EDATA;
	if (r->first_letter && !is_alpha(s[0]))
		return DS_EDATA;
	if (in_set(s[0], r->no_edge) || in_set(s[n - 1], r->no_edge))
		return DS_EDATA;
	for (i = 0; i < n; i++) {
		if (!is_alnum(s[i]) && !in_set(s[i], r->punct))
			return DS_EDATA;
		if (i > 0 && s[i] == s[i - 1] && in_set(s[i], r->no_double))
			return DS_EDATA;
		out[i] = r->lower ? to_lower(s[i]) : s[i];
	}
	out[n] = '\0';
	return 0;
}

/*
 * A Mastodon address user@server, written with or without one leading
 * '@'.  The user keeps its case; the server is a DNS name, lowercased.
 */
static int mastodon_normalise(const struct handle_rule *r, const char *s,
			      size_t n, char *out, const char **fix)
{
	const char *at;
	size_t i, ulen;

	(void)r;
	(void)fix;
	if (n > 0 && s[0] == '@') {
		s++;
		n--;
	}
	if (n > MASTODON_USER_MAX + 1 + HOST_MAX)
		return DS_EDATA;
	at = memchr(s, '@', n);
	if (!at)
		return DS_EDATA;
	ulen = (size_t)(at - s);
	if (ulen < 1 || ulen > MASTODON_USER_MAX)
		return DS_EDATA;
	for (i = 0; i < ulen; i++) {
		if (!is_alnum(s[i]) && s[i] != '_')
			return DS_EDATA;
		out[i] = s[i];
	}
	out[ulen] = '@';
	if (host_check(at + 1, n - ulen - 1, out + ulen + 1) != HOST_OK)
		return DS_EDATA;
	return 0;
}

/* A Bluesky handle: a DNS name, written with or without a leading '@'. */
static int bluesky_normalise(const struct handle_rule *r, const char *s,
			     size_t n, char *out, const char **fix)
{
	(void)r;
	(void)fix;
	if (n > 0 && s[0] == '@') {
		s++;
		n--;
	}
	return host_check(s, n, out) == HOST_OK ? 0 : DS_EDATA;
}

/*
 * 1 for the characters RFC 3986 allows in a URL: unreserved, reserved and
 * '%'.  Spaces, controls, quotes, '\\', '<', '>' and non-ASCII bytes are
 * not among them, so no other parser can read the URL differently.
 */
static int url_char(char c)
{
	return is_alnum(c) || in_set(c, "-._~:/?#[]@!$&'()*+,;=%");
}

/*
 * Checks made on the text before libcurl sees it: the scheme, the
 * character set, and an authority part that is a plain host with an
 * optional port (no user name, no %XX escapes, not empty).  Returns the
 * advice for the user, or NULL when the text passes.
 */
static const char *url_precheck(const char *s, size_t n)
{
	size_t i, skip, alen;

	if (n > DS_HANDLE_MAX)
		return "use at most 2048 bytes";
	if (prefix_ci(s, n, "http://"))
		skip = strlen("http://");
	else if (prefix_ci(s, n, "https://"))
		skip = strlen("https://");
	else
		return "use an address starting with http:// or https://";
	for (i = 0; i < n; i++)
		if (!url_char(s[i]))
			return "write spaces and other special characters "
			       "as %XX";
	alen = strcspn(s + skip, "/?#");
	if (alen == 0)
		return "put a host name after the //";
	if (memchr(s + skip, '@', alen))
		return "remove the user name and password";
	if (memchr(s + skip, '%', alen))
		return "write the host name without %XX escapes";
	return NULL;
}

/*
 * Check the host libcurl found and write it lowercased into lower (which
 * holds DS_HANDLE_MAX + 1 bytes).  Returns advice or NULL when it is a
 * public DNS name.
 */
static const char *url_host_check(const char *host, char *lower)
{
	size_t n = strlen(host);
	const char *dot;

	if (host[0] == '[')
		return "use a host name, not an IP address";
	if (n > HOST_MAX)
		return "use a host name such as example.org";
	switch (host_check(host, n, lower)) {
	case HOST_OK:
		break;
	case HOST_NUMERIC:
		return "use a host name, not an IP address";
	default:
		if (equal_ci(host, "localhost"))
			return "use a public host name, not localhost";
		return "use a host name such as example.org";
	}
	dot = strrchr(lower, '.');
	if (dot && strcmp(dot, ".localhost") == 0)
		return "use a public host name, not localhost";
	return NULL;
}

/* DS_ENOMEM for libcurl's out-of-memory code, else DS_EDATA. */
static int curl_code(CURLUcode uc)
{
	return uc == CURLUE_OUT_OF_MEMORY ? DS_ENOMEM : DS_EDATA;
}

/*
 * An absolute http or https URL on a named host, without user name or
 * password and with no port but 80 or 443.  The normalised form is
 * libcurl's re-serialisation with the scheme and host lowercased, a port
 * that is the scheme's default dropped, and the fragment dropped.
 */
static int url_normalise(const struct handle_rule *r, const char *s,
			 size_t n, char *out, const char **fix)
{
	char lower[DS_HANDLE_MAX + 1];
	char *scheme = NULL, *host = NULL, *port = NULL, *url = NULL;
	char *user = NULL, *password = NULL;
	CURLU *h = NULL;
	CURLUcode uc;
	int ret = DS_EDATA;
	size_t len;

	(void)r;
	*fix = url_precheck(s, n);
	if (*fix)
		goto out;
	h = curl_url();
	if (!h) {
		ret = DS_ENOMEM;
		goto out;
	}
	uc = curl_url_set(h, CURLUPART_URL, s, CURLU_DISALLOW_USER);
	if (uc) {
		if (uc == CURLUE_USER_NOT_ALLOWED)
			*fix = "remove the user name and password";
		ret = curl_code(uc);
		goto out;
	}

	/* Ask again what libcurl parsed, in case it read more than we did. */
	uc = curl_url_get(h, CURLUPART_SCHEME, &scheme, 0);
	if (uc) {
		ret = curl_code(uc);
		goto out;
	}
	if (strcmp(scheme, "http") != 0 && strcmp(scheme, "https") != 0) {
		*fix = "use an address starting with http:// or https://";
		goto out;
	}
	uc = curl_url_get(h, CURLUPART_USER, &user, 0);
	if (uc != CURLUE_NO_USER) {
		*fix = "remove the user name and password";
		ret = uc ? curl_code(uc) : DS_EDATA;
		goto out;
	}
	uc = curl_url_get(h, CURLUPART_PASSWORD, &password, 0);
	if (uc != CURLUE_NO_PASSWORD) {
		*fix = "remove the user name and password";
		ret = uc ? curl_code(uc) : DS_EDATA;
		goto out;
	}
	uc = curl_url_get(h, CURLUPART_HOST, &host, 0);
	if (uc) {
		ret = curl_code(uc);
		goto out;
	}
	*fix = url_host_check(host, lower);
	if (*fix)
		goto out;
	uc = curl_url_get(h, CURLUPART_PORT, &port, 0);
	if (uc && uc != CURLUE_NO_PORT) {
		ret = curl_code(uc);
		goto out;
	}
	if (port && strcmp(port, "80") != 0 && strcmp(port, "443") != 0) {
		*fix = "leave out the port or use 80 or 443";
		goto out;
	}

	/* Set the normalised parts and let libcurl write the URL. */
	uc = curl_url_set(h, CURLUPART_HOST, lower, 0);
	if (!uc && port && strcmp(port, scheme[4] == 's' ? "443" : "80") == 0)
		uc = curl_url_set(h, CURLUPART_PORT, NULL, 0);
	if (!uc)
		uc = curl_url_set(h, CURLUPART_FRAGMENT, NULL, 0);
	if (!uc)
		uc = curl_url_get(h, CURLUPART_URL, &url, 0);
	if (uc) {
		ret = curl_code(uc);
		goto out;
	}
	len = strlen(url);
	if (len > DS_HANDLE_MAX) {
		*fix = "use at most 2048 bytes";
		goto out;
	}
	memcpy(out, url, len + 1);
	ret = 0;

out:
	curl_free(url);
	curl_free(port);
	curl_free(host);
	curl_free(password);
	curl_free(user);
	curl_free(scheme);
	curl_url_cleanup(h);
	return ret;
}

static const struct ds_platform platforms[P_COUNT + 1] = {
	[P_X] = {
		.name = "x",
		.title = "X (Twitter)",
		.rule = "1-15 letters, digits or '_'",
	},
	[P_INSTAGRAM] = {
		.name = "instagram",
		.title = "Instagram",
		.rule = "1-30 letters, digits, '.' or '_', not starting or "
			"ending with '.' and without '..'",
	},
	[P_THREADS] = {
		.name = "threads",
		.title = "Threads",
		.rule = "1-30 letters, digits, '.' or '_', not starting or "
			"ending with '.' and without '..'",
	},
	[P_FACEBOOK] = {
		.name = "facebook",
		.title = "Facebook",
		.rule = "5-50 letters, digits or '.'",
	},
	[P_TIKTOK] = {
		.name = "tiktok",
		.title = "TikTok",
		.rule = "2-24 letters, digits, '.' or '_'",
	},
	[P_LINKEDIN] = {
		.name = "linkedin",
		.title = "LinkedIn",
		.rule = "3-100 letters, digits or '-' (the part after /in/)",
	},
	[P_YOUTUBE] = {
		.name = "youtube",
		.title = "YouTube",
		.rule = "3-30 letters, digits, '.', '_' or '-'",
	},
	[P_GITHUB] = {
		.name = "github",
		.title = "GitHub",
		.rule = "1-39 letters, digits or '-', not starting or ending "
			"with '-' and without '--'",
	},
	[P_REDDIT] = {
		.name = "reddit",
		.title = "Reddit",
		.rule = "3-20 letters, digits, '_' or '-'",
	},
	[P_PINTEREST] = {
		.name = "pinterest",
		.title = "Pinterest",
		.rule = "3-30 letters, digits or '_'",
	},
	[P_SNAPCHAT] = {
		.name = "snapchat",
		.title = "Snapchat",
		.rule = "3-15 letters, digits, '.', '_' or '-', starting "
			"with a letter",
	},
	[P_MASTODON] = {
		.name = "mastodon",
		.title = "Mastodon",
		.rule = "user@server with a user of 1-30 letters, digits or "
			"'_' and a server name such as mastodon.social",
	},
	[P_BLUESKY] = {
		.name = "bluesky",
		.title = "Bluesky",
		.rule = "a domain name such as jane.bsky.social",
	},
	[P_URL] = {
		.name = "url",
		.title = "Personal web address",
		.rule = "an http:// or https:// address on a named host, "
			"without a user name or password and with no port "
			"but 80 or 443",
	},
	[P_COUNT] = { .name = NULL },
};

static const struct handle_rule rules[P_COUNT] = {
	[P_X] = {
		.what = "x handle",
		.normalise = simple_normalise,
		.min = 1, .max = 15,
		.punct = "_",
		.prefix = "@",
		.lower = 1,
	},
	[P_INSTAGRAM] = {
		.what = "instagram handle",
		.normalise = simple_normalise,
		.min = 1, .max = 30,
		.punct = "._",
		.no_edge = ".",
		.no_double = ".",
		.lower = 1,
	},
	[P_THREADS] = {
		.what = "threads handle",
		.normalise = simple_normalise,
		.min = 1, .max = 30,
		.punct = "._",
		.no_edge = ".",
		.no_double = ".",
		.lower = 1,
	},
	[P_FACEBOOK] = {
		.what = "facebook handle",
		.normalise = simple_normalise,
		.min = 5, .max = 50,
		.punct = ".",
		.lower = 1,
	},
	[P_TIKTOK] = {
		.what = "tiktok handle",
		.normalise = simple_normalise,
		.min = 2, .max = 24,
		.punct = "._",
		.prefix = "@",
		.lower = 1,
	},
	[P_LINKEDIN] = {
		.what = "linkedin handle",
		.normalise = simple_normalise,
		.min = 3, .max = 100,
		.punct = "-",
		.lower = 1,
	},
	[P_YOUTUBE] = {
		.what = "youtube handle",
		.normalise = simple_normalise,
		.min = 3, .max = 30,
		.punct = "._-",
		.prefix = "@",
		.lower = 1,
	},
	[P_GITHUB] = {
		.what = "github handle",
		.normalise = simple_normalise,
		.min = 1, .max = 39,
		.punct = "-",
		.no_edge = "-",
		.no_double = "-",
		.lower = 1,
	},
	[P_REDDIT] = {
		.what = "reddit handle",
		.normalise = simple_normalise,
		.min = 3, .max = 20,
		.punct = "_-",
		.prefix = "u/",
	},
	[P_PINTEREST] = {
		.what = "pinterest handle",
		.normalise = simple_normalise,
		.min = 3, .max = 30,
		.punct = "_",
		.lower = 1,
	},
	[P_SNAPCHAT] = {
		.what = "snapchat handle",
		.normalise = simple_normalise,
		.min = 3, .max = 15,
		.punct = "._-",
		.lower = 1,
		.first_letter = 1,
	},
	[P_MASTODON] = {
		.what = "mastodon handle",
		.normalise = mastodon_normalise,
	},
	[P_BLUESKY] = {
		.what = "bluesky handle",
		.normalise = bluesky_normalise,
	},
	[P_URL] = {
		.what = "url",
		.normalise = url_normalise,
	},
};

/* Other names people use for a platform. */
static const struct {
	const char *alias;
	int index;
} aliases[] = {
	{ .alias = "twitter", .index = P_X },
	{ .alias = "fediverse", .index = P_MASTODON },
	{ .alias = "bsky", .index = P_BLUESKY },
	{ .alias = "website", .index = P_URL },
	{ .alias = "personal website", .index = P_URL },
	{ .alias = "personal site", .index = P_URL },
	{ .alias = "blog", .index = P_URL },
};

const struct ds_platform *ds_platforms(void)
{
	return platforms;
}

const struct ds_platform *ds_platform_find(const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; i < P_COUNT; i++)
		if (equal_ci(name, platforms[i].name))
			return &platforms[i];
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		if (equal_ci(name, aliases[i].alias))
			return &platforms[aliases[i].index];
	return NULL;
}

/* The message for a platform name we do not know, listing those we do. */
static int unknown_platform(const char *name, struct ds_err *err)
{
	char echo[ECHO_MAX + 4], list[DS_ERR_MSG_MAX];
	size_t i, len = 0, n;

	list[0] = '\0';
	for (i = 0; i < P_COUNT; i++) {
		n = strlen(platforms[i].name);
		if (len + n + 3 > sizeof(list))
			break;
		if (i) {
			memcpy(list + len, ", ", 2);
			len += 2;
		}
		memcpy(list + len, platforms[i].name, n + 1);
		len += n;
	}
	echo_safe(echo, name);
	return ds_err_set(err, DS_EDATA, "unknown platform '%s': use one of %s",
			  echo, list);
}

int ds_handle_normalise(const char *platform, const char *handle, char *out,
			size_t outsize, struct ds_err *err)
{
	char norm[DS_HANDLE_MAX + 1], echo[ECHO_MAX + 4];
	const struct ds_platform *p;
	const struct handle_rule *r;
	const char *fix = NULL;
	size_t n;
	int ret;

	if (out && outsize)
		out[0] = '\0';
	p = ds_platform_find(platform);
	if (!p)
		return unknown_platform(platform, err);
	r = &rules[p - platforms];
	if (!handle)
		handle = "";
	n = strnlen(handle, DS_HANDLE_MAX + 1);
	ret = r->normalise(r, handle, n, norm, &fix);
	if (ret == DS_ENOMEM)
		return ds_err_set(err, ret, "out of memory checking %s",
				  r->what);
	if (ret) {
		echo_safe(echo, handle);
		if (fix)
			return ds_err_set(err, DS_EDATA, "bad %s '%s': %s",
					  r->what, echo, fix);
		return ds_err_set(err, DS_EDATA, "bad %s '%s': use %s",
				  r->what, echo, p->rule);
	}
	n = strlen(norm);
	if (!out || n >= outsize)
		return ds_err_set(err, DS_EDATA,
				  "%s needs %zu bytes, the buffer has %zu: "
				  "pass a larger buffer", r->what, n + 1,
				  outsize);
	memcpy(out, norm, n + 1);
	return 0;
}

/* ---- any platform: the site list and the connectors' metadata -------- */

/* The handles of sites and connector platforms that have no own rule. */
#define SITE_HANDLE_MAX 100
#define DIST_MAX 64             /* bytes of a name the distance looks at */

/*
 * The site rule: one leading '@' dropped, then 1-100 letters, digits,
 * '.', '_' or '-', not only dots; case is kept (some sites care).
 */
static const struct handle_rule site_rule = {
	.what = "handle",
	.normalise = simple_normalise,
	.min = 1, .max = SITE_HANDLE_MAX,
	.punct = "._-",
	.prefix = "@",
};

size_t ds_edit_distance(const char *a, const char *b)
{
	size_t row[DIST_MAX + 1], i, j, la, lb, diag, up;

	la = strnlen(a, DIST_MAX);
	lb = strnlen(b, DIST_MAX);
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		diag = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			up = row[j];
			row[j] = diag + (to_lower(a[i - 1]) !=
					 to_lower(b[j - 1]));
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
		}
	}
	return row[lb];
}

/* The three known names nearest a name, for the message. */
struct nearest {
	const char *name[3];
	size_t dist[3];
	size_t n;
};

static void nearest_add(struct nearest *nr, const char *want,
			const char *name)
{
	size_t d = ds_edit_distance(want, name), i, k;

	for (i = 0; i < nr->n; i++)
		if (equal_ci(nr->name[i], name))
			return;
	for (i = 0; i < nr->n && nr->dist[i] <= d; i++)
		;
	if (i >= 3)
		return;
	for (k = nr->n < 3 ? nr->n : 2; k > i; k--) {
		nr->name[k] = nr->name[k - 1];
		nr->dist[k] = nr->dist[k - 1];
	}
	nr->name[i] = name;
	nr->dist[i] = d;
	if (nr->n < 3)
		nr->n++;
}

/* "unknown platform 'P': the closest are A, B or C: ..." */
static int unknown_any(const char *name, const struct ds_sitelist *sites,
		       struct ds_err *err)
{
	char echo[ECHO_MAX + 4], list[3 * (ECHO_MAX + 8)];
	const struct ds_connector *c;
	struct nearest nr = { .n = 0 };
	size_t i, k, len = 0;

	for (i = 0; i < P_COUNT; i++)
		nearest_add(&nr, name, platforms[i].name);
	for (i = 0; i < sizeof(aliases) / sizeof(aliases[0]); i++)
		nearest_add(&nr, name, aliases[i].alias);
	for (i = 0; sites && i < sites->nsites; i++)
		if (strlen(sites->sites[i].name) <= DS_PLATFORM_NAME_MAX)
			nearest_add(&nr, name, sites->sites[i].name);
	for (i = 0; (c = ds_connector_at(i)); i++)
		for (k = 0; c->platforms && c->platforms[k]; k++)
			if (strcmp(c->platforms[k], DS_PLATFORM_ANY) != 0)
				nearest_add(&nr, name, c->platforms[k]);
	list[0] = '\0';
	for (i = 0; i < nr.n; i++) {
		echo_safe(echo, nr.name[i]);
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
					i == 0 ? "" : i + 1 == nr.n ? " or " :
					", ", echo);
	}
	echo_safe(echo, name);
	return ds_err_set(err, DS_EDATA, "unknown platform '%s': the closest "
			  "are %s ('duesearch handle platforms' lists them; "
			  "give any other profile's address with --url)", echo,
			  list);
}

/* Normalise under a rule into out->handle; messages name the platform. */
static int apply_rule(const struct handle_rule *r, const char *pname,
		      const char *rule_text, const char *handle,
		      struct ds_handle_decl *out, struct ds_err *err)
{
	char norm[DS_HANDLE_MAX + 1], echo[ECHO_MAX + 4], pecho[ECHO_MAX + 4];
	const char *fix = NULL;
	size_t n = strnlen(handle, DS_HANDLE_MAX + 1);
	int ret;

	ret = r->normalise(r, handle, n, norm, &fix);
	if (ret == DS_ENOMEM)
		return ds_err_set(err, ret, "out of memory checking a handle");
	if (ret) {
		echo_safe(echo, handle);
		echo_safe(pecho, pname);
		return ds_err_set(err, DS_EDATA, "bad %s handle '%s': %s%s",
				  pecho, echo, fix ? "" : "use ",
				  fix ? fix : rule_text);
	}
	memcpy(out->handle, norm, strlen(norm) + 1);
	return 0;
}

/* Keep url (a personal site or any profile's address) as a "url". */
static int as_url(const char *url, struct ds_handle_decl *out,
		  struct ds_err *err)
{
	memcpy(out->platform, "url", 4);
	return ds_handle_normalise("url", url, out->handle,
				   sizeof(out->handle), err);
}

/*
 * The account in a site's profile address, when url (normalised) is one
 * made from tmpl: the text between what comes before and after
 * {account}, scheme and ASCII case aside.  Writes it to acc (size bytes).
 */
static int account_from(const char *tmpl, const char *url, char *acc,
			size_t size)
{
	const char *at = tmpl ? strstr(tmpl, "{account}") : NULL;
	const char *suffix, *u = url, *t = tmpl;
	size_t i, plen, slen, ulen, alen;

	if (!at || strstr(at + 9, "{account}"))
		return 0;
	/* http and https name the same profile. */
	if (prefix_ci(t, strlen(t), "https://"))
		t += 8;
	else if (prefix_ci(t, strlen(t), "http://"))
		t += 7;
	if (prefix_ci(u, strlen(u), "https://"))
		u += 8;
	else if (prefix_ci(u, strlen(u), "http://"))
		u += 7;
	if (at < t)
		return 0;
	plen = (size_t)(at - t);
	suffix = at + 9;
	slen = strlen(suffix);
	ulen = strlen(u);
	/* A trailing '/' after the account is the same page. */
	if (slen == 0 && ulen > 0 && u[ulen - 1] == '/')
		ulen--;
	if (ulen < plen + slen + 1)
		return 0;
	for (i = 0; i < plen; i++)
		if (to_lower(u[i]) != to_lower(t[i]))
			return 0;
	if (slen && strncmp(u + ulen - slen, suffix, slen) != 0)
		return 0;
	alen = ulen - slen - plen;
	if (alen >= size)
		return 0;
	memcpy(acc, u + plen, alen);
	acc[alen] = '\0';
	return strcspn(acc, "/?#%&=") == alen;
}

/* The site of the list called name (ASCII case aside), or NULL. */
static const struct ds_site *site_named(const struct ds_sitelist *sites,
					const char *name)
{
	size_t i;

	for (i = 0; sites && i < sites->nsites; i++)
		if (equal_ci(sites->sites[i].name, name))
			return &sites->sites[i];
	return NULL;
}

int ds_handle_resolve(const char *platform, const char *handle,
		      const char *url, const struct ds_sitelist *sites,
		      struct ds_handle_decl *out, struct ds_err *err)
{
	char acc[SITE_HANDLE_MAX + 2], pecho[ECHO_MAX + 4];
	const struct ds_connector *c = NULL;
	const struct ds_platform *p;
	const struct ds_site *site;
	size_t k;
	int exact = 0, rc;

	memset(out, 0, sizeof(*out));
	if (handle && !*handle)
		handle = NULL;
	if (url && !*url)
		url = NULL;
	if (!handle && !url)
		return ds_err_set(err, DS_EDATA, "give the handle with "
				  "--handle or the profile's address with "
				  "--url");
	p = platform && *platform ? ds_platform_find(platform) :
	    &platforms[P_URL];
	if (p == &platforms[P_URL])
		return as_url(url ? url : handle, out, err);
	if (p) {
		if (!handle) {
			c = ds_connector_for_platform(p->name, &exact);
			if (c && (c->flags & DS_CONN_MANUAL))
				return ds_err_set(err, DS_EDATA, "%s "
						  "profiles are checked by "
						  "hand: give the handle with "
						  "--handle", p->title);
			return as_url(url, out, err);
		}
		/*
		 * A platform only the site list reads, missing from the list
		 * in use: the address, when given, can still be read.
		 */
		c = ds_connector_for_platform(p->name, &exact);
		if (url && sites && !exact && !site_named(sites, p->name))
			return as_url(url, out, err);
		memcpy(out->platform, p->name, strlen(p->name) + 1);
		return ds_handle_normalise(p->name, handle, out->handle,
					   sizeof(out->handle), err);
	}
	site = site_named(sites, platform);
	if (site) {
		echo_safe(pecho, site->name);
		if (strlen(site->name) > DS_PLATFORM_NAME_MAX)
			return url ? as_url(url, out, err) :
			       ds_err_set(err, DS_EDATA, "the site name '%s' "
			       	"is "
					  "longer than %d bytes: give the "
					  "profile's address with --url", pecho,
					  DS_PLATFORM_NAME_MAX);
		memcpy(out->platform, site->name, strlen(site->name) + 1);
		if (handle)
			return apply_rule(&site_rule, site->name,
					  "1-100 letters, digits, '.', '_' or "
					  "'-'", handle, out, err);
		rc = as_url(url, out, err);
		if (rc)
			return rc;
		if (account_from(site->uri_pretty, out->handle, acc,
				 sizeof(acc)) ||
		    account_from(site->uri_check, out->handle, acc,
				 sizeof(acc))) {
			memcpy(out->platform, site->name,
			       strlen(site->name) + 1);
			return apply_rule(&site_rule, site->name,
					  "1-100 letters, digits, '.', '_' or "
					  "'-'", acc, out, err);
		}
		return 0;       /* not its profile address: a page */
	}
	c = ds_connector_for_platform(platform, &exact);
	if (c && exact && handle) {
		for (k = 0; c->platforms[k]; k++)
			if (equal_ci(c->platforms[k], platform))
				break;
		memcpy(out->platform, c->platforms[k],
		       strlen(c->platforms[k]) + 1);
		return apply_rule(&site_rule, c->platforms[k], "1-100 "
				  "letters, digits, '.', '_' or '-'", handle,
				  out, err);
	}
	if (url)
		return as_url(url, out, err);
	return unknown_any(platform, sites, err);
}

int ds_url_user(const char *url, char *user, size_t size)
{
	static const char *const folders[] = {
		"/members/", "/member/", "/users/", "/user/", "/u/",
		"/profile/", "/profiles/", "/people/", NULL
	};
	const char *p = url ? strstr(url, "://") : NULL, *e, *b;
	size_t k;

	if (!p || !(p = strchr(p + 3, '/')))
		return 0;
	e = p + strcspn(p, "?#");
	while (e > p && e[-1] == '/')
		e--;
	for (b = e; b > p && b[-1] != '/'; b--)
		;
	if (e - b < 3 || (size_t)(e - b) >= size)
		return 0;
	for (k = 0; folders[k]; k++) {
		size_t n = strlen(folders[k]);

		if ((size_t)(b - p) >= n &&
		    memcmp(b - n, folders[k], n) == 0)
			break;
	}
	if (!folders[k])
		return 0;
	memcpy(user, b, (size_t)(e - b));
	user[e - b] = '\0';
	return 1;
}

/* The host of an http(s) address and its length (port included). */
static const char *url_host(const char *url, size_t *n)
{
	const char *p;

	if (!url)
		return NULL;
	if (prefix_ci(url, strlen(url), "http://"))
		p = url + 7;
	else if (prefix_ci(url, strlen(url), "https://"))
		p = url + 8;
	else
		return NULL;
	*n = strcspn(p, "/?#");
	return *n ? p : NULL;
}

int ds_url_same_host(const char *a, const char *b)
{
	size_t na, nb, i;
	const char *ha = url_host(a, &na), *hb = url_host(b, &nb);

	if (!ha || !hb || na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (to_lower(ha[i]) != to_lower(hb[i]))
			return 0;
	return 1;
}
