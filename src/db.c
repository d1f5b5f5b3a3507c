/*
 * db.c: opening the case file, migrations, transactions and binding.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "mem.h"

/* How long a write waits for another process's lock, in milliseconds. */
static int busy_timeout_ms(void)
{
	const char *s = getenv("DUESEARCH_BUSY_TIMEOUT_MS");
	char *end;
	long v;

	if (!s || !*s)
		return 5000;
	v = strtol(s, &end, 10);
	if (*end || v < 0 || v > 600000)
		return 5000;
	return (int)v;
}

int ds_db_latest_version(void)
{
	int v = 0;
	const struct ds_migration *m;

	for (m = ds_migrations; m->version; m++)
		if (m->version > v)
			v = m->version;
	return v;
}

int ds_db_error(sqlite3 *db, int rc, const char *what, struct ds_err *err)
{
	const char *file = db ? sqlite3_db_filename(db, "main") : NULL;
	const char *msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);

	if (!file || !*file)
		file = "the database";
	/* A full disk often shows as an I/O error (growing the WAL index). */
	if ((rc & 0xff) == SQLITE_FULL ||
	    ((rc & 0xff) == SQLITE_IOERR && db &&
	     sqlite3_system_errno(db) == ENOSPC))
		return ds_err_set(err, DS_EIO, "%s: the disk holding '%s' is "
				  "full: free space and try again (nothing "
				  "was changed)", what, file);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ds_err_set(err, DS_EBUSY, "%s: database '%s' is locked "
				  "by another process: try again when it has "
				  "finished", what, file);
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		return ds_err_set(err, DS_EIO, "%s: cannot write '%s': %s: "
				  "check the file and folder permissions",
				  what, file, msg);
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return ds_err_set(err, DS_EIO, "%s: '%s' is not a readable "
				  "duesearch database (%s): check --db or "
				  "restore a backup", what, file, msg);
	case SQLITE_IOERR:
		return ds_err_set(err, DS_EIO, "%s: input/output error on '%s' "
				  "(%s): check the disk", what, file, msg);
	case SQLITE_NOMEM:
		return ds_err_set(err, DS_ENOMEM, "%s: out of memory", what);
	case SQLITE_CONSTRAINT:
		return ds_err_set(err, DS_EEXIST, "%s: %s", what, msg);
	default:
		return ds_err_set(err, DS_EIO, "%s: database error: %s", what,
				  msg);
	}
}

/* Apply every migration newer than the file's user_version. */
static int migrate(sqlite3 *db, const char *path, struct ds_err *err)
{
	const struct ds_migration *m;
	sqlite3_int64 have = 0;
	char *errmsg = NULL;
	char pragma[64];
	int rc, latest = ds_db_latest_version();

	rc = ds_db_int(db, &have, err, "PRAGMA user_version", "");
	if (rc)
		return rc;
	if (have > latest)
		return ds_err_set(err, DS_EIO, "database '%s' has schema "
				  "version %lld, newer than this duesearch "
				  "(%d): upgrade duesearch", path,
				  (long long)have, latest);
	for (m = ds_migrations; m->version; m++) {
		if (m->version <= have)
			continue;
		rc = ds_db_begin(db, err);
		if (rc)
			return rc;
		rc = sqlite3_exec(db, m->sql, NULL, NULL, &errmsg);
		if (rc == SQLITE_OK) {
			snprintf(pragma, sizeof(pragma),
				 "PRAGMA user_version = %d", m->version);
			rc = sqlite3_exec(db, pragma, NULL, NULL, NULL);
		}
		if (rc == SQLITE_NOMEM) {
			ds_db_rollback(db);
			sqlite3_free(errmsg);
			return ds_err_set(err, DS_ENOMEM, "migration %s: out "
					  "of memory", m->name);
		}
		if (rc != SQLITE_OK) {
			ds_db_rollback(db);
			ds_err_set(err, DS_EIO, "migration %s failed: %s: "
				   "restore a backup and report this bug",
				   m->name, errmsg ? errmsg :
				   sqlite3_errstr(rc));
			sqlite3_free(errmsg);
			return DS_EIO;
		}
		rc = ds_db_commit(db, err);
		if (rc)
			return rc;
	}
	return 0;
}

