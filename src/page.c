/*
 * page.c: the visible text, links and facts of a fetched HTML page.
 *
 * The bytes are decoded first.  The charset comes from a byte order mark,
 * the Content-Type header, a <meta> in the first 4 KiB, or a guess (UTF-8
 * when the bytes are valid UTF-8, else windows-1252), and anything but
 * valid UTF-8 is converted with iconv.  Valid UTF-8, the common case, goes
 * to gumbo as it is, without a copy.
 *
 * gumbo's tree builder slows down quadratically with the depth of its
 * stack of open elements and with the number of attributes on one tag, so
 * a quick scan of the tags first (nest_guard) blanks out the start tags
 * that would nest deeper than the walk can use, and the attributes past
 * the 256th of a tag.  Then one iterative walk over the tree collects the
 * visible text, the links and the metadata.  Nothing is allocated per
 * node: the text goes into one buffer, the metadata are pointers into the
 * tree until they are copied out at the end.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>
#include <gumbo.h>

#include "buf.h"
#include "err.h"
#include "mem.h"
#include "page.h"
#include "text.h"

#define PRESCAN_MAX 4096        /* bytes searched for a <meta> charset */
#define META_MAX 4096           /* bytes kept of the title, description */
#define LANG_MAX 64             /* bytes kept of the lang attribute */
#define URL_MAX 8192            /* longer links are dropped */
#define URL_BUF_MAX (URL_MAX * 3 + 64)
#define NEST_SLACK 256          /* open elements allowed past max_depth */
#define ATTR_MAX 256            /* attributes kept on one tag */

_Static_assert(GUMBO_TAG_LAST < 256, "tag numbers must fit a byte");

void ds_page_limits_default(struct ds_page_limits *lim)
{
	lim->max_input = (size_t)8 << 20;
	lim->max_text = (size_t)1 << 20;
	lim->max_links = 500;
	lim->max_depth = 256;
}

/* HTML's ASCII whitespace. */
static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int is_alpha(int c)
{
	c |= 0x20;
	return c >= 'a' && c <= 'z';
}

static int is_alnum(int c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static int to_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/*
 * 1 when s[0..n) starts with lit, ignoring ASCII case; lit is lowercase.
 * A NUL-terminated s may pass SIZE_MAX for n: its NUL never matches.
 */
static int ci_starts(const char *s, size_t n, const char *lit)
{
	size_t i;

	for (i = 0; lit[i]; i++)
		if (i >= n || to_lower((unsigned char)s[i]) != lit[i])
			return 0;
	return 1;
}

/* 1 when s[0..n) is lit, ignoring ASCII case; lit is lowercase. */
static int ci_equal(const char *s, size_t n, const char *lit)
{
	return strlen(lit) == n && ci_starts(s, n, lit);
}

/* Index of the first "-->" in s[i..n), or n (memmem is not POSIX). */
static size_t find_comment_end(const char *s, size_t n, size_t i)
{
	const char *p;

	while (i + 3 <= n) {
		p = memchr(s + i, '-', n - i - 2);
		if (!p)
			break;
		i = (size_t)(p - s);
		if (s[i + 1] == '-' && s[i + 2] == '>')
			return i;
		i++;
	}
	return n;
}

/* Whitespace as text folds it: ASCII spaces, C0 controls and DEL. */
static int fold_space(const unsigned char *p)
{
	return *p <= 0x20 || *p == 0x7f || (*p == 0xc2 && p[1] == 0xa0);
}

/* How many bytes fold_space(p) covers: two for U+00A0, else one. */
static size_t fold_space_len(const unsigned char *p)
{
	return *p == 0xc2 ? 2 : 1;
}

/*
 * The longest prefix of valid UTF-8 s no longer than n bytes that ends on
 * a character boundary; s[n] must be readable.
 */
static size_t utf8_cut(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return n;
}

/* The shared decoder's length of the sequence at s (see text.h). */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t *bad,
		       int *cut)
{
	unsigned long cp;

	return ds_utf8_seq((const char *)s, n, &cp, bad, cut);
}

/*
 * Length of the longest well-formed UTF-8 prefix of s[0..n).  ASCII, most
 * of any page, is checked eight bytes at a time.  *cut is 1 when what
 * follows the prefix is a sequence cut short by the end of the input.
 */
static size_t utf8_prefix(const unsigned char *s, size_t n, int *cut)
{
	size_t i = 0, len, bad;
	uint64_t w;

	*cut = 0;
	while (i < n) {
		while (n - i >= 8) {
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		len = utf8_seq(s + i, n - i, &bad, cut);
		if (!len)
			return i;
		i += len;
	}
	return n;
}

/*
 * Copy s[0..n) into a new buffer with each malformed UTF-8 subpart
 * replaced by U+FFFD.  Two passes: measure, then write.
 */
static char *utf8_repair(const char *s, size_t n, size_t *outlen)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, len, bad, size = 0;
	char *d;
	int cut, pass;

	d = NULL;
	for (pass = 0; pass < 2; pass++) {
		size = 0;
		for (i = 0; i < n; ) {
			len = utf8_seq(u + i, n - i, &bad, &cut);
			if (len) {
				if (d)
					memcpy(d + size, s + i, len);
				size += len;
				i += len;
				continue;
			}
			if (d)
				memcpy(d + size, "\xef\xbf\xbd", 3);
			size += 3;
			i += bad;
		}
		if (!d) {
			d = ds_malloc(size + 1);
			if (!d)
				return NULL;
		}
	}
	d[size] = '\0';
	*outlen = size;
	return d;
}

/* Make room for at least need more bytes in a growing output buffer. */
static int out_room(char **buf, size_t *alloc, size_t len, size_t need)
{
	size_t a = *alloc;
	char *p;

	if (a - len >= need)
		return 0;
	while (a - len < need) {
		if (a > ((size_t)-1) / 2)
			return DS_ENOMEM;
		a *= 2;
	}
	p = ds_realloc(*buf, a);
	if (!p)
		return DS_ENOMEM;
	*buf = p;
	*alloc = a;
	return 0;
}

/*
 * Convert s[0..n) from charset name to UTF-8 in a new buffer.  Bytes that
 * do not decode become U+FFFD, one for each unit skipped, so a bad byte
 * never fails the page.  DS_EDATA only when iconv cannot open the charset.
 */
static int iconv_utf8(const char *name, const char *s, size_t n, char **out,
		      size_t *outlen, struct ds_err *err)
{
	iconv_t cd;
	char *buf = NULL, *ip = (char *)s, *op;
	size_t alloc, len = 0, il = n, ol, r, unit, skip;
	int rc = 0, e;

	cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1)
		return ds_err_set(err, DS_EDATA, "cannot convert the page from "
				  "charset '%s': iconv does not know it", name);
	unit = strncmp(name, "utf-16", 6) == 0 ? 2 : 1;
	if (n > ((size_t)-1 - 64) / 2) {
		rc = DS_ENOMEM;
		goto out;
	}
	alloc = n * 2 + 64;
	buf = ds_malloc(alloc);
	if (!buf) {
		rc = DS_ENOMEM;
		goto out;
	}
	while (il > 0) {
		op = buf + len;
		ol = alloc - len;
		r = iconv(cd, &ip, &il, &op, &ol);
		len = (size_t)(op - buf);
		if (r != (size_t)-1)
			continue;
		e = errno;
		if (e == E2BIG) {
			rc = out_room(&buf, &alloc, len, alloc - len + 64);
		} else if (e == EILSEQ || e == EINVAL) {
			rc = out_room(&buf, &alloc, len, 16);
			if (rc)
				break;
			memcpy(buf + len, "\xef\xbf\xbd", 3);
			len += 3;
			skip = e == EINVAL ? il : (il < unit ? il : unit);
			ip += skip;
			il -= skip;
		} else {
			rc = ds_err_set(err, DS_EDATA, "cannot convert the "
					"page from charset '%s'", name);
		}
		if (rc)
			break;
	}
	/* Let a stateful charset (ISO-2022-JP) return to its initial state. */
	while (!rc) {
		op = buf + len;
		ol = alloc - len;
		r = iconv(cd, NULL, NULL, &op, &ol);
		len = (size_t)(op - buf);
		if (r != (size_t)-1 || errno != E2BIG)
			break;
		rc = out_room(&buf, &alloc, len, alloc - len + 64);
	}
out:
	iconv_close(cd);
	if (rc) {
		ds_free(buf);
		return rc;
	}
	*out = buf;
	*outlen = len;
	return 0;
}

/*
 * Charset labels and the names used here: the Encoding Standard's names,
 * so that latin1 and iso-8859-1 become windows-1252 as in browsers.  A
 * label not in the table is given to iconv as it is.
 */
static const struct {
	const char *label;
	const char *name;
} charset_labels[] = {
	{ "utf-8", "utf-8" }, { "utf8", "utf-8" },
	{ "unicode-1-1-utf-8", "utf-8" }, { "x-unicode20utf8", "utf-8" },
	{ "unicode11utf8", "utf-8" }, { "unicode20utf8", "utf-8" },
	{ "windows-1252", "windows-1252" }, { "iso-8859-1", "windows-1252" },
	{ "iso8859-1", "windows-1252" }, { "iso88591", "windows-1252" },
	{ "iso_8859-1", "windows-1252" }, { "iso_8859-1:1987", "windows-1252" },
	{ "latin1", "windows-1252" }, { "l1", "windows-1252" },
	{ "iso-ir-100", "windows-1252" }, { "csisolatin1", "windows-1252" },
	{ "cp819", "windows-1252" }, { "ibm819", "windows-1252" },
	{ "cp1252", "windows-1252" }, { "x-cp1252", "windows-1252" },
	{ "us-ascii", "windows-1252" }, { "ascii", "windows-1252" },
	{ "ansi_x3.4-1968", "windows-1252" },
	{ "x-user-defined", "windows-1252" },
	{ "iso-8859-9", "windows-1254" }, { "iso8859-9", "windows-1254" },
	{ "iso_8859-9", "windows-1254" }, { "latin5", "windows-1254" },
	{ "l5", "windows-1254" }, { "cp1254", "windows-1254" },
	{ "x-cp1254", "windows-1254" }, { "windows-1254", "windows-1254" },
	{ "iso-8859-11", "windows-874" }, { "tis-620", "windows-874" },
	{ "dos-874", "windows-874" }, { "windows-874", "windows-874" },
	{ "utf-16", "utf-16le" }, { "utf-16le", "utf-16le" },
	{ "unicode", "utf-16le" }, { "ucs-2", "utf-16le" },
	{ "csunicode", "utf-16le" }, { "iso-10646-ucs-2", "utf-16le" },
	{ "unicodefeff", "utf-16le" },
	{ "utf-16be", "utf-16be" }, { "unicodefffe", "utf-16be" },
	{ "gb2312", "gbk" }, { "gbk", "gbk" }, { "x-gbk", "gbk" },
	{ "chinese", "gbk" }, { "csgb2312", "gbk" }, { "gb_2312-80", "gbk" },
	{ "shift_jis", "shift_jis" }, { "shift-jis", "shift_jis" },
	{ "sjis", "shift_jis" }, { "x-sjis", "shift_jis" },
	{ "ms_kanji", "shift_jis" }, { "windows-31j", "shift_jis" },
	{ "csshiftjis", "shift_jis" }, { "ms932", "shift_jis" },
	{ "euc-kr", "euc-kr" }, { "ks_c_5601-1987", "euc-kr" },
	{ "ks_c_5601-1989", "euc-kr" }, { "windows-949", "euc-kr" },
	{ "cseuckr", "euc-kr" }, { "korean", "euc-kr" },
	{ "macintosh", "macintosh" }, { "mac", "macintosh" },
	{ "x-mac-roman", "macintosh" }, { "csmacintosh", "macintosh" },
};

