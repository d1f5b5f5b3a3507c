/*
 * err.h: error codes and the error buffer every library call takes.
 *
 * Library functions return 0 on success or a negative DS_E* code.  Human
 * detail goes into a struct ds_err that is written only on failure, so a
 * caller can chain calls and report the first error.  Messages are one
 * line, lowercase, without a full stop, and name the object and the fix:
 *   cannot open 'x.db': run 'duesearch init' first
 * Only main() turns a code into an exit status (see ds_err_exit_code).
 */
#ifndef DS_ERR_H
#define DS_ERR_H

#include <stddef.h>

enum ds_errcode {
	DS_OK = 0,
	DS_EUSAGE = -1,     /* bad command line: an unknown option... */
	DS_EDATA = -2,      /* malformed input: a bad date, handle, text */
	DS_ENOTFOUND = -3,  /* unknown id, reference or name */
	DS_EEXIST = -4,     /* duplicate */
	DS_EPERM = -5,      /* the acting person's role does not allow it */
	DS_EBUSY = -6,      /* database locked by another process */
	DS_EIO = -7,        /* file or database I/O failed */
	DS_ENOMEM = -8,     /* allocation failed */
	DS_ECONFIG = -9,    /* configuration file wrong */
	DS_EKEY = -10,      /* key store missing, wrong or damaged */
	DS_ECRYPTO = -11,   /* encryption or authentication failed */
	DS_EREFUSED = -12,  /* the gate refused: a rule says no */
	DS_ESTATE = -13,    /* the object is in the wrong state for this */
	DS_ENODB = -14,     /* database missing: run init */
	DS_EINTERNAL = -15  /* a bug: cannot happen */
};

#define DS_ERR_MSG_MAX 512

struct ds_err {
	int code;
	char msg[DS_ERR_MSG_MAX];
};

/* Clear an error buffer before use. */
void ds_err_init(struct ds_err *err);

/*
 * Record an error and return its code, so callers can write
 *   return ds_err_set(err, DS_EDATA, "bad date '%s': use YYYY-MM-DD", s);
 * A NULL err is allowed (the detail is dropped).  A message that does not
 * fit is cut and ends in "...".
 */
int ds_err_set(struct ds_err *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Map a DS_E* code to a sysexits(3)-style exit status. */
int ds_err_exit_code(int code);

/* A short fixed name for a code ("usage", "not-found", ...), for --json. */
const char *ds_err_name(int code);

#endif