/* Refuse a database file others may read: it holds personal data. */
static int check_mode(const char *path, struct ds_err *err)
{
	struct stat st;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return ds_err_set(err, DS_ENODB, "cannot open '%s': "
					  "no such database: run 'duesearch "
					  "init' first or pass --db", path);
		return ds_err_set(err, DS_EIO, "cannot open '%s': %s: check "
				  "the path", path, strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return ds_err_set(err, DS_EIO, "cannot open '%s': not a "
				  "regular file: pass --db with a database "
				  "file", path);
	if (st.st_mode & 077)
		return ds_err_set(err, DS_EPERM, "database '%s' is readable by "
				  "others (mode %03o): run 'chmod 600 %s'",
				  path, (unsigned)(st.st_mode & 0777), path);
	return 0;
}

/* Create the empty file with mode 0600 so SQLite never widens it. */
static int create_file(const char *path, struct ds_err *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

	if (fd < 0) {
		if (errno == EEXIST)
			return ds_err_set(err, DS_EEXIST, "'%s' already "
					  "exists: pass another --db or remove "
					  "it first", path);
		return ds_err_set(err, DS_EIO, "cannot create '%s': %s: check "
				  "the folder", path, strerror(errno));
	}
	close(fd);
	return 0;
}

int ds_db_open(const char *path, int create, sqlite3 **out,
	       struct ds_err *err)
{
	sqlite3 *db = NULL;
	int rc;

	*out = NULL;
	if (create) {
		rc = create_file(path, err);
		if (rc)
			return rc;
	} else {
		rc = check_mode(path, err);
		if (rc)
			return rc;
	}
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
			     SQLITE_OPEN_NOFOLLOW, NULL);
	if (rc != SQLITE_OK) {
		rc = ds_db_error(db, rc, "cannot open the database", err);
		goto out;
	}
	sqlite3_extended_result_codes(db, 0);
	sqlite3_busy_timeout(db, busy_timeout_ms());
	rc = ds_db_exec(db, err, "PRAGMA foreign_keys = ON", "");
	if (!rc)
		rc = ds_db_exec(db, err, "PRAGMA secure_delete = ON", "");
	if (!rc)
		rc = ds_db_exec(db, err, "PRAGMA journal_mode = WAL", "");
	if (!rc)
		rc = ds_db_exec(db, err, "PRAGMA synchronous = FULL", "");
	if (!rc)
		rc = migrate(db, path, err);
out:
	if (rc) {
		sqlite3_close(db);
		if (create)
			unlink(path);
		return rc;
	}
	*out = db;
	return 0;
}

void ds_db_close(sqlite3 *db)
{
	sqlite3_close(db);
}

int ds_db_begin(sqlite3 *db, struct ds_err *err)
{
	int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);

	if (rc != SQLITE_OK)
		return ds_db_error(db, rc, "cannot start a transaction", err);
	return 0;
}

int ds_db_commit(sqlite3 *db, struct ds_err *err)
{
	int rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);

	if (rc != SQLITE_OK) {
		rc = ds_db_error(db, rc, "cannot save the change", err);
		ds_db_rollback(db);
		return rc;
	}
	return 0;
}

void ds_db_rollback(sqlite3 *db)
{
	if (!sqlite3_get_autocommit(db))
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
}