/*
 * Map a charset label (from a header or a <meta>) to its name in
 * name[32]: trimmed, lowercase, through the table.  Returns 0, or -1 when
 * neither the table nor iconv knows the label.
 */
static int charset_name(const char *label, size_t n, char name[32])
{
	char low[32];
	size_t i;
	iconv_t cd;
	int c;

	while (n && is_space((unsigned char)*label)) {
		label++;
		n--;
	}
	while (n && is_space((unsigned char)label[n - 1]))
		n--;
	if (!n || n >= sizeof(low))
		return -1;
	for (i = 0; i < n; i++) {
		c = to_lower((unsigned char)label[i]);
		/* Also keeps iconv's "//" suffixes out. */
		if (!is_alnum(c) && c != '-' && c != '_' && c != '.' &&
		    c != ':')
			return -1;
		low[i] = (char)c;
	}
	low[n] = '\0';
	for (i = 0; i < sizeof(charset_labels) / sizeof(charset_labels[0]);
	     i++) {
		if (strcmp(low, charset_labels[i].label) == 0) {
			snprintf(name, 32, "%s", charset_labels[i].name);
			return 0;
		}
	}
	cd = iconv_open("UTF-8", low);
	if (cd == (iconv_t)-1)
		return -1;
	iconv_close(cd);
	memcpy(name, low, n + 1);
	return 0;
}

/*
 * The value of a "charset=" parameter in s[0..n) (a Content-Type header
 * or a <meta content>), as the HTML spec extracts it; 0 or -1.
 */
static int charset_param(const char *s, size_t n, const char **val,
			 size_t *vlen)
{
	size_t i = 0, j;
	const char *q;

	for (;;) {
		while (i + 7 <= n && !ci_starts(s + i, n - i, "charset"))
			i++;
		if (i + 7 > n)
			return -1;
		i += 7;
		while (i < n && is_space((unsigned char)s[i]))
			i++;
		if (i >= n)
			return -1;
		if (s[i] != '=')
			continue;
		i++;
		while (i < n && is_space((unsigned char)s[i]))
			i++;
		if (i >= n)
			return -1;
		if (s[i] == '"' || s[i] == '\'') {
			q = memchr(s + i + 1, s[i], n - i - 1);
			if (!q)
				return -1;
			*val = s + i + 1;
			*vlen = (size_t)(q - *val);
			return 0;
		}
		for (j = i; j < n && !is_space((unsigned char)s[j]) &&
		     s[j] != ';'; j++)
			;
		*val = s + i;
		*vlen = j - i;
		return 0;
	}
}

/*
 * One attribute of a tag at s[*pos..n), the HTML spec's prescan "get an
 * attribute", simplified.  Returns 0 at the end of the tag (*pos is then
 * past the '>'), else 1 with the name and the value (quotes removed).
 */
static int prescan_attr(const char *s, size_t n, size_t *pos,
			const char **name, size_t *nlen, const char **val,
			size_t *vlen)
{
	size_t i = *pos, start;
	char q;

	while (i < n && (is_space((unsigned char)s[i]) || s[i] == '/'))
		i++;
	if (i >= n || s[i] == '>') {
		*pos = i < n ? i + 1 : n;
		return 0;
	}
	start = i++;
	while (i < n && !is_space((unsigned char)s[i]) && s[i] != '/' &&
	       s[i] != '>' && s[i] != '=')
		i++;
	*name = s + start;
	*nlen = i - start;
	while (i < n && is_space((unsigned char)s[i]))
		i++;
	*val = s + i;
	*vlen = 0;
	if (i >= n || s[i] != '=') {
		*pos = i;
		return 1;
	}
	i++;
	while (i < n && is_space((unsigned char)s[i]))
		i++;
	if (i < n && (s[i] == '"' || s[i] == '\'')) {
		q = s[i++];
		start = i;
		while (i < n && s[i] != q)
			i++;
		*val = s + start;
		*vlen = i - start;
		if (i < n)
			i++;
	} else {
		start = i;
		while (i < n && !is_space((unsigned char)s[i]) && s[i] != '>')
			i++;
		*val = s + start;
		*vlen = i - start;
	}
	*pos = i;
	return 1;
}

/*
 * The charset a <meta> at s[*pos..n) declares, just after "<meta": the
 * charset attribute, or http-equiv="content-type" with a content naming
 * one.  0 with name filled, or -1.
 */
static int prescan_meta(const char *s, size_t n, size_t *pos, char name[32])
{
	const char *an, *av, *cs = NULL;
	size_t anl, avl, csl = 0;
	int got_pragma = 0, need_pragma = 0;

	while (prescan_attr(s, n, pos, &an, &anl, &av, &avl)) {
		if (ci_equal(an, anl, "http-equiv")) {
			if (ci_equal(av, avl, "content-type"))
				got_pragma = 1;
		} else if (ci_equal(an, anl, "content")) {
			if (!cs && !charset_param(av, avl, &cs, &csl))
				need_pragma = 1;
		} else if (ci_equal(an, anl, "charset")) {
			if (!cs) {
				cs = av;
				csl = avl;
			}
		}
	}
	if (!cs || (need_pragma && !got_pragma))
		return -1;
	if (charset_name(cs, csl, name) < 0)
		return -1;
	/* A page that can say so in ASCII is not UTF-16. */
	if (strncmp(name, "utf-16", 6) == 0)
		snprintf(name, 32, "utf-8");
	return 0;
}

/*
 * The HTML spec's prescan for a <meta> charset over s[0..n), simplified:
 * comments and other tags (with their quoted attributes) are skipped.
 */
static int prescan(const char *s, size_t n, char name[32])
{
	const char *p, *an, *av;
	size_t i = 0, anl, avl;

	while (i < n) {
		p = memchr(s + i, '<', n - i);
		if (!p)
			break;
		i = (size_t)(p - s);
		if (ci_starts(s + i, n - i, "<!--")) {
			i = find_comment_end(s, n, i + 2);
			if (i >= n)
				break;
			i += 3;
		} else if (ci_starts(s + i, n - i, "<meta") && i + 5 < n &&
			   (is_space((unsigned char)s[i + 5]) ||
			    s[i + 5] == '/')) {
			i += 5;
			if (!prescan_meta(s, n, &i, name))
				return 0;
		} else if (i + 2 < n && (is_alpha((unsigned char)s[i + 1]) ||
			   (s[i + 1] == '/' &&
			    is_alpha((unsigned char)s[i + 2])))) {
			while (i < n && !is_space((unsigned char)s[i]) &&
			       s[i] != '>')
				i++;
			while (prescan_attr(s, n, &i, &an, &anl, &av, &avl))
				;
		} else if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '/' ||
					 s[i + 1] == '?')) {
			p = memchr(s + i, '>', n - i);
			if (!p)
				break;
			i = (size_t)(p - s) + 1;
		} else {
			i++;
		}
	}
	return -1;
}

/* Copy s into out[size] for a message: printable ASCII, else '?'. */
static void echo_label(char *out, size_t size, const char *s, size_t n)
{
	size_t i;

	if (n > size - 1)
		n = size - 1;
	for (i = 0; i < n; i++)
		out[i] = s[i] > 0x20 && s[i] < 0x7f ? s[i] : '?';
	out[n] = '\0';
}

/*
 * The page as UTF-8 in *html, *hlen: body itself (past a byte order
 * mark) when it already is valid UTF-8, else a new buffer in *own.  The
 * charset found goes to out->charset.  cut says the input was cut at
 * max_input, so a character cut in two at its end is dropped.
 */
static int decode(const char *body, size_t len, const char *ctype, int cut,
		  struct ds_page *out, const char **html, size_t *hlen,
		  char **own, struct ds_err *err)
{
	const unsigned char *u = (const unsigned char *)body;
	const char *label;
	char echo[48];
	size_t skip = 0, ll = 0, valid;
	int found = 1, partial, rc;

	if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		snprintf(out->charset, sizeof(out->charset), "utf-8");
		skip = 3;
	} else if (len >= 2 && u[0] == 0xfe && u[1] == 0xff) {
		snprintf(out->charset, sizeof(out->charset), "utf-16be");
		skip = 2;
	} else if (len >= 2 && u[0] == 0xff && u[1] == 0xfe) {
		snprintf(out->charset, sizeof(out->charset), "utf-16le");
		skip = 2;
	} else if (ctype && !charset_param(ctype, strlen(ctype), &label,
					   &ll) && ll) {
		if (charset_name(label, ll, out->charset) < 0) {
			echo_label(echo, sizeof(echo), label, ll);
			return ds_err_set(err, DS_EDATA, "unknown charset '%s' "
					  "in the content type: cannot convert "
					  "the page", echo);
		}
	} else if (prescan(body, len < PRESCAN_MAX ? len : PRESCAN_MAX,
			   out->charset) < 0) {
		found = 0;
	}
	body += skip;
	len -= skip;
	if (!found || strcmp(out->charset, "utf-8") == 0) {
		valid = utf8_prefix((const unsigned char *)body, len, &partial);
		if (valid < len && partial && cut)
			len = valid;
		if (valid == len) {
			snprintf(out->charset, sizeof(out->charset), "utf-8");
			*html = body;
			*hlen = len;
			return 0;
		}
		if (found) {
			*own = utf8_repair(body, len, hlen);
			if (!*own)
				return DS_ENOMEM;
			*html = *own;
			return 0;
		}
		snprintf(out->charset, sizeof(out->charset), "windows-1252");
	}
	rc = iconv_utf8(out->charset, body, len, own, hlen, err);
	if (!rc)
		*html = *own;
	return rc;
}

/*
 * nest_guard: the tags of the page as gumbo's tokenizer will see them,
 * with a rough model of its tree builder: the stack of open elements
 * (void elements, raw text, the implied end tags of p, li, td and the
 * like) and the list of active formatting elements (b, i, a...), which
 * gumbo reopens after every tag that closed them.  Three things make
 * gumbo slow or huge, and are blanked out with spaces (in a copy of the
 * page unless it already is one):
 *   - a start tag that would nest past the cap of open elements,
 *   - a formatting start tag past AFL_MAX active ones, and every one once
 *     reopening them has cost more than a budget (then also the ones
 *     still active, which gumbo has not seen yet),
 *   - the attributes of a tag past ATTR_MAX.
 * The model errs both ways, but pages that come near these limits are
 * broken or hostile anyway, and blanking a tag keeps its text.
 */
enum {
	NG_VOID = 1,            /* never opened */
	NG_RAW = 2,             /* its text runs to its end tag */
	NG_PCLOSE = 4,          /* closes an open p, reopens nothing */
	NG_IGNORE = 8,          /* html, head, body: always there */
	NG_PLAIN = 16,          /* plaintext: the rest is text */
	NG_SPECIAL = 32,        /* "special" to the adoption agency */
	NG_FORMAT = 64          /* a formatting element */
};

#define NG_SP (NG_SPECIAL | NG_PCLOSE)

