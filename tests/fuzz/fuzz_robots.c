/*
 * fuzz_robots.c: the fetcher's robots.txt parser and matcher (RFC 9309),
 * which are static in src/fetch.c: the file is included here.
 *
 * Input: the robots.txt body, then a FUZZ_SEP line, then a path to check
 * (fixed paths are checked too).  Checked: robots_match agrees with a
 * plain dynamic-programming matcher on every rule and path, and the
 * verdict is the longest matching rule's (Allow on a tie).
 */
#include "../../src/fetch.c"

#include "fuzz.h"

/*
 * The reference: does pat ('*' any run, a final '$' the end) match a
 * prefix of path (the whole path when it ends in '$')?
 */
static int ref_match(const char *pat, const char *path)
{
	size_t m = strlen(pat), n = strlen(path), i, j;
	unsigned char *row, *next;
	int anchored = m > 0 && pat[m - 1] == '$', any = 0;

	if (anchored)
		m--;
	row = calloc(n + 1, 1);
	next = calloc(n + 1, 1);
	FUZZ_ASSERT(row && next);
	row[0] = 1;     /* the empty pattern matches the empty prefix */
	for (i = 0; i < m; i++) {
		memset(next, 0, n + 1);
		for (j = 0; j <= n; j++) {
			if (pat[i] == '*')
				next[j] = row[j] || (j > 0 && next[j - 1]);
			else
				next[j] = j > 0 && row[j - 1] &&
					  path[j - 1] == pat[i];
		}
		memcpy(row, next, n + 1);
	}
	if (anchored)
		any = row[n];
	else
		for (j = 0; j <= n && !any; j++)
			any = row[j];
	free(row);
	free(next);
	return any;
}

static void check_path(const struct host *h, const char *path)
{
	size_t i, best = 0;
	int allow = 1;

	for (i = 0; i < h->nrules; i++) {
		size_t len = strlen(h->rules[i].path);
		int m = robots_match(h->rules[i].path, path);

		if (m != ref_match(h->rules[i].path, path)) {
			fprintf(stderr, "rule '%s' path '%s': %d\n",
				h->rules[i].path, path, m);
			FUZZ_ASSERT(!"robots_match agrees with the reference");
		}
		if (m && (len > best || (len == best && h->rules[i].allow))) {
			best = len;
			allow = h->rules[i].allow;
		}
	}
	FUZZ_ASSERT(robots_allows(h, path) == allow);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[] = {
		"/", "/index.html", "/private/x", "/a/b?c=d", "/search?q=1",
		"/x.php", "/x.php5", "/%7Euser/", "/*", "/$", ""
	};
	struct host h;
	char *text, *path;
	size_t tl, pl, i;

	if (size > ROBOTS_MAX)
		return 0;
	fuzz_split(data, size, &text, &tl, &path, &pl);
	memset(&h, 0, sizeof(h));
	robots_parse(&h, text);
	for (i = 0; i < h.nrules; i++)
		FUZZ_ASSERT(h.rules[i].path && h.rules[i].path[0]);
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		check_path(&h, paths[i]);
	if (path && pl < 4096)
		check_path(&h, path);
	for (i = 0; i < h.nrules; i++)
		ds_free(h.rules[i].path);
	ds_free(h.rules);
	free(text);
	free(path);
	return 0;
}