/* Bind the arguments described by types to stmt. */
static int bind_args(sqlite3_stmt *stmt, const char *types, va_list ap)
{
	int i, rc = SQLITE_OK;

	for (i = 0; types[i] && rc == SQLITE_OK; i++) {
		int at = i + 1;

		switch (types[i]) {
		case 'i':
			rc = sqlite3_bind_int64(stmt, at,
						va_arg(ap, sqlite3_int64));
			break;
		case 'd':
			rc = sqlite3_bind_int(stmt, at, va_arg(ap, int));
			break;
		case 't': {
			const char *s = va_arg(ap, const char *);

			rc = s ? sqlite3_bind_text(stmt, at, s, -1,
						   SQLITE_TRANSIENT) :
				 sqlite3_bind_null(stmt, at);
			break;
		}
		case 'b': {
			const void *p = va_arg(ap, const void *);
			int n = va_arg(ap, int);

			rc = p ? sqlite3_bind_blob(stmt, at, p, n,
						   SQLITE_TRANSIENT) :
				 sqlite3_bind_null(stmt, at);
			break;
		}
		default:
			return SQLITE_MISUSE;
		}
	}
	return rc;
}

static int vprepare(sqlite3 *db, sqlite3_stmt **stmt, struct ds_err *err,
		    const char *sql, const char *types, va_list ap)
{
	int rc;

	*stmt = NULL;
	rc = sqlite3_prepare_v2(db, sql, -1, stmt, NULL);
	if (rc == SQLITE_OK)
		rc = bind_args(*stmt, types, ap);
	if (rc != SQLITE_OK) {
		rc = ds_db_error(db, rc, "cannot prepare a query", err);
		sqlite3_finalize(*stmt);
		*stmt = NULL;
		return rc;
	}
	return 0;
}

int ds_db_prepare(sqlite3 *db, sqlite3_stmt **stmt, struct ds_err *err,
		  const char *sql, const char *types, ...)
{
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = vprepare(db, stmt, err, sql, types, ap);
	va_end(ap);
	return rc;
}

int ds_db_step(sqlite3 *db, sqlite3_stmt *stmt, const char *what,
	       struct ds_err *err)
{
	int rc = sqlite3_step(stmt);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return ds_db_error(db, rc, what, err);
}

int ds_db_ids(sqlite3 *db, int64_t **ids, size_t *n, struct ds_err *err,
	      const char *what, const char *sql, const char *types, ...)
{
	sqlite3_stmt *stmt;
	va_list ap;
	int rc;

	*ids = NULL;
	*n = 0;
	va_start(ap, types);
	rc = vprepare(db, &stmt, err, sql, types, ap);
	va_end(ap);
	if (rc)
		return rc;
	while ((rc = ds_db_step(db, stmt, what, err)) == 1) {
		int64_t *grown = ds_realloc(*ids, (*n + 1) * sizeof(**ids));

		if (!grown) {
			rc = ds_err_set(err, DS_ENOMEM, "out of memory");
			break;
		}
		*ids = grown;
		(*ids)[(*n)++] = sqlite3_column_int64(stmt, 0);
	}
	sqlite3_finalize(stmt);
	if (rc < 0) {
		ds_free(*ids);
		*ids = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}

int ds_db_exec(sqlite3 *db, struct ds_err *err, const char *sql,
	       const char *types, ...)
{
	sqlite3_stmt *stmt;
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = vprepare(db, &stmt, err, sql, types, ap);
	va_end(ap);
	if (rc)
		return rc;
	do
		rc = ds_db_step(db, stmt, "cannot save the change", err);
	while (rc == 1);
	sqlite3_finalize(stmt);
	return rc;
}

int ds_db_int(sqlite3 *db, sqlite3_int64 *out, struct ds_err *err,
	      const char *sql, const char *types, ...)
{
	sqlite3_stmt *stmt;
	va_list ap;
	int rc;

	va_start(ap, types);
	rc = vprepare(db, &stmt, err, sql, types, ap);
	va_end(ap);
	if (rc)
		return rc;
	rc = ds_db_step(db, stmt, "cannot read the database", err);
	if (rc == 1) {
		*out = sqlite3_column_int64(stmt, 0);
		rc = 0;
	} else if (rc == 0) {
		rc = DS_ENOTFOUND;
	}
	sqlite3_finalize(stmt);
	return rc;
}