static const unsigned char ng_class[GUMBO_TAG_LAST + 1] = {
	[GUMBO_TAG_AREA] = NG_VOID, [GUMBO_TAG_BASE] = NG_VOID,
	[GUMBO_TAG_BASEFONT] = NG_VOID, [GUMBO_TAG_BGSOUND] = NG_VOID,
	[GUMBO_TAG_BR] = NG_VOID, [GUMBO_TAG_COL] = NG_VOID,
	[GUMBO_TAG_EMBED] = NG_VOID, [GUMBO_TAG_HR] = NG_VOID | NG_PCLOSE,
	[GUMBO_TAG_IMG] = NG_VOID, [GUMBO_TAG_IMAGE] = NG_VOID,
	[GUMBO_TAG_INPUT] = NG_VOID, [GUMBO_TAG_KEYGEN] = NG_VOID,
	[GUMBO_TAG_LINK] = NG_VOID, [GUMBO_TAG_META] = NG_VOID,
	[GUMBO_TAG_PARAM] = NG_VOID, [GUMBO_TAG_SOURCE] = NG_VOID,
	[GUMBO_TAG_TRACK] = NG_VOID, [GUMBO_TAG_WBR] = NG_VOID,
	[GUMBO_TAG_FRAME] = NG_VOID, [GUMBO_TAG_MENUITEM] = NG_VOID,
	[GUMBO_TAG_SCRIPT] = NG_RAW, [GUMBO_TAG_STYLE] = NG_RAW,
	[GUMBO_TAG_XMP] = NG_RAW, [GUMBO_TAG_IFRAME] = NG_RAW,
	[GUMBO_TAG_NOEMBED] = NG_RAW, [GUMBO_TAG_NOFRAMES] = NG_RAW,
	[GUMBO_TAG_TITLE] = NG_RAW, [GUMBO_TAG_TEXTAREA] = NG_RAW,
	[GUMBO_TAG_PLAINTEXT] = NG_PLAIN,
	[GUMBO_TAG_HTML] = NG_IGNORE, [GUMBO_TAG_HEAD] = NG_IGNORE,
	[GUMBO_TAG_BODY] = NG_IGNORE,
	[GUMBO_TAG_ADDRESS] = NG_SP, [GUMBO_TAG_ARTICLE] = NG_SP,
	[GUMBO_TAG_ASIDE] = NG_SP, [GUMBO_TAG_BLOCKQUOTE] = NG_SP,
	[GUMBO_TAG_CENTER] = NG_SP, [GUMBO_TAG_DETAILS] = NG_SP,
	[GUMBO_TAG_DIR] = NG_SP, [GUMBO_TAG_DIV] = NG_SP,
	[GUMBO_TAG_DL] = NG_SP, [GUMBO_TAG_FIELDSET] = NG_SP,
	[GUMBO_TAG_FIGCAPTION] = NG_SP, [GUMBO_TAG_FIGURE] = NG_SP,
	[GUMBO_TAG_FOOTER] = NG_SP, [GUMBO_TAG_HEADER] = NG_SP,
	[GUMBO_TAG_HGROUP] = NG_SP, [GUMBO_TAG_MAIN] = NG_SP,
	[GUMBO_TAG_MENU] = NG_SP, [GUMBO_TAG_NAV] = NG_SP,
	[GUMBO_TAG_OL] = NG_SP, [GUMBO_TAG_P] = NG_SP,
	[GUMBO_TAG_SECTION] = NG_SP, [GUMBO_TAG_SUMMARY] = NG_SP,
	[GUMBO_TAG_UL] = NG_SP, [GUMBO_TAG_H1] = NG_SP,
	[GUMBO_TAG_H2] = NG_SP, [GUMBO_TAG_H3] = NG_SP,
	[GUMBO_TAG_H4] = NG_SP, [GUMBO_TAG_H5] = NG_SP,
	[GUMBO_TAG_H6] = NG_SP, [GUMBO_TAG_PRE] = NG_SP,
	[GUMBO_TAG_LISTING] = NG_SP, [GUMBO_TAG_FORM] = NG_SP,
	[GUMBO_TAG_LI] = NG_SP, [GUMBO_TAG_DD] = NG_SP,
	[GUMBO_TAG_DT] = NG_SP,
	[GUMBO_TAG_APPLET] = NG_SPECIAL, [GUMBO_TAG_BUTTON] = NG_SPECIAL,
	[GUMBO_TAG_CAPTION] = NG_SPECIAL, [GUMBO_TAG_COLGROUP] = NG_SPECIAL,
	[GUMBO_TAG_FRAMESET] = NG_SPECIAL, [GUMBO_TAG_MARQUEE] = NG_SPECIAL,
	[GUMBO_TAG_NOSCRIPT] = NG_SPECIAL, [GUMBO_TAG_OBJECT] = NG_SPECIAL,
	[GUMBO_TAG_SELECT] = NG_SPECIAL, [GUMBO_TAG_TABLE] = NG_SPECIAL,
	[GUMBO_TAG_TBODY] = NG_SPECIAL, [GUMBO_TAG_TD] = NG_SPECIAL,
	[GUMBO_TAG_TEMPLATE] = NG_SPECIAL, [GUMBO_TAG_TFOOT] = NG_SPECIAL,
	[GUMBO_TAG_TH] = NG_SPECIAL, [GUMBO_TAG_THEAD] = NG_SPECIAL,
	[GUMBO_TAG_TR] = NG_SPECIAL,
	[GUMBO_TAG_A] = NG_FORMAT, [GUMBO_TAG_B] = NG_FORMAT,
	[GUMBO_TAG_BIG] = NG_FORMAT, [GUMBO_TAG_CODE] = NG_FORMAT,
	[GUMBO_TAG_EM] = NG_FORMAT, [GUMBO_TAG_FONT] = NG_FORMAT,
	[GUMBO_TAG_I] = NG_FORMAT, [GUMBO_TAG_NOBR] = NG_FORMAT,
	[GUMBO_TAG_S] = NG_FORMAT, [GUMBO_TAG_SMALL] = NG_FORMAT,
	[GUMBO_TAG_STRIKE] = NG_FORMAT, [GUMBO_TAG_STRONG] = NG_FORMAT,
	[GUMBO_TAG_TT] = NG_FORMAT, [GUMBO_TAG_U] = NG_FORMAT,
};

/* Groups of elements that close each other, and what stops the search. */
enum {
	NG_G_NONE, NG_G_LI, NG_G_DDT, NG_G_OPTION, NG_G_OPTGROUP, NG_G_TR,
	NG_G_CELL, NG_G_TSECT, NG_G_HEADING, NG_G_LIST, NG_G_DL, NG_G_SELECT,
	NG_G_TABLE
};

static const unsigned char ng_group[GUMBO_TAG_LAST + 1] = {
	[GUMBO_TAG_LI] = NG_G_LI, [GUMBO_TAG_DD] = NG_G_DDT,
	[GUMBO_TAG_DT] = NG_G_DDT, [GUMBO_TAG_OPTION] = NG_G_OPTION,
	[GUMBO_TAG_OPTGROUP] = NG_G_OPTGROUP, [GUMBO_TAG_TR] = NG_G_TR,
	[GUMBO_TAG_TD] = NG_G_CELL, [GUMBO_TAG_TH] = NG_G_CELL,
	[GUMBO_TAG_TBODY] = NG_G_TSECT, [GUMBO_TAG_THEAD] = NG_G_TSECT,
	[GUMBO_TAG_TFOOT] = NG_G_TSECT, [GUMBO_TAG_H1] = NG_G_HEADING,
	[GUMBO_TAG_H2] = NG_G_HEADING, [GUMBO_TAG_H3] = NG_G_HEADING,
	[GUMBO_TAG_H4] = NG_G_HEADING, [GUMBO_TAG_H5] = NG_G_HEADING,
	[GUMBO_TAG_H6] = NG_G_HEADING, [GUMBO_TAG_UL] = NG_G_LIST,
	[GUMBO_TAG_OL] = NG_G_LIST, [GUMBO_TAG_MENU] = NG_G_LIST,
	[GUMBO_TAG_DL] = NG_G_DL, [GUMBO_TAG_SELECT] = NG_G_SELECT,
	[GUMBO_TAG_TABLE] = NG_G_TABLE,
};

#define AFL_MAX 32              /* active formatting elements kept */

/* An active formatting element: its tag, and where its start tag is. */
struct ng_format {
	size_t pos, end;
	unsigned char tag;
	unsigned char open;     /* on the stack of open elements */
};

struct nest {
	const char **html;      /* the page, and a copy of it once made */
	char **own;
	size_t n;
	int *cut;               /* set when anything is blanked */
	unsigned char *stack;   /* open elements, as tag numbers */
	size_t depth, alloc, cap;
	size_t count[GUMBO_TAG_LAST + 1];       /* open, by tag */
	struct ng_format afl[AFL_MAX];  /* oldest first */
	size_t nafl, nclosed;
	size_t reopened, budget;        /* elements reopened, allowed */
	int no_format;          /* budget spent: blank every formatting tag */
};

/* Fill the page's bytes [a, b) with spaces, copying the page first. */
static int ng_blank(struct nest *g, size_t a, size_t b)
{
	if (!*g->own) {
		*g->own = ds_malloc(g->n + 1);
		if (!*g->own)
			return DS_ENOMEM;
		memcpy(*g->own, *g->html, g->n);
		(*g->own)[g->n] = '\0';
		*g->html = *g->own;
	}
	memset(*g->own + a, ' ', b - a);
	*g->cut = 1;
	return 0;
}

/* Drop active formatting element k. */
static void ng_afl_remove(struct nest *g, size_t k)
{
	if (!g->afl[k].open)
		g->nclosed--;
	memmove(g->afl + k, g->afl + k + 1,
		(g->nafl - k - 1) * sizeof(g->afl[0]));
	g->nafl--;
}

/* The newest active formatting element with tag t, or nafl. */
static size_t ng_afl_find(struct nest *g, unsigned t, int open_only)
{
	size_t k = g->nafl;

	while (k-- > 0)
		if (g->afl[k].tag == t && (g->afl[k].open || !open_only))
			return k;
	return g->nafl;
}

/* Close elements from the top down to and including the topmost t. */
static void ng_pop_to(struct nest *g, unsigned t)
{
	unsigned top;
	size_t k;

	while (g->depth) {
		top = g->stack[--g->depth];
		g->count[top]--;
		if (ng_class[top] & NG_FORMAT) {
			k = ng_afl_find(g, top, 1);
			if (k < g->nafl) {
				g->afl[k].open = 0;
				g->nclosed++;
			}
		}
		if (top == t)
			break;
	}
}

/*
 * Close formatting element t (open) as the adoption agency does, roughly:
 * when special elements are open above it they stay open and only t
 * goes, else everything above it closes too.
 */
static void ng_close_format(struct nest *g, unsigned t)
{
	size_t k = g->depth;
	int special = 0;

	while (k > 0 && g->stack[k - 1] != t) {
		if (ng_class[g->stack[k - 1]] & NG_SPECIAL)
			special = 1;
		k--;
	}
	if (!k)
		return;
	if (!special) {
		ng_pop_to(g, t);
		return;
	}
	memmove(g->stack + k - 1, g->stack + k, g->depth - k);
	g->depth--;
	g->count[t]--;
}

