/*
 * keystore.c: the key file (see keystore.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "keystore.h"
#include "mem.h"
#include "text.h"

struct ds_keystore {
	sqlite3 *db;
	char *path;
	char org_uuid[64];
	uint8_t audit_key[DS_KEY_LEN];
};

static const char keystore_schema[] =
	"CREATE TABLE org_key (id INTEGER PRIMARY KEY CHECK (id = 1),"
	" org_uuid TEXT NOT NULL, audit_key BLOB NOT NULL,"
	" created TEXT NOT NULL);"
	"CREATE TABLE dek (candidate_id INTEGER PRIMARY KEY,"
	" key BLOB NOT NULL, created TEXT NOT NULL);"
	"PRAGMA user_version = 1;";

void ds_keystore_close(struct ds_keystore *ks)
{
	if (!ks)
		return;
	sqlite3_close(ks->db);
	ds_wipe(ks->audit_key, sizeof(ks->audit_key));
	ds_free(ks->path);
	ds_free(ks);
}

/* Open the SQLite file behind a key store, checking its mode. */
static int ks_sqlite_open(struct ds_keystore *ks, struct ds_err *err)
{
	int rc = sqlite3_open_v2(ks->path, &ks->db, SQLITE_OPEN_READWRITE |
				 SQLITE_OPEN_NOFOLLOW, NULL);

	if (rc == SQLITE_NOMEM)
		return ds_err_set(err, DS_ENOMEM, "out of memory");
	if (rc != SQLITE_OK)
		return ds_err_set(err, DS_EKEY, "cannot open key file '%s': "
				  "%s: pass --keys with the key file",
				  ks->path, sqlite3_errstr(rc));
	sqlite3_busy_timeout(ks->db, 5000);
	rc = ds_db_exec(ks->db, err, "PRAGMA secure_delete = ON", "");
	if (!rc)
		rc = ds_db_exec(ks->db, err, "PRAGMA journal_mode = DELETE",
				"");
	if (!rc)
		rc = ds_db_exec(ks->db, err, "PRAGMA synchronous = FULL", "");
	if (rc == DS_EIO)
		return ds_err_set(err, DS_EKEY, "key file '%s' is not a "
				  "duesearch key file: pass --keys with the "
				  "right file", ks->path);
	return rc;
}

static struct ds_keystore *ks_alloc(const char *path, struct ds_err *err)
{
	struct ds_keystore *ks = ds_calloc(1, sizeof(*ks));

	if (ks)
		ks->path = ds_strdup(path);
	if (!ks || !ks->path) {
		ds_free(ks);
		ds_err_set(err, DS_ENOMEM, "out of memory");
		return NULL;
	}
	return ks;
}

int ds_keystore_create(const char *path, const char *org_uuid,
		       struct ds_keystore **out, struct ds_err *err)
{
	struct ds_keystore *ks;
	char now[21];
	int fd, rc, made = 0;

	*out = NULL;
	ks = ks_alloc(path, err);
	if (!ks)
		return DS_ENOMEM;
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = ds_err_set(err, errno == EEXIST ? DS_EEXIST : DS_EIO,
				"cannot create key file '%s': %s: pass --keys "
				"with a new path", path, strerror(errno));
		goto out;
	}
	close(fd);
	made = 1;
	rc = ks_sqlite_open(ks, err);
	if (rc)
		goto out;
	if (sqlite3_exec(ks->db, keystore_schema, NULL, NULL, NULL) !=
	    SQLITE_OK) {
		rc = ds_db_error(ks->db, sqlite3_errcode(ks->db),
				 "cannot create the key file", err);
		goto out;
	}
	rc = ds_random(ks->audit_key, sizeof(ks->audit_key), err);
	if (rc)
		goto out;
	snprintf(ks->org_uuid, sizeof(ks->org_uuid), "%s", org_uuid);
	ds_time_now(now);
	rc = ds_db_exec(ks->db, err, "INSERT INTO org_key (id, org_uuid, "
			"audit_key, created) VALUES (1, ?, ?, ?)", "tbt",
			org_uuid, ks->audit_key, DS_KEY_LEN, now);
out:
	if (rc) {
		ds_keystore_close(ks);
		if (made)
			unlink(path);
		return rc;
	}
	*out = ks;
	return 0;
}

int ds_keystore_open(const char *path, struct ds_keystore **out,
		     struct ds_err *err)
{
	struct ds_keystore *ks;
	sqlite3_stmt *stmt = NULL;
	struct stat st, again;
	int rc, fd;

