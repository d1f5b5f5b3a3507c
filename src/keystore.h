/*
 * keystore.h: the key file, kept apart from the database.
 *
 * The key file (default: the database path plus ".keys", mode 0600) is a
 * small SQLite file holding the organisation's audit key and one random
 * 32-byte data key per candidate.  The database holds only what these keys
 * seal.  Destroying a candidate's data key (a purge) makes every sealed
 * field of that candidate unreadable in every copy of the database, past
 * or present: see SECURITY.md for how to back the key file up.
 */
#ifndef DS_KEYSTORE_H
#define DS_KEYSTORE_H

#include <stdint.h>

#include "crypto.h"
#include "err.h"

struct ds_keystore;

/* Create a new key file (must not exist) for the organisation uuid. */
int ds_keystore_create(const char *path, const char *org_uuid,
		       struct ds_keystore **out, struct ds_err *err);

/* Open an existing key file. */
int ds_keystore_open(const char *path, struct ds_keystore **out,
		     struct ds_err *err);

void ds_keystore_close(struct ds_keystore *ks);

const char *ds_keystore_path(const struct ds_keystore *ks);
const char *ds_keystore_org_uuid(const struct ds_keystore *ks);
const uint8_t *ds_keystore_audit_key(const struct ds_keystore *ks);

/*
 * Make and store a new data key for a candidate.  A key already there can
 * only be left by a candidate record that was never committed (ids are
 * never reused once committed), so it is replaced.
 */
int ds_keystore_new_dek(struct ds_keystore *ks, int64_t candidate_id,
			uint8_t key[DS_KEY_LEN], struct ds_err *err);

/*
 * Fetch a candidate's data key.  A missing key is DS_EKEY: the candidate
 * was purged, or the key file is not the right one.
 */
int ds_keystore_get_dek(struct ds_keystore *ks, int64_t candidate_id,
			uint8_t key[DS_KEY_LEN], struct ds_err *err);

/*
 * Destroy a candidate's data key: delete it with secure_delete on and
 * vacuum, so no copy stays in the file's free pages.
 */
int ds_keystore_destroy_dek(struct ds_keystore *ks, int64_t candidate_id,
			    struct ds_err *err);

/* The candidate ids that have a key (allocated; ds_free). */
int ds_keystore_ids(struct ds_keystore *ks, int64_t **ids, size_t *n,
		    struct ds_err *err);

#endif