/* Open t; 1 when the cap is reached, DS_ENOMEM. */
static int ng_push(struct nest *g, unsigned t)
{
	unsigned char *p;
	size_t a;

	if (g->depth >= g->cap)
		return 1;
	if (g->depth == g->alloc) {
		a = g->alloc ? g->alloc * 2 : 256;
		if (a > g->cap)
			a = g->cap;
		p = ds_realloc(g->stack, a);
		if (!p)
			return DS_ENOMEM;
		g->stack = p;
		g->alloc = a;
	}
	g->stack[g->depth++] = (unsigned char)t;
	g->count[t]++;
	return 0;
}

/*
 * Blank the start tags of all active formatting elements (gumbo has not
 * seen them yet) and every later formatting tag: reopening them has cost
 * too much.
 */
static int ng_afl_drop_all(struct nest *g)
{
	size_t k;
	int rc = 0;

	for (k = 0; k < g->nafl && !rc; k++)
		rc = ng_blank(g, g->afl[k].pos, g->afl[k].end);
	g->nafl = 0;
	g->nclosed = 0;
	g->no_format = 1;
	return rc;
}

/*
 * Reopen the active formatting elements that were closed, as gumbo does
 * before text and most start tags.  One that would pass the cap is
 * blanked where it started.
 */
static int ng_reconstruct(struct nest *g)
{
	size_t k = 0;
	int rc;

	while (g->nclosed && k < g->nafl) {
		if (g->afl[k].open) {
			k++;
			continue;
		}
		if (g->reopened >= g->budget)
			return ng_afl_drop_all(g);
		rc = ng_push(g, g->afl[k].tag);
		if (rc < 0)
			return rc;
		if (rc) {
			rc = ng_blank(g, g->afl[k].pos, g->afl[k].end);
			ng_afl_remove(g, k);
			if (rc)
				return rc;
			continue;
		}
		g->afl[k].open = 1;
		g->nclosed--;
		g->reopened++;
		k++;
	}
	return 0;
}

/*
 * An end tag of formatting element t, or a start tag a or nobr while one
 * is active: the adoption agency.  0 when t was not active.
 */
static int ng_adopt(struct nest *g, unsigned t)
{
	size_t k = ng_afl_find(g, t, 0);

	if (k == g->nafl)
		return 0;
	if (g->afl[k].open)
		ng_close_format(g, t);
	if (k < g->nafl && g->afl[k].tag == t)
		ng_afl_remove(g, k);
	return 1;
}

/* Close the nearest element of group a or b among the top few open. */
static void ng_close_near(struct nest *g, unsigned a, unsigned b,
			  unsigned stop)
{
	size_t k;
	unsigned grp;

	for (k = 0; k < 4 && k < g->depth; k++) {
		grp = ng_group[g->stack[g->depth - 1 - k]];
		if (grp == a || grp == b) {
			ng_pop_to(g, g->stack[g->depth - 1 - k]);
			return;
		}
		if (grp == stop)
			return;
	}
}

/* The elements a start tag t closes before it opens. */
static void ng_implied_ends(struct nest *g, unsigned t)
{
	switch (ng_group[t]) {
	case NG_G_LI:
		ng_close_near(g, NG_G_LI, NG_G_LI, NG_G_LIST);
		break;
	case NG_G_DDT:
		ng_close_near(g, NG_G_DDT, NG_G_DDT, NG_G_DL);
		break;
	case NG_G_OPTION:
		ng_close_near(g, NG_G_OPTION, NG_G_OPTION, NG_G_SELECT);
		break;
	case NG_G_OPTGROUP:
		ng_close_near(g, NG_G_OPTION, NG_G_OPTGROUP, NG_G_SELECT);
		break;
	case NG_G_TR:
		ng_close_near(g, NG_G_TR, NG_G_TR, NG_G_TABLE);
		break;
	case NG_G_CELL:
		ng_close_near(g, NG_G_CELL, NG_G_CELL, NG_G_TR);
		break;
	case NG_G_TSECT:
		ng_close_near(g, NG_G_TSECT, NG_G_TSECT, NG_G_TABLE);
		break;
	case NG_G_HEADING:
		if (g->depth && ng_group[g->stack[g->depth - 1]] ==
		    NG_G_HEADING)
			ng_pop_to(g, g->stack[g->depth - 1]);
		break;
	}
	if ((ng_class[t] & NG_PCLOSE) && g->count[GUMBO_TAG_P])
		ng_pop_to(g, GUMBO_TAG_P);
}

/*
 * A start tag t at the page's bytes [pos, end): model what gumbo does
 * with it, and blank it when it would open too much.
 */
static int ng_start(struct nest *g, unsigned t, size_t pos, size_t end,
		    int self)
{
	unsigned cls = ng_class[t];
	int rc;

	if (self && (g->count[GUMBO_TAG_SVG] || g->count[GUMBO_TAG_MATH]))
		return 0;
	if (cls & NG_FORMAT) {
		if (g->no_format || g->nafl == AFL_MAX)
			return ng_blank(g, pos, end);
		if (t == GUMBO_TAG_A || t == GUMBO_TAG_NOBR)
			ng_adopt(g, t);
	}
	if (!(cls & NG_PCLOSE)) {
		rc = ng_reconstruct(g);
		if (rc)
			return rc;
	}
	if (cls & NG_VOID)
		return 0;
	ng_implied_ends(g, t);
	rc = ng_push(g, t);
	if (rc == 1)
		return ng_blank(g, pos, end);
	if (rc)
		return rc;
	if (cls & NG_FORMAT) {
		g->afl[g->nafl].pos = pos;
		g->afl[g->nafl].end = end;
		g->afl[g->nafl].tag = (unsigned char)t;
		g->afl[g->nafl].open = 1;
		g->nafl++;
	}
	return 0;
}

/* An end tag t. */
static void ng_end(struct nest *g, unsigned t)
{
	if (ng_class[t] & (NG_IGNORE | NG_VOID))
		return;
	if ((ng_class[t] & NG_FORMAT) && ng_adopt(g, t))
		return;
	if (g->count[t])
		ng_pop_to(g, t);
}

/* Index just past the comment whose "<!--" ends before s[i]. */
static size_t ng_comment_end(const unsigned char *s, size_t n, size_t i)
{
	if (i < n && s[i] == '>')
		return i + 1;
	if (i + 1 < n && s[i] == '-' && s[i + 1] == '>')
		return i + 2;
	i = find_comment_end((const char *)s, n, i);
	return i < n ? i + 3 : n;
}

/*
 * Index of the '>' that ends the tag whose attributes start at s[i], as
 * the tokenizer finds it (a quoted value may hold '>'), or n.  *self is 1
 * for "/>"; *excess is where attributes past ATTR_MAX start, or 0.
 */
static size_t ng_tag_end(const unsigned char *s, size_t n, size_t i,
			 int *self, size_t *excess)
{
	enum { BEFORE, NAME, AFTER, VALUE, UNQUOTED } st = BEFORE;
	const unsigned char *q;
	unsigned nattr = 0;
	unsigned char c;

	*self = 0;
	*excess = 0;
	while (i < n) {
		c = s[i];
		switch (st) {
		case BEFORE:
		case AFTER:
			if (is_space(c)) {
				i++;
			} else if (c == '>') {
				return i;
			} else if (c == '/') {
				if (i + 1 < n && s[i + 1] == '>') {
					*self = 1;
					return i + 1;
				}
				st = BEFORE;
				i++;
			} else if (st == AFTER && c == '=') {
				st = VALUE;
				i++;
			} else {
				if (++nattr == ATTR_MAX + 1)
					*excess = i;
				st = NAME;
				i++;
			}
			break;
		case NAME:
			if (is_space(c)) {
				st = AFTER;
				i++;
			} else if (c == '/') {
				st = BEFORE;
			} else if (c == '>') {
				return i;
			} else {
				if (c == '=')
					st = VALUE;
				i++;
			}
			break;
		case VALUE:
			if (is_space(c)) {
				i++;
			} else if (c == '"' || c == '\'') {
				q = memchr(s + i + 1, c, n - i - 1);
				if (!q)
					return n;
				i = (size_t)(q - s) + 1;
				st = BEFORE;
			} else if (c == '>') {
				return i;
			} else {
				st = UNQUOTED;
				i++;
			}
			break;
		case UNQUOTED:
			if (c == '>')
				return i;
			if (is_space(c))
				st = BEFORE;
			i++;
			break;
		}
	}
	return n;
}

/* Index of the end tag "</name" that ends raw text from s[i], or n. */
static size_t ng_raw_end(const unsigned char *s, size_t n, size_t i,
			 const char *name, size_t nl)
{
	const unsigned char *p;
	unsigned char c;

	while (i < n) {
		p = memchr(s + i, '<', n - i);
		if (!p)
			return n;
		i = (size_t)(p - s);
		if (i + 2 + nl < n && s[i + 1] == '/' &&
		    ci_starts((const char *)s + i + 2, nl, name)) {
			c = s[i + 2 + nl];
			if (is_space(c) || c == '/' || c == '>')
				return i;
		}
		i++;
	}
	return n;
}

/*
 * Run the model over the page *html (n bytes), blanking what would make
 * gumbo slow (see above); cap is the most open elements allowed.  *own
 * is the page's private copy, made here if need be; *cut is set when
 * anything was blanked.  0 or DS_ENOMEM.
 */
static int nest_guard(const char **html, size_t n, char **own, size_t cap,
		      int *cut)
{
	const unsigned char *s = (const unsigned char *)*html, *p;
	struct nest *g;
	size_t i = 0, j, k, e, lt, nl, excess;
	char name[16];
	unsigned t;
	int end, self, rc = 0;

	g = ds_calloc(1, sizeof(*g));
	if (!g)
		return DS_ENOMEM;
	g->html = html;
	g->own = own;
	g->n = n;
	g->cut = cut;
	g->cap = cap;
	g->budget = 10000 + n / 16;
	while (i < n && !rc) {
		p = memchr(s + i, '<', n - i);
		lt = p ? (size_t)(p - s) : n;
		if (lt > i && g->nclosed) {
			/* Text: gumbo reopens formatting elements for it. */
			rc = ng_reconstruct(g);
			s = (const unsigned char *)*html;
			if (rc)
				break;
		}
		if (lt + 2 >= n)
			break;
		i = lt;
		if (s[i + 1] == '!' && s[i + 2] == '-' && i + 3 < n &&
		    s[i + 3] == '-') {
			i = ng_comment_end(s, n, i + 4);
			continue;
		}
		end = s[i + 1] == '/';
		j = i + 1 + (size_t)end;
		if (s[i + 1] == '!' || s[i + 1] == '?' ||
		    (end && !is_alpha(s[j]))) {
			/* A doctype, a bogus comment or "</>". */
			p = memchr(s + i, '>', n - i);
			if (!p)
				break;
			i = (size_t)(p - s) + 1;
			continue;
		}
		if (!is_alpha(s[j])) {
			i++;
			continue;
		}
		for (e = j; e < n && !is_space(s[e]) && s[e] != '/' &&
		     s[e] != '>'; e++)
			;
		nl = e - j;
		t = GUMBO_TAG_UNKNOWN;
		if (nl < sizeof(name)) {
			for (k = 0; k < nl; k++)
				name[k] = (char)to_lower(s[j + k]);
			name[nl] = '\0';
			t = gumbo_tagn_enum(name, (unsigned)nl);
		}
		e = ng_tag_end(s, n, e, &self, &excess);
		if (excess)
			rc = ng_blank(g, excess, e - (size_t)self);
		if (e >= n || rc)
			break;
		i = e + 1;
		if (end) {
			ng_end(g, t);
		} else if (ng_class[t] & NG_PLAIN) {
			break;
		} else if (ng_class[t] & NG_RAW) {
			i = ng_raw_end(s, n, i, name, nl);
		} else if (!(ng_class[t] & NG_IGNORE)) {
			rc = ng_start(g, t, lt, e + 1, self);
		}
		s = (const unsigned char *)*html;
	}
	ds_free(g->stack);
	ds_free(g);
	return rc;
}