	*out = NULL;
	/*
	 * The checks are made on an open descriptor (no link followed), not
	 * on the name before opening: the file SQLite then opens must be the
	 * same one (device and inode), or the key file is refused.
	 */
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return ds_err_set(err, DS_EKEY, "cannot open key file '%s': "
				  "%s: pass --keys with the key file made by "
				  "'duesearch init', or restore it from its "
				  "backup", path, errno == ELOOP ? "it is a "
				  "symbolic link" : strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return ds_err_set(err, DS_EKEY, "key file '%s' is not a "
				  "regular file: pass --keys with the key file",
				  path);
	}
	if (st.st_uid != geteuid()) {
		close(fd);
		return ds_err_set(err, DS_EKEY, "key file '%s' belongs to "
				  "user %u, not to you (%u): run it as its "
				  "owner, or 'chown' it", path,
				  (unsigned)st.st_uid, (unsigned)geteuid());
	}
	if (st.st_mode & 077) {
		close(fd);
		return ds_err_set(err, DS_EKEY, "key file '%s' is readable by "
				  "others (mode %03o): run 'chmod 600 %s'",
				  path, (unsigned)(st.st_mode & 0777), path);
	}
	ks = ks_alloc(path, err);
	if (!ks) {
		close(fd);
		return DS_ENOMEM;
	}
	rc = ks_sqlite_open(ks, err);
	if (!rc && (stat(path, &again) != 0 || again.st_dev != st.st_dev ||
		    again.st_ino != st.st_ino))
		rc = ds_err_set(err, DS_EKEY, "key file '%s' was replaced "
				"while it was being opened: check who else "
				"writes to its folder", path);
	close(fd);
	if (rc)
		goto out;
	rc = ds_db_prepare(ks->db, &stmt, NULL, "SELECT org_uuid, audit_key "
			   "FROM org_key WHERE id = 1", "");
	if (!rc)
		rc = ds_db_step(ks->db, stmt, "cannot read the key file",
				NULL);
	if (rc == DS_ENOMEM) {
		rc = ds_err_set(err, DS_ENOMEM, "out of memory");
		goto out;
	}
	if (rc != 1 || sqlite3_column_bytes(stmt, 1) != DS_KEY_LEN) {
		rc = ds_err_set(err, DS_EKEY, "key file '%s' is not a "
				"duesearch key file or is damaged: pass --keys "
				"with the right file", path);
		goto out;
	}
	snprintf(ks->org_uuid, sizeof(ks->org_uuid), "%s",
		 (const char *)sqlite3_column_text(stmt, 0));
	memcpy(ks->audit_key, sqlite3_column_blob(stmt, 1), DS_KEY_LEN);
	rc = 0;
out:
	sqlite3_finalize(stmt);
	if (rc) {
		ds_keystore_close(ks);
		return rc;
	}
	*out = ks;
	return 0;
}

const char *ds_keystore_path(const struct ds_keystore *ks)
{
	return ks->path;
}

const char *ds_keystore_org_uuid(const struct ds_keystore *ks)
{
	return ks->org_uuid;
}

const uint8_t *ds_keystore_audit_key(const struct ds_keystore *ks)
{
	return ks->audit_key;
}

int ds_keystore_new_dek(struct ds_keystore *ks, int64_t candidate_id,
			uint8_t key[DS_KEY_LEN], struct ds_err *err)
{
	char now[21];
	int rc;

	rc = ds_random(key, DS_KEY_LEN, err);
	if (rc)
		return rc;
	ds_time_now(now);
	/* A live key is never replaced: that would shred its data. */
	rc = ds_db_exec(ks->db, err, "INSERT INTO dek (candidate_id, key, "
			"created) VALUES (?, ?, ?)", "ibt",
			(sqlite3_int64)candidate_id, key, DS_KEY_LEN, now);
	if (rc == DS_EEXIST)
		rc = ds_err_set(err, DS_EKEY, "the key file already holds a "
				"key for candidate %lld: refusing to replace a "
				"live key; check that the key file belongs to "
				"this case file", (long long)candidate_id);
	if (rc)
		ds_wipe(key, DS_KEY_LEN);
	return rc;
}

int ds_keystore_get_dek(struct ds_keystore *ks, int64_t candidate_id,
			uint8_t key[DS_KEY_LEN], struct ds_err *err)
{
	sqlite3_stmt *stmt;
	int rc;

	rc = ds_db_prepare(ks->db, &stmt, err, "SELECT key FROM dek WHERE "
			   "candidate_id = ?", "i",
			   (sqlite3_int64)candidate_id);
	if (rc)
		return rc;
	rc = ds_db_step(ks->db, stmt, "cannot read the key file", err);
	if (rc == 1 && sqlite3_column_bytes(stmt, 0) == DS_KEY_LEN) {
		memcpy(key, sqlite3_column_blob(stmt, 0), DS_KEY_LEN);
		rc = 0;
	} else if (rc >= 0) {
		rc = ds_err_set(err, DS_EKEY, "no data key for candidate %lld "
				"in '%s': the candidate was purged, or the key "
				"file is not the right one", (long long)
				candidate_id, ks->path);
	}
	sqlite3_finalize(stmt);
	return rc;
}

int ds_keystore_destroy_dek(struct ds_keystore *ks, int64_t candidate_id,
			    struct ds_err *err)
{
	int rc;

	rc = ds_db_exec(ks->db, err, "DELETE FROM dek WHERE candidate_id = ?",
			"i", (sqlite3_int64)candidate_id);
	if (!rc)
		rc = ds_db_exec(ks->db, err, "VACUUM", "");
	return rc;
}

int ds_keystore_ids(struct ds_keystore *ks, int64_t **ids, size_t *n,
		    struct ds_err *err)
{
	return ds_db_ids(ks->db, ids, n, err, "cannot read the key file",
			 "SELECT candidate_id FROM dek ORDER BY candidate_id",
			 "");
}
