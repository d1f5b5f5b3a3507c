/*
 * db.h: the SQLite case file: opening, migrations, transactions and small
 * helpers for prepared statements with bound parameters.
 *
 * The database is one SQLite file in WAL mode with foreign keys on and
 * secure_delete on (deleted content is overwritten, which a purge relies
 * on).  Migrations are schemas/NNN_*.sql, compiled into the binary as
 * ds_migrations[] and applied in order under PRAGMA user_version.
 */
#ifndef DS_DB_H
#define DS_DB_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"

struct ds_migration {
	int version;
	const char *name;
	const char *sql;
};

/* Terminated by an entry with version 0 (generated from schemas/). */
extern const struct ds_migration ds_migrations[];

/* The schema version this binary brings. */
int ds_db_latest_version(void);

/*
 * Open the database at path.  With create, the file must not exist yet
 * and is made with mode 0600; without, it must exist and must not be
 * readable by group or others.  Applies pending migrations.  On failure
 * *out is NULL and err says what to do.
 */
int ds_db_open(const char *path, int create, sqlite3 **out,
	       struct ds_err *err);

/* Close a handle from ds_db_open (NULL is fine). */
void ds_db_close(sqlite3 *db);

/*
 * Turn the last SQLite error on db into a DS_E* code and message; what
 * says what was being done ("cannot add the vacancy").
 */
int ds_db_error(sqlite3 *db, int rc, const char *what, struct ds_err *err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
int ds_db_begin(sqlite3 *db, struct ds_err *err);
int ds_db_commit(sqlite3 *db, struct ds_err *err);
void ds_db_rollback(sqlite3 *db);

/*
 * Prepare sql and bind parameters described by types, one letter each:
 *   i  sqlite3_int64      t  const char * (NULL binds NULL)
 *   b  const void *, int (a blob and its length; NULL binds NULL)
 *   d  int
 * On success *stmt is ready to step; the caller finalizes it.
 */
int ds_db_prepare(sqlite3 *db, sqlite3_stmt **stmt, struct ds_err *err,
		  const char *sql, const char *types, ...);

/*
 * Run a statement, stepping through any rows it returns.
 */
int ds_db_exec(sqlite3 *db, struct ds_err *err, const char *sql,
	       const char *types, ...);

/*
 * Run a query for one integer (first column of the first row).  No row is
 * DS_ENOTFOUND with no message set (the caller words it).
 */
int ds_db_int(sqlite3 *db, sqlite3_int64 *out, struct ds_err *err,
	      const char *sql, const char *types, ...);

/* Step a statement; 1 for a row, 0 for done, negative on error. */
int ds_db_step(sqlite3 *db, sqlite3_stmt *stmt, const char *what,
	       struct ds_err *err);

/*
 * Run a query and collect the first column of every row as integers
 * into *ids (the caller frees it with ds_free), their count in *n.
 * what words a read error ("cannot read the key file").  On failure
 * *ids is NULL and *n 0.
 */
int ds_db_ids(sqlite3 *db, int64_t **ids, size_t *n, struct ds_err *err,
	      const char *what, const char *sql, const char *types, ...);

#endif