/* The walk over gumbo's tree. */

/* How the walk treats an element. */
enum {
	K_BLOCK = 1,            /* ends a line before and after */
	K_SKIP = 2,             /* its text is not shown, its links are */
	K_PRUNE = 4,            /* not walked at all */
	K_PRE = 8               /* keeps its line breaks */
};

static const unsigned char tag_kind[GUMBO_TAG_LAST + 1] = {
	[GUMBO_TAG_ADDRESS] = K_BLOCK, [GUMBO_TAG_ARTICLE] = K_BLOCK,
	[GUMBO_TAG_ASIDE] = K_BLOCK, [GUMBO_TAG_BLOCKQUOTE] = K_BLOCK,
	[GUMBO_TAG_BODY] = K_BLOCK, [GUMBO_TAG_BR] = K_BLOCK,
	[GUMBO_TAG_CAPTION] = K_BLOCK, [GUMBO_TAG_CENTER] = K_BLOCK,
	[GUMBO_TAG_DD] = K_BLOCK, [GUMBO_TAG_DETAILS] = K_BLOCK,
	[GUMBO_TAG_DIR] = K_BLOCK, [GUMBO_TAG_DIV] = K_BLOCK,
	[GUMBO_TAG_DL] = K_BLOCK, [GUMBO_TAG_DT] = K_BLOCK,
	[GUMBO_TAG_FIELDSET] = K_BLOCK, [GUMBO_TAG_FIGCAPTION] = K_BLOCK,
	[GUMBO_TAG_FIGURE] = K_BLOCK, [GUMBO_TAG_FOOTER] = K_BLOCK,
	[GUMBO_TAG_FORM] = K_BLOCK, [GUMBO_TAG_H1] = K_BLOCK,
	[GUMBO_TAG_H2] = K_BLOCK, [GUMBO_TAG_H3] = K_BLOCK,
	[GUMBO_TAG_H4] = K_BLOCK, [GUMBO_TAG_H5] = K_BLOCK,
	[GUMBO_TAG_H6] = K_BLOCK, [GUMBO_TAG_HEADER] = K_BLOCK,
	[GUMBO_TAG_HGROUP] = K_BLOCK, [GUMBO_TAG_HR] = K_BLOCK,
	[GUMBO_TAG_HTML] = K_BLOCK, [GUMBO_TAG_LEGEND] = K_BLOCK,
	[GUMBO_TAG_LI] = K_BLOCK, [GUMBO_TAG_LISTING] = K_BLOCK | K_PRE,
	[GUMBO_TAG_MAIN] = K_BLOCK, [GUMBO_TAG_MENU] = K_BLOCK,
	[GUMBO_TAG_NAV] = K_BLOCK, [GUMBO_TAG_OL] = K_BLOCK,
	[GUMBO_TAG_P] = K_BLOCK, [GUMBO_TAG_PRE] = K_BLOCK | K_PRE,
	[GUMBO_TAG_SECTION] = K_BLOCK, [GUMBO_TAG_SUMMARY] = K_BLOCK,
	[GUMBO_TAG_TABLE] = K_BLOCK, [GUMBO_TAG_TBODY] = K_BLOCK,
	[GUMBO_TAG_TFOOT] = K_BLOCK, [GUMBO_TAG_THEAD] = K_BLOCK,
	[GUMBO_TAG_TR] = K_BLOCK, [GUMBO_TAG_UL] = K_BLOCK,
	[GUMBO_TAG_XMP] = K_BLOCK | K_PRE, [GUMBO_TAG_PLAINTEXT] = K_BLOCK,
	[GUMBO_TAG_HEAD] = K_SKIP, [GUMBO_TAG_NOSCRIPT] = K_SKIP,
	[GUMBO_TAG_OBJECT] = K_SKIP, [GUMBO_TAG_AUDIO] = K_SKIP,
	[GUMBO_TAG_VIDEO] = K_SKIP, [GUMBO_TAG_CANVAS] = K_SKIP,
	[GUMBO_TAG_DATALIST] = K_SKIP,
	[GUMBO_TAG_SCRIPT] = K_PRUNE, [GUMBO_TAG_STYLE] = K_PRUNE,
	[GUMBO_TAG_TEMPLATE] = K_PRUNE, [GUMBO_TAG_TITLE] = K_PRUNE,
	[GUMBO_TAG_IFRAME] = K_PRUNE, [GUMBO_TAG_NOEMBED] = K_PRUNE,
	[GUMBO_TAG_NOFRAMES] = K_PRUNE,
};

/* Where a publication date came from, best first. */
enum { PUB_ARTICLE, PUB_DATE, PUB_ITEMPROP, PUB_TIME, PUB_JSONLD, PUB_N };

/* The most text of its own a log-in wall has (wall_words). */
#define WALL_TEXT_MAX 400

struct walk {
	struct ds_page *out;
	const struct ds_page_limits *lim;
	struct buf text;
	struct buf url;         /* one resolved link */
	int line;               /* the current line has text */
	int space;              /* a space is due before more text */
	int cell;               /* a table's next cell: " | " is due */
	int full;               /* the text reached max_text */
	unsigned skip;          /* open elements whose text is not shown */
	unsigned pre;           /* open pre elements */
	const char *title, *desc, *og_desc, *lang;      /* in the tree */
	char *canonical;
	char pub[PUB_N][11];
	CURLU *base;            /* NULL: relative links are dropped */
	char *base_str;         /* the base, as url_clean writes it */
	size_t origin_len;      /* "https://host" */
	size_t dir_len;         /* "https://host/dir/" */
	size_t path_len;        /* "https://host/dir/page" */
	char **links;
	size_t nlinks, alinks;
	size_t *slots;          /* hash of the links: index + 1, 0 free */
	size_t nslots;
	int links_done;         /* max_links reached and passed */
	unsigned login_links;   /* links or forms to a sign-in page */
	unsigned aside;         /* open links, headers, navs, footers */
	struct buf wall;        /* the text outside them, for wall_words */
	int wall_full;          /* more of it than a log-in wall has */
	int rc;
};

/*
 * Add sep (unless the page's own text is empty or ends a line) and s[0..n)
 * to the text kept for wall_words; past its cap it is no wall.
 */
static void wall_put(struct walk *w, char sep, const char *s, size_t n)
{
	int rc = 0;

	if (w->wall.len && w->wall.ptr[w->wall.len - 1] != '\n')
		rc = buf_addc(&w->wall, sep);
	if (!rc && n)
		rc = buf_add(&w->wall, s, n);
	if (rc == DS_ENOMEM)
		w->rc = DS_ENOMEM;
	if (rc)
		w->wall_full = 1;
}

/* End the current line, if it has text. */
static void line_end(struct walk *w)
{
	if (w->line && buf_addc(&w->text, '\n') < 0)
		w->rc = DS_ENOMEM;
	if (w->line && !w->wall_full)
		wall_put(w, '\n', NULL, 0);
	w->line = 0;
	w->space = 0;
	w->cell = 0;
}

/*
 * Add s[0..n) (no whitespace in it) to the text, after a space if one is
 * due.  One byte of max_text stays free for the line's final '\n'; what
 * does not fit is cut on a character boundary and ends the text.
 */
static void text_put(struct walk *w, const char *s, size_t n)
{
	size_t room, sp = w->space ? 1 : 0;

	if (w->full)
		return;
	/* A table row is one line, its cells apart: "Jo Bloggs | Level 2
	 * Certificate". */
	if (w->cell && w->line) {
		w->cell = 0;
		w->space = 1;
		text_put(w, "|", 1);
		if (w->full)
			return;
		w->space = 1;
		sp = 1;
	}
	w->cell = 0;
	room = w->lim->max_text > w->text.len ?
		w->lim->max_text - w->text.len - 1 : 0;
	if (sp + n > room) {
		w->full = 1;
		w->out->truncated = 1;
		w->out->cut |= DS_PAGE_CUT_TEXT;
		if (room <= sp)
			return;
		n = utf8_cut(s, room - sp);
		if (!n)
			return;
	}
	if ((sp && buf_addc(&w->text, ' ') < 0) ||
	    buf_add(&w->text, s, n) < 0) {
		w->rc = DS_ENOMEM;
		return;
	}
	w->line = 1;
	w->space = 0;
	/* The page's own words, outside links and the site's chrome. */
	if (!w->aside && !w->wall_full)
		wall_put(w, ' ', s, n);
}

/* Add a text node's text, folding its whitespace. */
static void text_add(struct walk *w, const char *text)
{
	const unsigned char *p = (const unsigned char *)text, *q;

	while (*p && !w->full) {
		if (fold_space(p)) {
			if (*p == '\n' && w->pre)
				line_end(w);
			else if (w->line)
				w->space = 1;
			p += fold_space_len(p);
			continue;
		}
		for (q = p + 1; !fold_space(q); q++)
			;
		text_put(w, (const char *)p, (size_t)(q - p));
		p = q;
	}
}

/*
 * A new copy of s with runs of whitespace folded to one space and the
 * ends trimmed, cut to at most max bytes on a character boundary (which
 * sets *cut).  NULL when out of memory.
 */
static char *fold_dup(const char *s, size_t max, int *cut)
{
	const unsigned char *p = (const unsigned char *)s, *q;
	size_t len = strlen(s), n = 0, k;
	int space = 0, full = 0;
	char *d;

	d = ds_malloc((len < max ? len : max) + 1);
	if (!d)
		return NULL;
	while (*p) {
		if (fold_space(p)) {
			space = n > 0;
			p += fold_space_len(p);
			continue;
		}
		for (q = p + 1; !fold_space(q); q++)
			;
		k = (size_t)(q - p);
		if (n + (size_t)space + k > max) {
			*cut = 1;
			full = 1;
			if (n + (size_t)space < max)
				k = utf8_cut((const char *)p,
					     max - n - (size_t)space);
			else
				k = 0;
			if (!k)
				break;
			q = p + k;
		}
		if (space)
			d[n++] = ' ';
		memcpy(d + n, p, k);
		n += k;
		space = 0;
		p = q;
		if (full)
			break;
	}
	d[n] = '\0';
	return d;
}

/*
 * Copy the YYYY-MM-DD that s starts with into d[11]: 0, or -1 when s does
 * not start with a real date.
 */
static int date_prefix(const char *s, char d[11])
{
	char tmp[11];

	while (is_space((unsigned char)*s))
		s++;
	if (strnlen(s, 10) < 10 || (s[10] >= '0' && s[10] <= '9'))
		return -1;
	memcpy(tmp, s, 10);
	tmp[10] = '\0';
	if (ds_date_check("date", tmp, NULL, NULL))
		return -1;
	memcpy(d, tmp, sizeof(tmp));
	return 0;
}

