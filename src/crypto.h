/*
 * crypto.h: the OpenSSL (libcrypto) primitives duesearch uses.
 *
 * Sealed fields: personal data is stored as a "sealed" blob under the
 * candidate's 32-byte data key with AES-256-GCM:
 *     0x01 | nonce (12 bytes, random) | ciphertext | tag (16 bytes)
 * The associated data (aad) binds the blob to where it is stored, e.g.
 * "anchor.value:42", so a blob copied to another row or candidate does not
 * open.  All functions return 0 or a negative DS_E* code with detail in err.
 */
#ifndef DS_CRYPTO_H
#define DS_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define DS_KEY_LEN 32
#define DS_SHA256_LEN 32
#define DS_SHA256_HEX_LEN 64
#define DS_SEAL_VERSION 0x01
#define DS_SEAL_NONCE_LEN 12
#define DS_SEAL_TAG_LEN 16
#define DS_SEAL_OVERHEAD (1 + DS_SEAL_NONCE_LEN + DS_SEAL_TAG_LEN)

/* Fill buf with n bytes from the OpenSSL CSPRNG. */
int ds_random(void *buf, size_t n, struct ds_err *err);

/* SHA-256 of a memory block. */
void ds_sha256(const void *data, size_t n, uint8_t out[DS_SHA256_LEN]);

/*
 * SHA-256 of a regular file of at most 1 GB (a device, FIFO, socket or
 * directory is refused), read in chunks; also returns its size when size
 * is not NULL.  An unreadable file is DS_EIO with a message that
 * names the path and the fix.
 */
int ds_sha256_file(const char *path, uint8_t out[DS_SHA256_LEN],
		   uint64_t *size, struct ds_err *err);

/* Lowercase hex of n bytes into out (2n+1 bytes, NUL-terminated). */
void ds_hex(const uint8_t *in, size_t n, char *out);

/* Parse exactly 2n hex digits into out; -1 when s is not such a string. */
int ds_unhex(const char *s, uint8_t *out, size_t n);

/* HMAC-SHA-256 over the concatenation of nparts parts. */
void ds_hmac(const uint8_t key[DS_KEY_LEN], const void *const *parts,
	     const size_t *lens, size_t nparts, uint8_t out[DS_SHA256_LEN]);

/* Constant-time comparison; 1 when equal. */
int ds_equal(const void *a, const void *b, size_t n);

/*
 * Seal n bytes of plain under key with aad.  *out is allocated with
 * ds_malloc and holds n + DS_SEAL_OVERHEAD bytes (*outlen).
 */
int ds_seal(const uint8_t key[DS_KEY_LEN], const char *aad,
	    const void *plain, size_t n, uint8_t **out, size_t *outlen,
	    struct ds_err *err);

/*
 * Open a sealed blob.  *out is allocated (ds_malloc), NUL-terminated for
 * convenience (the terminator is not counted in *outlen).  A blob that is
 * too short, of another version, or fails authentication (wrong key,
 * wrong aad, tampered bytes) is DS_ECRYPTO and *out is NULL.
 */
int ds_unseal(const uint8_t key[DS_KEY_LEN], const char *aad,
	      const uint8_t *blob, size_t bloblen, char **out, size_t *outlen,
	      struct ds_err *err);

#endif
