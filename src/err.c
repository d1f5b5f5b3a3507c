/*
 * err.c: the error buffer and the mapping of codes to exit statuses.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

void ds_err_init(struct ds_err *err)
{
	err->code = 0;
	err->msg[0] = '\0';
}

/*
 * Make a message safe for a terminal or a log: every C0 control, DEL, C1
 * control (UTF-8 C2 80-9F), bidi embedding, override or isolate, and
 * zero-width character becomes '?', whatever part of the message quoted
 * it (an id, a configuration key, a file name).  The message stays one
 * line: callers never put a newline in one.
 */
static void msg_clean(char *m)
{
	unsigned char *p = (unsigned char *)m;
	size_t n = strlen(m), i, o = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = p[i];

		if (c < 0x20 || c == 0x7f) {
			p[o++] = '?';
		} else if (c == 0xc2 && i + 1 < n && p[i + 1] >= 0x80 &&
			   p[i + 1] <= 0x9f) {
			p[o++] = '?';
			i++;
		} else if (c == 0xe2 && i + 2 < n &&
			   ((p[i + 1] == 0x80 && ((p[i + 2] >= 0x8b &&
						   p[i + 2] <= 0x8f) ||
						  (p[i + 2] >= 0xaa &&
						   p[i + 2] <= 0xae))) ||
			    (p[i + 1] == 0x81 && ((p[i + 2] >= 0xa0 &&
						   p[i + 2] <= 0xa4) ||
						  (p[i + 2] >= 0xa6 &&
						   p[i + 2] <= 0xa9))))) {
			p[o++] = '?';
			i += 2;
		} else if (c == 0xef && i + 2 < n && p[i + 1] == 0xbb &&
			   p[i + 2] == 0xbf) {
			p[o++] = '?';
			i += 2;
		} else {
			p[o++] = c;
		}
	}
	p[o] = '\0';
}

int ds_err_set(struct ds_err *err, int code, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err)
		return code;
	err->code = code;
	va_start(ap, fmt);
	n = vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	if (n < 0)
		snprintf(err->msg, sizeof(err->msg), "error %d", code);
	else if ((size_t)n >= sizeof(err->msg))
		memcpy(err->msg + sizeof(err->msg) - 4, "...", 4);
	msg_clean(err->msg);
	return code;
}

/* sysexits(3) values, spelled out so no header is needed. */
enum {
	EX_USAGE_ = 64, EX_DATAERR_ = 65, EX_NOINPUT_ = 66,
	EX_UNAVAILABLE_ = 69, EX_SOFTWARE_ = 70, EX_OSERR_ = 71,
	EX_IOERR_ = 74, EX_TEMPFAIL_ = 75, EX_NOPERM_ = 77, EX_CONFIG_ = 78
};

static const struct {
	int code;
	int exit_code;
	const char *name;
} codes[] = {
	{ DS_EUSAGE, EX_USAGE_, "usage" },
	{ DS_EDATA, EX_DATAERR_, "bad-input" },
	{ DS_ENOTFOUND, EX_NOINPUT_, "not-found" },
	{ DS_EEXIST, EX_DATAERR_, "duplicate" },
	{ DS_EPERM, EX_NOPERM_, "permission" },
	{ DS_EBUSY, EX_TEMPFAIL_, "busy" },
	{ DS_EIO, EX_IOERR_, "io" },
	{ DS_ENOMEM, EX_OSERR_, "no-memory" },
	{ DS_ECONFIG, EX_CONFIG_, "config" },
	{ DS_EKEY, EX_CONFIG_, "key" },
	{ DS_ECRYPTO, EX_DATAERR_, "crypto" },
	{ DS_EREFUSED, 1, "refused" },
	{ DS_ESTATE, EX_DATAERR_, "state" },
	{ DS_ENODB, EX_NOINPUT_, "no-database" },
	{ DS_EINTERNAL, EX_SOFTWARE_, "internal" },
};

int ds_err_exit_code(int code)
{
	size_t i;

	if (code == 0)
		return 0;
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i].code == code)
			return codes[i].exit_code;
	return EX_SOFTWARE_;
}

const char *ds_err_name(int code)
{
	size_t i;

	if (code == 0)
		return "ok";
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (codes[i].code == code)
			return codes[i].name;
	return "internal";
}