/* Keep the first real date a source gives. */
static void pub_set(struct walk *w, int source, const char *s)
{
	if (s && !w->pub[source][0])
		date_prefix(s, w->pub[source]);
}

/* The text of an element's first text child, or "". */
static const char *first_text(GumboNode *node)
{
	GumboVector *kids = &node->v.element.children;
	GumboNode *k;
	unsigned int i;

	for (i = 0; i < kids->length; i++) {
		k = kids->data[i];
		if (k->type == GUMBO_NODE_TEXT ||
		    k->type == GUMBO_NODE_WHITESPACE ||
		    k->type == GUMBO_NODE_CDATA)
			return k->v.text.text;
	}
	return "";
}

/* "datePublished" in a JSON-LD script: a plain string search. */
static void jsonld(struct walk *w, GumboNode *node)
{
	const char *p = first_text(node);

	if (w->pub[PUB_JSONLD][0])
		return;
	while ((p = strstr(p, "\"datePublished\""))) {
		p += 15;
		while (is_space((unsigned char)*p))
			p++;
		if (*p != ':')
			continue;
		p++;
		while (is_space((unsigned char)*p))
			p++;
		if (*p == '"' && !date_prefix(p + 1, w->pub[PUB_JSONLD]))
			return;
	}
}

/* 1 when s starts with the declaration "prop: val" (any case, spaces). */
static int css_decl(const char *s, const char *prop, const char *val)
{
	if (!ci_starts(s, SIZE_MAX, prop))
		return 0;
	s += strlen(prop);
	while (is_space((unsigned char)*s))
		s++;
	if (*s++ != ':')
		return 0;
	while (is_space((unsigned char)*s))
		s++;
	if (!ci_starts(s, SIZE_MAX, val))
		return 0;
	s += strlen(val);
	return !is_alnum((unsigned char)*s) && *s != '-';
}

/*
 * 1 when s starts with "prop: 0" (a zero length: 0, 0px, 0em, 0%, not
 * 0.5), or, with far set, "prop: -999..." (three digits or more: moved off
 * the screen).
 */
static int css_len(const char *s, const char *prop, int far)
{
	size_t d = 0;

	if (!ci_starts(s, SIZE_MAX, prop))
		return 0;
	s += strlen(prop);
	while (is_space((unsigned char)*s))
		s++;
	if (*s++ != ':')
		return 0;
	while (is_space((unsigned char)*s))
		s++;
	if (far) {
		if (*s++ != '-')
			return 0;
		while (s[d] >= '0' && s[d] <= '9')
			d++;
		return d >= 3;
	}
	while (*s == '0')
		s++, d++;
	return d && *s != '.' && !(*s >= '1' && *s <= '9');
}

/*
 * 1 when an inline style hides the element from readers: display: none,
 * visibility: hidden, opacity: 0, font-size: 0, a height of 0 with the
 * overflow hidden, or moved far off the screen (left, top or
 * text-indent of -999 or more).
 */
static int css_hidden(const char *style)
{
	const char *p;
	int zero_height = 0, overflow_hidden = 0;

	for (p = style; *p; p++) {
		if (p > style && (is_alnum((unsigned char)p[-1]) ||
				  p[-1] == '-'))
			continue;
		if (css_decl(p, "display", "none") ||
		    css_decl(p, "visibility", "hidden") ||
		    css_len(p, "opacity", 0) || css_len(p, "font-size", 0) ||
		    css_len(p, "left", 1) || css_len(p, "top", 1) ||
		    css_len(p, "text-indent", 1))
			return 1;
		if (css_len(p, "height", 0) || css_len(p, "max-height", 0))
			zero_height = 1;
		if (css_decl(p, "overflow", "hidden"))
			overflow_hidden = 1;
	}
	return zero_height && overflow_hidden;
}

/* 1 when the space-separated list s holds tok, ignoring ASCII case. */
static int has_token(const char *s, const char *tok)
{
	size_t n;

	for (;;) {
		while (is_space((unsigned char)*s))
			s++;
		if (!*s)
			return 0;
		for (n = 0; s[n] && !is_space((unsigned char)s[n]); n++)
			;
		if (ci_equal(s, n, tok))
			return 1;
		s += n;
	}
}

/*
 * 1 when a class hides the element from sighted readers by the common
 * accessibility conventions ("visually-hidden", "sr-only"): never a
 * responsive class ("hidden md:block" shows on wide screens).
 */
static int hidden_class(const char *cls)
{
	static const char *const names[] = {
		"visually-hidden", "visuallyhidden", "sr-only",
		"screen-reader-text", "screenreader-only", NULL
	};
	size_t i;

	for (i = 0; names[i]; i++)
		if (has_token(cls, names[i]))
			return 1;
	return 0;
}

/* Links. */

/* Bytes a URL path or query may hold as they are. */
static int path_char(int c)
{
	return c > 0x20 && c < 0x7f && !strchr("\"<>\\^`{|}", c);
}

/*
 * Write the URL curl gave into u as links are kept: http or https only,
 * no fragment, the host in lowercase, and the bytes browsers would
 * percent-encode in the path and query encoded.  0, 1 when the URL is
 * dropped, or DS_ENOMEM.
 */
static int url_clean(const char *got, struct buf *u)
{
	size_t p, a_end, host, i;
	char hex[4];
	unsigned char c;
	int rc = 0;

	if (ci_starts(got, SIZE_MAX, "http://"))
		p = 7;
	else if (ci_starts(got, SIZE_MAX, "https://"))
		p = 8;
	else
		return 1;
	a_end = p + strcspn(got + p, "/?#");
	host = p;
	for (i = p; i < a_end; i++)
		if (got[i] == '@')
			host = i + 1;
	/* A host in UTF-8 is kept as written; bytes that are not UTF-8
	 * are no host. */
	if (host == a_end || !ds_utf8_valid(got, a_end))
		return 1;
	buf_reset(u);
	for (i = 0; i < a_end && !rc; i++)
		rc = buf_addc(u, (char)(i < p || i >= host ?
					to_lower((unsigned char)got[i]) :
					got[i]));
	for (i = a_end; got[i] && got[i] != '#' && !rc; i++) {
		c = (unsigned char)got[i];
		if (c <= 0x20 || c >= 0x7f || strchr("\"<>`", c)) {
			snprintf(hex, sizeof(hex), "%%%02X", c);
			rc = buf_add(u, hex, 3);
		} else {
			rc = buf_addc(u, (char)c);
		}
	}
	if (!rc && u->len == a_end)
		rc = buf_addc(u, '/');
	return rc == DS_ENOMEM ? DS_ENOMEM : rc ? 1 : 0;
}

/*
 * The links that need no resolving, most of them: "http(s)://host/path"
 * and paths ("/a/b", "a/b", "?q") made of plain characters and without
 * dot segments.  Builds what curl (and url_clean) would, in a fraction of
 * the time.  0 when done, 1 when curl must do it, DS_ENOMEM.
 */
static int url_simple(struct walk *w, const char *s, size_t n, int scheme,
		      struct buf *u)
{
	size_t i, d, path, end = n, k;
	int rc = 0;
	char c;

	if (scheme) {
		i = to_lower((unsigned char)s[4]) == 's' ? 5 : 4;
		if (i + 3 > n || s[i + 1] != '/' || s[i + 2] != '/')
			return 1;
		for (path = i + 3; path < n && s[path] != '/' &&
		     s[path] != '#'; path++)
			if (!is_alnum((unsigned char)s[path]) &&
			    s[path] != '-' && s[path] != '.')
				return 1;
		if (path == i + 3)
			return 1;
	} else {
		if (s[0] == '.' || (s[0] == '/' && n > 1 &&
				    (s[1] == '/' || s[1] == '\\')))
			return 1;
		path = 0;
	}
	for (i = path; i < n; i++) {
		c = s[i];
		if (c == '#') {
			end = i;
			break;
		}
		if (!path_char((unsigned char)c))
			return 1;
		if (c == '/' && i + 1 < n && s[i + 1] == '.') {
			d = i + 2;
			if (d < n && s[d] == '.')
				d++;
			if (d >= n || s[d] == '/' || s[d] == '?' ||
			    s[d] == '#')
				return 1;
		}
		if (c == '%' && i + 2 < n && s[i + 1] == '2' &&
		    (s[i + 2] | 0x20) == 'e')
			return 1;
	}
	/* curl drops an empty query. */
	if (end > path && s[end - 1] == '?')
		return 1;
	buf_reset(u);
	if (scheme) {
		for (k = 0; k < path && !rc; k++)
			rc = buf_addc(u, (char)to_lower((unsigned char)s[k]));
		if (!rc && path == end)
			rc = buf_addc(u, '/');
	} else if (s[0] == '/') {
		rc = buf_add(u, w->base_str, w->origin_len);
	} else if (s[0] == '?' || end == 0) {
		rc = buf_add(u, w->base_str, w->path_len);
	} else {
		rc = buf_add(u, w->base_str, w->dir_len);
	}
	if (!rc)
		rc = buf_add(u, s + path, end - path);
	return rc == DS_ENOMEM ? DS_ENOMEM : rc ? 1 : 0;
}

/* Resolve s[0..n) with curl's URL API, into u through url_clean. */
static int url_curl(struct walk *w, const char *s, size_t n, struct buf *u)
{
	CURLU *h;
	CURLUcode cc;
	char *got = NULL;
	size_t i;
	int rc = 0;

	/* Browsers drop tabs and newlines inside a URL. */
	buf_reset(u);
	for (i = 0; i < n && !rc; i++)
		if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			rc = buf_addc(u, s[i]);
	if (rc)
		return rc == DS_ENOMEM ? DS_ENOMEM : 1;
	h = w->base ? curl_url_dup(w->base) : curl_url();
	if (!h)
		return DS_ENOMEM;
	cc = curl_url_set(h, CURLUPART_URL, u->ptr, CURLU_URLENCODE);
	if (!cc)
		cc = curl_url_get(h, CURLUPART_URL, &got, 0);
	if (cc == CURLUE_OUT_OF_MEMORY)
		rc = DS_ENOMEM;
	else if (cc)
		rc = 1;
	else
		rc = url_clean(got, u);
	curl_free(got);
	curl_url_cleanup(h);
	return rc;
}

/*
 * Resolve href against the page's base into u: an absolute http or https
 * URL without its fragment.  0, 1 when the link is dropped (another
 * scheme, a link within the page, too long, unparseable), DS_ENOMEM.
 */
static int url_resolve(struct walk *w, const char *href, struct buf *u)
{
	const char *s = href;
	size_t n, i;
	int scheme = 0, rc;

	while (*s && (unsigned char)*s <= 0x20)
		s++;
	n = strnlen(s, URL_MAX + 1);
	if (n > URL_MAX)
		return 1;
	while (n && (unsigned char)s[n - 1] <= 0x20)
		n--;
	if (!n || s[0] == '#')
		return 1;
	if (is_alpha((unsigned char)s[0])) {
		for (i = 1; i < n && (is_alnum((unsigned char)s[i]) ||
				      s[i] == '+' || s[i] == '-' ||
				      s[i] == '.'); i++)
			;
		if (i < n && s[i] == ':') {
			if (!ci_equal(s, i, "http") && !ci_equal(s, i, "https"))
				return 1;
			scheme = 1;
		}
	}
	if (!scheme && !w->base)
		return 1;
	rc = url_simple(w, s, n, scheme, u);
	if (rc <= 0)
		return rc;
	return url_curl(w, s, n, u);
}

