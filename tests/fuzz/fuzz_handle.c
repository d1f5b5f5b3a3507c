/*
 * fuzz_handle.c: ds_handle_normalise, the check on every declared handle
 * and personal URL before any URL is built from it.
 *
 * Input: byte 0 picks the platform (modulo their number; 0xff an unknown
 * platform name taken from the input) and, when its top bit is set, a
 * small output buffer; the rest is the handle (a C string: it ends at
 * the first NUL).  Checked: a refusal is DS_EDATA with a message; an
 * accepted handle fits the buffer, has no byte that could change a URL's
 * structure (handles) or leave its host (URLs), and is accepted again,
 * unchanged, when normalised a second time.  Then ds_handle_resolve, the
 * check on a declaration on any platform: the input up to its first
 * newline is the platform name, the rest the handle, then the address;
 * what it accepts obeys the same rules, under a recordable platform name.
 */
#include "fuzz.h"
#include "handle.h"
#include "sitelist.h"

static const char fuzz_sites[] =
	"{\"sites\": [{\"name\": \"ShelfTalk\", \"uri_check\": "
	"\"http://shelf.example/r/{account}\", \"e_code\": 200, "
	"\"e_string\": \"x\"}, {\"name\": \"Pals\", \"uri_check\": "
	"\"http://pals.example/api?u={account}\", \"uri_pretty\": "
	"\"http://pals.example/@{account}/\", \"e_code\": 200, "
	"\"e_string\": \"x\"}]}";

static void check_handle(const char *platform, const char *h)
{
	size_t n = strlen(h), i, at = 0;

	FUZZ_ASSERT(n > 0);
	FUZZ_ASSERT(!fuzz_has_ctl(h, n));
	if (strcmp(platform, "url") == 0) {
		size_t skip = strncmp(h, "https://", 8) == 0 ? 8 : 7;

		FUZZ_ASSERT(strncmp(h, "http://", 7) == 0 || skip == 8);
		FUZZ_ASSERT(!memchr(h + skip, '@', strcspn(h + skip, "/?#")));
		for (i = 0; i < n; i++)
			FUZZ_ASSERT((unsigned char)h[i] > 0x20 &&
				    (unsigned char)h[i] < 0x7f &&
				    !strchr("\"<>\\^`{|} ", h[i]));
		return;
	}
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(!strchr("/?#%:&=+\\ \"'<>", h[i]));
		FUZZ_ASSERT((unsigned char)h[i] < 0x7f);
		at += h[i] == '@';
	}
	FUZZ_ASSERT(strspn(h, ".") != n);
	FUZZ_ASSERT(at == (strcmp(platform, "mastodon") == 0));
}

/* Resolve platform + value as a handle, then as an address. */
static void check_resolve(const char *input, const struct ds_sitelist *l)
{
	static struct ds_handle_decl d;
	const char *nl = strchr(input, '\n');
	char platform[64];
	struct ds_err err;
	int pass, rc;
	size_t n;

	if (!nl || (size_t)(nl - input) >= sizeof(platform))
		return;
	n = (size_t)(nl - input);
	memcpy(platform, input, n);
	platform[n] = '\0';
	for (pass = 0; pass < 2; pass++) {
		ds_err_init(&err);
		rc = ds_handle_resolve(platform, pass ? NULL : nl + 1,
				       pass ? nl + 1 : NULL, l, &d, &err);
		if (rc) {
			FUZZ_ASSERT(rc == DS_EDATA && err.code == rc &&
				    err.msg[0]);
			FUZZ_ASSERT(!fuzz_has_ctl(err.msg, strlen(err.msg)));
			FUZZ_ASSERT(!strchr(err.msg, '\n'));
			continue;
		}
		FUZZ_ASSERT(d.platform[0] && strlen(d.platform) <=
			    DS_PLATFORM_NAME_MAX);
		check_handle(d.platform, d.handle);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	static struct ds_sitelist list;
	const struct ds_platform *p = ds_platforms();
	char out[DS_HANDLE_MAX + 1], again[DS_HANDLE_MAX + 1];
	const char *platform;
	size_t np, outsize;
	struct ds_err err;
	char *handle;
	int rc;

	ds_err_init(&err);
	if (!ready) {
		ready = 1;
		FUZZ_ASSERT(ds_handle_normalise("x", "@Jane_S", out,
						sizeof(out), &err) == 0);
		FUZZ_ASSERT(ds_sitelist_parse(&list, fuzz_sites,
					      sizeof(fuzz_sites) - 1,
					      &err) == 0);
	}
	if (size < 1)
		return 0;
	for (np = 0; p[np].name; np++)
		;
	handle = fuzz_str(data + 1, size - 1);
	check_resolve(handle, &list);
	platform = data[0] == 0xff ? handle : p[(data[0] & 0x7f) % np].name;
	outsize = data[0] & 0x80 ? (size_t)(data[0] & 0x1f) : sizeof(out);
	memset(out, 'X', sizeof(out));
	ds_err_init(&err);
	rc = ds_handle_normalise(platform, handle, out, outsize, &err);
	if (rc) {
		FUZZ_ASSERT(rc == DS_EDATA && err.code == rc && err.msg[0]);
		FUZZ_ASSERT(outsize == 0 || out[0] == '\0');
		/* The message quotes the value safely. */
		FUZZ_ASSERT(!fuzz_has_ctl(err.msg, strlen(err.msg)));
		goto done;
	}
	FUZZ_ASSERT(memchr(out, '\0', outsize));
	check_handle(ds_platform_find(platform)->name, out);
	ds_err_init(&err);
	FUZZ_ASSERT(ds_handle_normalise(platform, out, again, sizeof(again),
					&err) == 0);
	FUZZ_ASSERT(strcmp(out, again) == 0);
done:
	free(handle);
	return 0;
}