/* Make the base for links the (clean) URL s; 0, 1 when unusable. */
static int base_set(struct walk *w, const char *s, size_t n)
{
	CURLU *h;
	char *copy;
	size_t i, q;

	copy = ds_strndup(s, n);
	if (!copy)
		return DS_ENOMEM;
	h = curl_url();
	if (!h || curl_url_set(h, CURLUPART_URL, copy, CURLU_URLENCODE)) {
		curl_url_cleanup(h);
		ds_free(copy);
		return h ? 1 : DS_ENOMEM;
	}
	curl_url_cleanup(w->base);
	ds_free(w->base_str);
	w->base = h;
	w->base_str = copy;
	i = (size_t)(strstr(copy, "://") - copy) + 3;
	w->origin_len = i + strcspn(copy + i, "/?");
	q = w->origin_len + strcspn(copy + w->origin_len, "?");
	w->path_len = q;
	w->dir_len = w->origin_len;
	for (i = w->origin_len; i < q; i++)
		if (copy[i] == '/')
			w->dir_len = i + 1;
	return 0;
}

/* The first <base href> among the children of <head>, or NULL. */
static const char *base_href(GumboOutput *g)
{
	GumboVector *kids;
	GumboNode *head = NULL, *k;
	GumboAttribute *a;
	unsigned int i;

	if (!g->root || g->root->type != GUMBO_NODE_ELEMENT)
		return NULL;
	kids = &g->root->v.element.children;
	for (i = 0; i < kids->length && !head; i++) {
		k = kids->data[i];
		if (k->type == GUMBO_NODE_ELEMENT &&
		    k->v.element.tag == GUMBO_TAG_HEAD)
			head = k;
	}
	if (!head)
		return NULL;
	kids = &head->v.element.children;
	for (i = 0; i < kids->length; i++) {
		k = kids->data[i];
		if (k->type != GUMBO_NODE_ELEMENT ||
		    k->v.element.tag != GUMBO_TAG_BASE)
			continue;
		a = gumbo_get_attribute(&k->v.element.attributes, "href");
		if (a)
			return a->value;
	}
	return NULL;
}

/*
 * Set up the base links resolve against: base_url, then the page's first
 * <base href> (itself resolved against base_url).  Only http and https
 * bases count.
 */
static int base_init(struct walk *w, const char *base_url, GumboOutput *g)
{
	const char *href = base_href(g);
	int rc;

	if (base_url && strnlen(base_url, URL_MAX + 1) <= URL_MAX) {
		rc = url_curl(w, base_url, strlen(base_url), &w->url);
		if (rc < 0)
			return rc;
		if (!rc) {
			rc = base_set(w, w->url.ptr, w->url.len);
			if (rc < 0)
				return rc;
		}
	}
	if (href) {
		rc = url_resolve(w, href, &w->url);
		if (rc < 0)
			return rc;
		if (!rc) {
			rc = base_set(w, w->url.ptr, w->url.len);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

/* FNV-1a. */
static uint64_t hash_str(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

/* 1 when s is already kept, else 0 and *slot is where it goes. */
static int link_seen(struct walk *w, const char *s, size_t *slot)
{
	size_t mask = w->nslots - 1, h = (size_t)hash_str(s) & mask;

	while (w->slots[h]) {
		if (strcmp(w->links[w->slots[h] - 1], s) == 0)
			return 1;
		h = (h + 1) & mask;
	}
	*slot = h;
	return 0;
}

/* Room for one more link in the list and the hash (kept half empty). */
static int link_reserve(struct walk *w)
{
	size_t *slots, n, i, h;
	char **links;

	if (w->nlinks == w->alinks) {
		n = w->alinks ? w->alinks * 2 : 64;
		links = ds_realloc(w->links, n * sizeof(*links));
		if (!links)
			return DS_ENOMEM;
		w->links = links;
		w->alinks = n;
	}
	if ((w->nlinks + 1) * 2 <= w->nslots)
		return 0;
	n = w->nslots ? w->nslots * 2 : 128;
	slots = ds_calloc(n, sizeof(*slots));
	if (!slots)
		return DS_ENOMEM;
	for (i = 0; i < w->nlinks; i++) {
		h = (size_t)hash_str(w->links[i]) & (n - 1);
		while (slots[h])
			h = (h + 1) & (n - 1);
		slots[h] = i + 1;
	}
	ds_free(w->slots);
	w->slots = slots;
	w->nslots = n;
	return 0;
}

/* Keep the link href, resolved, unless it is a duplicate. */
static void link_add(struct walk *w, const char *href)
{
	size_t slot = 0;
	char *copy;
	int rc;

	if (w->links_done)
		return;
	rc = url_resolve(w, href, &w->url);
	if (rc) {
		if (rc < 0)
			w->rc = rc;
		return;
	}
	if (w->nlinks < w->lim->max_links && link_reserve(w)) {
		w->rc = DS_ENOMEM;
		return;
	}
	if (w->nslots && link_seen(w, w->url.ptr, &slot))
		return;
	if (w->nlinks >= w->lim->max_links) {
		w->out->truncated = 1;
		w->links_done = 1;
		return;
	}
	copy = ds_strndup(w->url.ptr, w->url.len);
	if (!copy) {
		w->rc = DS_ENOMEM;
		return;
	}
	w->links[w->nlinks++] = copy;
	w->slots[slot] = w->nlinks;
}

/* The facts a <meta> gives. */
static void meta(struct walk *w, const char *name, const char *prop,
		 const char *content)
{
	const char *keys[2] = { name, prop };
	int i;

	if (!content)
		return;
	for (i = 0; i < 2; i++) {
		if (!keys[i])
			continue;
		if (!strcasecmp(keys[i], "description")) {
			if (!w->desc)
				w->desc = content;
		} else if (!strcasecmp(keys[i], "og:description")) {
			if (!w->og_desc)
				w->og_desc = content;
		} else if (!strcasecmp(keys[i], "article:published_time")) {
			pub_set(w, PUB_ARTICLE, content);
		} else if (i == 0 && !strcasecmp(keys[i], "date")) {
			pub_set(w, PUB_DATE, content);
		}
	}
}

/* What the walk does with an element. */
enum {
	F_BLOCK = 1, F_SKIP = 2, F_PRE = 4, F_DESCEND = 8, F_ASIDE = 16
};

/* Is needle in the n bytes at hay, ignoring ASCII case? */
static const char *find_ci(const char *hay, size_t n, const char *needle)
{
	size_t k = strlen(needle), i;

	for (i = 0; k <= n && i <= n - k; i++)
		if (strncasecmp(hay + i, needle, k) == 0)
			return hay + i;
	return NULL;
}

/*
 * Does a link's address lead to a sign-in or sign-up page ("/login",
 * "/signin?next=", "/accounts/sign-up")?  Only its path and query are
 * looked at, case-insensitively.
 */
static int login_target(const char *href)
{
	static const char *const words[] = {
		"login", "log-in", "log_in", "signin", "sign-in", "sign_in",
		"signup", "sign-up", "sign_up", "register", "join", "auth",
		"oauth", "session", NULL
	};
	const char *p = strstr(href, "://"), *q;
	size_t i, k, n;

	p = p ? strchr(p + 3, '/') : href;
	if (!p)
		return 0;
	n = strlen(p);
	for (i = 0; words[i]; i++) {
		k = strlen(words[i]);
		for (q = p; (q = find_ci(q, n - (size_t)(q - p), words[i]));
		     q++) {
			/* A whole word: not "/author" or "/joinery". */
			if ((q == p || !is_alpha(q[-1])) && !is_alpha(q[k]))
				return 1;
		}
	}
	return 0;
}

/*
 * A log-in wall without a password field on its first screen ("Sign in to
 * view the full profile", "Join to see", "This account is private"):
 * a page with little text of its own (t: outside links, buttons,
 * headers, navigation and footers) whose words ask the reader to sign
 * in, join or follow to see the content, and that links to a sign-in or
 * sign-up page; or whose words say outright that the content is private
 * or for members.  Recognised from the page's structure and wording, not
 * one site's markup.  A page with more of its own text than
 * WALL_TEXT_MAX (a public profile with a "sign in to see more" box, an
 * article with a "log in to comment" form) is never a wall.
 */
/* Does the line t[0..n) ask the reader to sign in to see (1), or say the
 * content is private (2)? */
static int wall_line(const char *t, size_t n)
{
	static const char *const private[] = {
		"account is private", "profile is private",
		"page is private", "posts are private",
		"members only", "members-only", "for members only",
		"you must be logged in", "you must be signed in",
		"you must log in", "you must sign in", "you need to log in",
		"you need to sign in", "please log in to", "please sign in to",
		"login required", "log-in required", "log in required",
		"sign in required", "sign-in required", "only shown to",
		"only visible to", "visible only to", NULL
	};
	static const char *const act[] = {
		"sign in", "sign-in", "log in", "log-in", "login", "join",
		"sign up", "sign-up", "register", "create an account",
		"follow", NULL
	};
	static const char *const to[] = {
		" to see", " to view", " to read", " to continue",
		" to access", " to unlock", " to connect", NULL
	};
	/* A sign-in box's own words: "See more from Jo on X", "See Jo's
	 * full profile", "Log in or create new account". */
	static const char *const box[] = {
		"see more from", "full profile", "log in or create",
		"log in or sign up", "sign in or join", "sign in or register",
		"log in or register", "sign in or create",
		/* A locked profile's box: a wall only beside a way to sign
		 * in and little else ("Moving to my private account" in a
		 * public post is no wall). */
		"private profile", "private account",
		"only approved followers", "only followers can see",
		"only friends can see", NULL
	};
	const char *p, *end = t + n;
	size_t i, j;

	for (i = 0; private[i]; i++)
		if (find_ci(t, n, private[i]))
			return 2;
	for (i = 0; box[i]; i++)
		if (n <= 80 && find_ci(t, n, box[i]))
			return 1;
	for (i = 0; act[i]; i++) {
		for (p = t; (p = find_ci(p, (size_t)(end - p), act[i])); p++) {
			size_t span = (size_t)(end - p) < 60 ?
				      (size_t)(end - p) : 60;

			for (j = 0; to[j]; j++)
				if (find_ci(p, span, to[j]))
					return 1;
		}
	}
	return 0;
}

/*
 * t is the page's own text (n bytes, lines ending in '\n'); a line that
 * asks to sign in, or says the content is private, is a wall line.  A
 * page is a wall when it says its content is private and has little text
 * of its own, or when it asks to sign in to see, links to a sign-in page
 * and shows almost nothing besides (a public profile with a "sign in to
 * see more" box shows its content, and is not a wall).
 */
#define WALL_REST_MAX 120
static int wall_words(const char *t, size_t n, unsigned login_links)
{
	size_t rest = 0, k;
	int kinds = 0, w;

	if (!t || n > WALL_TEXT_MAX)
		return 0;
	while (n) {
		const char *nl = memchr(t, '\n', n);

		k = nl ? (size_t)(nl - t) : n;
		w = wall_line(t, k);
		kinds |= w;
		if (!w)
			rest += k;
		k += nl ? 1 : 0;
		t += k;
		n -= k;
	}
	return (kinds & 2) ||
	       ((kinds & 1) && login_links && rest <= WALL_REST_MAX);
}

/*
 * Look at an element as the walk reaches it: take its metadata and link,
 * and say how to walk it (F_* flags).  Hidden elements (hidden,
 * aria-hidden="true", an inline style with display: none or visibility:
 * hidden) are walked for links but their text is not shown.
 */
static unsigned enter(struct walk *w, GumboNode *node)
{
	GumboElement *el = &node->v.element;
	GumboAttribute *a;
	const char *href = NULL, *rel = NULL, *name = NULL, *prop = NULL;
	const char *content = NULL, *itemprop = NULL, *type = NULL;
	const char *datetime = NULL, *lang = NULL, *style = NULL;
	unsigned kind, flags;
	unsigned int i;
	int hidden = 0;

	if (node->type == GUMBO_NODE_TEMPLATE)
		return 0;
	if (el->tag_namespace != GUMBO_NAMESPACE_HTML)
		return el->tag == GUMBO_TAG_SVG ? 0 : F_DESCEND;
	kind = tag_kind[el->tag];
	for (i = 0; i < el->attributes.length; i++) {
		a = el->attributes.data[i];
		switch (a->name[0]) {
		case 'a':
			if (!strcmp(a->name, "aria-hidden") &&
			    !strcasecmp(a->value, "true"))
				hidden = 1;
			break;
		case 'c':
			if (!strcmp(a->name, "content"))
				content = a->value;
			else if (!strcmp(a->name, "class") &&
				 hidden_class(a->value))
				hidden = 1;
			break;
		case 'd':
			if (!strcmp(a->name, "datetime"))
				datetime = a->value;
			break;
		case 'h':
			if (!strcmp(a->name, "href"))
				href = a->value;
			else if (!strcmp(a->name, "hidden"))
				hidden = 1;
			break;
		case 'i':
			if (!strcmp(a->name, "itemprop"))
				itemprop = a->value;
			break;
		case 'l':
			if (!strcmp(a->name, "lang"))
				lang = a->value;
			break;
		case 'n':
			if (!strcmp(a->name, "name"))
				name = a->value;
			break;
		case 'p':
			if (!strcmp(a->name, "property"))
				prop = a->value;
			break;
		case 'r':
			if (!strcmp(a->name, "rel"))
				rel = a->value;
			break;
		case 's':
			if (!strcmp(a->name, "style"))
				style = a->value;
			break;
		case 't':
			if (!strcmp(a->name, "type"))
				type = a->value;
			break;
		}
	}
	switch (el->tag) {
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
		/* A cell after another of its row's: " | " before its
		 * text (text_put). */
		w->cell = w->line;
		break;
	case GUMBO_TAG_A:
		if (href) {
			link_add(w, href);
			w->login_links += login_target(href);
		}
		break;
	case GUMBO_TAG_HTML:
		if (lang && !w->lang)
			w->lang = lang;
		break;
	case GUMBO_TAG_TITLE:
		if (!w->title)
			w->title = first_text(node);
		break;
	case GUMBO_TAG_META:
		meta(w, name, prop, content);
		break;
	case GUMBO_TAG_LINK:
		if (href && rel && !w->canonical &&
		    has_token(rel, "canonical") &&
		    url_resolve(w, href, &w->url) == 0) {
			w->canonical = ds_strndup(w->url.ptr, w->url.len);
			if (!w->canonical)
				w->rc = DS_ENOMEM;
		}
		break;
	case GUMBO_TAG_INPUT:
		if (type && !strcasecmp(type, "password"))
			w->out->login_wall = 1;
		break;
	case GUMBO_TAG_TIME:
		pub_set(w, PUB_TIME, datetime);
		break;
	case GUMBO_TAG_SCRIPT:
		if (type && !strcasecmp(type, "application/ld+json"))
			jsonld(w, node);
		break;
	default:
		break;
	}
	if (itemprop && !strcmp(itemprop, "datePublished"))
		pub_set(w, PUB_ITEMPROP, content ? content : datetime);
	if (kind & K_PRUNE)
		return 0;
	flags = F_DESCEND;
	if (kind & K_BLOCK)
		flags |= F_BLOCK;
	if (kind & K_PRE)
		flags |= F_PRE;
	if ((kind & K_SKIP) || hidden || (style && css_hidden(style)))
		flags |= F_SKIP;
	if (el->tag == GUMBO_TAG_A || el->tag == GUMBO_TAG_HEADER ||
	    el->tag == GUMBO_TAG_NAV || el->tag == GUMBO_TAG_FOOTER ||
	    el->tag == GUMBO_TAG_ASIDE || el->tag == GUMBO_TAG_BUTTON)
		flags |= F_ASIDE;
	return flags;
}

/* Leave an element the walk went into. */
static void leave(struct walk *w, unsigned flags)
{
	if (flags & F_SKIP)
		w->skip--;
	if (flags & F_PRE)
		w->pre--;
	if (flags & F_ASIDE)
		w->aside--;
	if (flags & F_BLOCK)
		line_end(w);
}

struct frame {
	GumboVector *kids;
	unsigned int next;
	unsigned flags;
};

/*
 * Walk the tree in document order with an explicit stack, at most
 * max_depth elements deep, gathering text, links and metadata.
 */
static int walk_tree(struct walk *w, GumboNode *doc)
{
	struct frame *st, *f;
	size_t sp = 1, alloc, max = (size_t)w->lim->max_depth + 1;
	GumboNode *node;
	unsigned flags;
	int rc = 0;

	alloc = max < 64 ? max : 64;
	st = ds_malloc(alloc * sizeof(*st));
	if (!st)
		return DS_ENOMEM;
	st[0].kids = &doc->v.document.children;
	st[0].next = 0;
	st[0].flags = 0;
	while (sp && !w->rc) {
		f = &st[sp - 1];
		if (f->next >= f->kids->length) {
			leave(w, f->flags);
			sp--;
			continue;
		}
		node = f->kids->data[f->next++];
		switch (node->type) {
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_CDATA:
		case GUMBO_NODE_WHITESPACE:
			if (!w->skip && !w->full)
				text_add(w, node->v.text.text);
			break;
		case GUMBO_NODE_ELEMENT:
		case GUMBO_NODE_TEMPLATE:
			flags = enter(w, node);
			if (flags & F_BLOCK)
				line_end(w);
			if (!(flags & F_DESCEND) ||
			    !node->v.element.children.length)
				break;
			if (sp >= max) {
				w->out->truncated = 1;
				w->out->cut |= DS_PAGE_CUT_DEPTH;
				break;
			}
			if (sp == alloc) {
				alloc = alloc * 2 < max ? alloc * 2 : max;
				f = ds_realloc(st, alloc * sizeof(*st));
				if (!f) {
					rc = DS_ENOMEM;
					goto out;
				}
				st = f;
			}
			st[sp].kids = &node->v.element.children;
			st[sp].next = 0;
			st[sp].flags = flags;
			sp++;
			if (flags & F_SKIP)
				w->skip++;
			if (flags & F_PRE)
				w->pre++;
			if (flags & F_ASIDE)
				w->aside++;
			break;
		default:
			break;
		}
	}
	rc = w->rc;
out:
	ds_free(st);
	return rc;
}

/* Move what the walk found into out. */
static int finish(struct walk *w)
{
	struct ds_page *out = w->out;
	const char *desc = w->desc ? w->desc : w->og_desc;
	int i;

	line_end(w);
	if (w->rc)
		return w->rc;
	out->title = fold_dup(w->title ? w->title : "", META_MAX,
			      &out->truncated);
	out->description = fold_dup(desc ? desc : "", META_MAX,
				    &out->truncated);
	out->lang = fold_dup(w->lang ? w->lang : "", LANG_MAX,
			     &out->truncated);
	if (!out->title || !out->description || !out->lang)
		return DS_ENOMEM;
	out->canonical = w->canonical;
	w->canonical = NULL;
	for (i = 0; i < PUB_N && !out->published; i++) {
		if (!w->pub[i][0])
			continue;
		out->published = ds_strdup(w->pub[i]);
		if (!out->published)
			return DS_ENOMEM;
	}
	out->text = buf_detach(&w->text, &out->text_len);
	if (!out->text)
		return DS_ENOMEM;
	if (!out->login_wall && !w->wall_full &&
	    wall_words(w->wall.ptr, w->wall.len, w->login_links))
		out->login_wall = 1;
	out->links = w->links;
	out->nlinks = w->nlinks;
	w->links = NULL;
	w->nlinks = 0;
	return 0;
}

/* Free what the walk still holds (all of it when it failed). */
static void walk_release(struct walk *w)
{
	size_t i;

	buf_release(&w->text);
	buf_release(&w->url);
	buf_release(&w->wall);
	for (i = 0; i < w->nlinks; i++)
		ds_free(w->links[i]);
	ds_free(w->links);
	ds_free(w->slots);
	ds_free(w->canonical);
	ds_free(w->base_str);
	curl_url_cleanup(w->base);
}

int ds_page_parse(const char *body, size_t len, const char *content_type,
		  const char *base_url, const struct ds_page_limits *lim,
		  struct ds_page *out, struct ds_err *err)
{
	struct ds_page_limits def;
	struct walk w;
	GumboOptions opt = kGumboDefaultOptions;
	GumboOutput *g = NULL;
	const char *html = NULL;
	char *own = NULL;
	size_t hlen = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&w, 0, sizeof(w));
	if (!lim) {
		ds_page_limits_default(&def);
		lim = &def;
	}
	w.out = out;
	w.lim = lim;
	buf_init(&w.text, lim->max_text ? lim->max_text : 1);
	buf_init(&w.url, URL_BUF_MAX);
	buf_init(&w.wall, WALL_TEXT_MAX);
	if (!body)
		len = 0;
	if (len > lim->max_input) {
		len = lim->max_input;
		out->truncated = 1;
		out->cut |= DS_PAGE_CUT_INPUT;
	}
	rc = decode(body ? body : "", len, content_type, out->truncated, out,
		    &html, &hlen, &own, err);
	if (rc)
		goto out;
	/* What the guard blanks is markup, never text: the walk below
	 * notes the depth cut that loses text. */
	rc = nest_guard(&html, hlen, &own,
			(size_t)lim->max_depth + NEST_SLACK, &out->truncated);
	if (rc)
		goto out;
	/* Parse errors are not used: do not keep them. */
	opt.max_errors = 0;
	g = gumbo_parse_with_options(&opt, html, hlen);
	if (!g) {
		rc = DS_ENOMEM;
		goto out;
	}
	rc = base_init(&w, base_url, g);
	if (!rc)
		rc = walk_tree(&w, g->document);
	if (!rc)
		rc = finish(&w);
out:
	if (g)
		gumbo_destroy_output(&opt, g);
	ds_free(own);
	walk_release(&w);
	if (rc) {
		ds_page_release(out);
		if (rc == DS_ENOMEM)
			ds_err_set(err, DS_ENOMEM,
				   "out of memory parsing the page");
	}
	return rc;
}

void ds_page_release(struct ds_page *p)
{
	size_t i;

	if (!p)
		return;
	ds_free(p->title);
	ds_free(p->description);
	ds_free(p->canonical);
	ds_free(p->lang);
	ds_free(p->published);
	ds_free(p->text);
	for (i = 0; i < p->nlinks; i++)
		ds_free(p->links[i]);
	ds_free(p->links);
	memset(p, 0, sizeof(*p));
}
