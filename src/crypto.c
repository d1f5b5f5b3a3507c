/*
 * crypto.c: SHA-256, HMAC-SHA-256, random bytes and AES-256-GCM sealed
 * fields on top of OpenSSL 3 libcrypto (EVP interfaces only).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "crypto.h"
#include "mem.h"

/* Bytes read from a file per step when hashing it. */
#define FILE_CHUNK ((size_t)64 << 10)

/* The largest file ds_sha256_file hashes (an evidence file: a scan). */
#define FILE_MAX ((uint64_t)1 << 30)

/* The most bytes handed to one OpenSSL call, whose lengths are int. */
#define OSSL_CHUNK ((size_t)1 << 30)

/*
 * Record a failure inside OpenSSL as DS_ECRYPTO, with the last reason on
 * its error queue, and empty the queue so the next call starts clean.
 */
static int ossl_err(struct ds_err *err, const char *what)
{
	char detail[256];
	unsigned long e = ERR_peek_last_error();

	if (e)
		ERR_error_string_n(e, detail, sizeof(detail));
	else
		snprintf(detail, sizeof(detail), "no detail");
	ERR_clear_error();
	return ds_err_set(err, DS_ECRYPTO,
			  "%s: openssl failed (%s): check the openssl "
			  "installation", what, detail);
}

/*
 * The functions that cannot report an error (ds_sha256, ds_hmac) stop the
 * process when OpenSSL fails, which it only does when it cannot allocate
 * memory or is broken: a wrong digest must never be returned.
 */
static _Noreturn void ossl_die(const char *what)
{
	ERR_print_errors_fp(stderr);
	fprintf(stderr, "duesearch: fatal: %s failed in openssl: out of "
		"memory or a broken openssl installation\n", what);
	abort();
}

int ds_random(void *buf, size_t n, struct ds_err *err)
{
	unsigned char *p = buf;
	size_t step;

	while (n) {
		step = n < OSSL_CHUNK ? n : OSSL_CHUNK;
		if (RAND_bytes(p, (int)step) != 1)
			return ossl_err(err, "cannot get random bytes");
		p += step;
		n -= step;
	}
	return 0;
}

void ds_sha256(const void *data, size_t n, uint8_t out[DS_SHA256_LEN])
{
	unsigned int len = 0;

	if (!EVP_Digest(data, n, out, &len, EVP_sha256(), NULL) ||
	    len != DS_SHA256_LEN)
		ossl_die("sha-256");
}

/*
 * Name the fix for an errno from opening or reading a file, to end a
 * message that already names the file and the error.
 */
static const char *file_fix(int e)
{
	switch (e) {
	case ENOENT:
	case ENOTDIR:
	case ENAMETOOLONG:
		return "check the path";
	case EACCES:
	case EPERM:
		return "check the file's permissions";
	default:
		return "check the file and the disk";
	}
}

/*
 * Hash a file in FILE_CHUNK steps.  Only a regular file of at most
 * FILE_MAX bytes is read: a directory, a device such as /dev/zero, a FIFO
 * or a socket is refused on the open descriptor, before any read.  The
 * read buffer may hold personal data, so it is wiped before it is freed.
 */
int ds_sha256_file(const char *path, uint8_t out[DS_SHA256_LEN],
		   uint64_t *size, struct ds_err *err)
{
	FILE *f = NULL;
	EVP_MD_CTX *ctx = NULL;
	unsigned char *chunk = NULL;
	uint8_t md[DS_SHA256_LEN];
	unsigned int mdlen = 0;
	uint64_t total = 0;
	struct stat st;
	size_t got;
	int e, fd = -1, rc = 0;

	/* Non-blocking, so that opening a FIFO cannot hang. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		e = errno;
		rc = ds_err_set(err, DS_EIO, "cannot read file '%s': %s: %s",
				path, strerror(e), file_fix(e));
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		rc = ds_err_set(err, DS_EIO, "cannot read file '%s': it "
				"is a directory: name a file", path);
		goto out;
	}
	/* A device (/dev/zero), a FIFO or a socket never ends: refused. */
	if (!S_ISREG(st.st_mode)) {
		rc = ds_err_set(err, DS_EIO, "cannot read file '%s': it is "
				"not a regular file: name a saved file", path);
		goto out;
	}
	if ((uint64_t)st.st_size > FILE_MAX) {
		rc = ds_err_set(err, DS_EIO, "cannot read file '%s': it is "
				"larger than %llu MB: save a smaller copy",
				path, (unsigned long long)(FILE_MAX >> 20));
		goto out;
	}
	f = fdopen(fd, "rb");
	if (!f) {
		e = errno;
		rc = ds_err_set(err, DS_EIO, "cannot read file '%s': %s: %s",
				path, strerror(e), file_fix(e));
		goto out;
	}
	fd = -1;
	chunk = ds_malloc(FILE_CHUNK);
	if (!chunk) {
		rc = ds_err_set(err, DS_ENOMEM, "cannot hash file '%s': out "
				"of memory: free some memory", path);
		goto out;
	}
	ctx = EVP_MD_CTX_new();
	if (!ctx) {
		rc = ds_err_set(err, DS_ENOMEM, "cannot hash file '%s': out "
				"of memory: free some memory", path);
		goto out;
	}
	if (!EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		rc = ossl_err(err, "cannot start sha-256");
		goto out;
	}
	for (;;) {
		got = fread(chunk, 1, FILE_CHUNK, f);
		if (got && !EVP_DigestUpdate(ctx, chunk, got)) {
			rc = ossl_err(err, "cannot hash a file");
			goto out;
		}
		total += got;
		if (total > FILE_MAX) {
			rc = ds_err_set(err, DS_EIO, "cannot read file '%s': "
					"it grew larger than %llu MB while "
					"read: save a smaller copy", path,
					(unsigned long long)(FILE_MAX >> 20));
			goto out;
		}
		if (got < FILE_CHUNK)
			break;
	}
	if (ferror(f)) {
		e = errno;
		rc = ds_err_set(err, DS_EIO, "cannot read file '%s': %s: %s",
				path, strerror(e), file_fix(e));
		goto out;
	}
	if (!EVP_DigestFinal_ex(ctx, md, &mdlen) || mdlen != DS_SHA256_LEN) {
		rc = ossl_err(err, "cannot finish sha-256");
		goto out;
	}
	memcpy(out, md, DS_SHA256_LEN);
	if (size)
		*size = total;
out:
	EVP_MD_CTX_free(ctx);
	if (chunk) {
		ds_wipe(chunk, FILE_CHUNK);
		ds_free(chunk);
	}
	if (f)
		fclose(f);
	if (fd >= 0)
		close(fd);
	return rc;
}

void ds_hex(const uint8_t *in, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0x0f];
	}
	out[2 * n] = '\0';
}

/* The value of one hex digit of either case, or -1. */
static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Check the whole string before writing, so out is left as it was when
 * s is not exactly 2n hex digits.
 */
int ds_unhex(const char *s, uint8_t *out, size_t n)
{
	size_t i;

	if (!s || n > ((size_t)-1 - 1) / 2 || strnlen(s, 2 * n + 1) != 2 * n)
		return -1;
	for (i = 0; i < 2 * n; i++)
		if (hex_value(s[i]) < 0)
			return -1;
	for (i = 0; i < n; i++)
		out[i] = (uint8_t)(hex_value(s[2 * i]) << 4 |
				   hex_value(s[2 * i + 1]));
	return 0;
}

/*
 * HMAC through EVP_MAC, so the parts need not be joined in a copy.  The
 * MAC context holds the key and OpenSSL cleanses it when it is freed.
 */
void ds_hmac(const uint8_t key[DS_KEY_LEN], const void *const *parts,
	     const size_t *lens, size_t nparts, uint8_t out[DS_SHA256_LEN])
{
	char digest[] = "SHA256";
	OSSL_PARAM params[2];
	EVP_MAC *mac = NULL;
	EVP_MAC_CTX *ctx = NULL;
	const unsigned char *p;
	size_t i, left, step, outl = 0;

	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						     digest, 0);
	params[1] = OSSL_PARAM_construct_end();
	mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	if (!mac)
		goto out;
	ctx = EVP_MAC_CTX_new(mac);
	if (!ctx || !EVP_MAC_init(ctx, key, DS_KEY_LEN, params))
		goto out;
	for (i = 0; i < nparts; i++) {
		p = parts[i];
		for (left = lens[i]; left; left -= step, p += step) {
			step = left < OSSL_CHUNK ? left : OSSL_CHUNK;
			if (!EVP_MAC_update(ctx, p, step))
				goto out;
		}
	}
	if (!EVP_MAC_final(ctx, out, &outl, DS_SHA256_LEN))
		outl = 0;
out:
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	if (outl != DS_SHA256_LEN)
		ossl_die("hmac-sha-256");
}

int ds_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

/*
 * Feed n bytes through EVP_CipherUpdate in pieces an int can count; out
 * is NULL for associated data.  Returns 1 on success like OpenSSL.
 */
static int gcm_update(EVP_CIPHER_CTX *ctx, uint8_t *out, const uint8_t *in,
		      size_t n)
{
	size_t step;
	int outl;

	while (n) {
		step = n < OSSL_CHUNK ? n : OSSL_CHUNK;
		if (!EVP_CipherUpdate(ctx, out, &outl, in, (int)step) ||
		    (size_t)outl != step)
			return 0;
		in += step;
		if (out)
			out += step;
		n -= step;
	}
	return 1;
}

/*
 * AES-256-GCM in either direction (enc 1 or 0) over n bytes of in into
 * out.  Encrypting writes the tag; decrypting checks it.  A failed check
 * is DS_ECRYPTO naming the likely causes; out then holds unauthenticated
 * bytes that the caller must wipe.
 */
static int gcm_crypt(int enc, const uint8_t key[DS_KEY_LEN], const char *aad,
		     const uint8_t nonce[DS_SEAL_NONCE_LEN], const uint8_t *in,
		     size_t n, uint8_t *out, uint8_t tag[DS_SEAL_TAG_LEN],
		     struct ds_err *err)
{
	const char *what = enc ? "cannot encrypt a protected field" :
				 "cannot decrypt a protected field";
	EVP_CIPHER_CTX *ctx = NULL;
	int outl = 0, rc = 0;

	ctx = EVP_CIPHER_CTX_new();
	if (!ctx) {
		rc = ds_err_set(err, DS_ENOMEM, "%s: out of memory: free "
				"some memory", what);
		goto out;
	}
	if (!EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, NULL, NULL,
			       enc) ||
	    EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN,
				DS_SEAL_NONCE_LEN, NULL) != 1 ||
	    !EVP_CipherInit_ex(ctx, NULL, NULL, key, nonce, enc) ||
	    !gcm_update(ctx, NULL, (const uint8_t *)aad, strlen(aad)) ||
	    !gcm_update(ctx, out, in, n)) {
		rc = ossl_err(err, what);
		goto out;
	}
	if (!enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG,
					DS_SEAL_TAG_LEN, tag) != 1) {
		rc = ossl_err(err, what);
		goto out;
	}
	if (EVP_CipherFinal_ex(ctx, out + n, &outl) != 1 || outl != 0) {
		if (enc) {
			rc = ossl_err(err, what);
		} else {
			ERR_clear_error();
			rc = ds_err_set(err, DS_ECRYPTO, "%s: wrong key or "
					"damaged data", what);
		}
		goto out;
	}
	if (enc && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG,
				       DS_SEAL_TAG_LEN, tag) != 1) {
		rc = ossl_err(err, what);
		goto out;
	}
out:
	EVP_CIPHER_CTX_free(ctx);
	return rc;
}

/*
 * The blob is built in place: version, a fresh random nonce, the
 * ciphertext and the tag.  A NULL aad counts as empty.
 */
int ds_seal(const uint8_t key[DS_KEY_LEN], const char *aad,
	    const void *plain, size_t n, uint8_t **out, size_t *outlen,
	    struct ds_err *err)
{
	uint8_t *blob = NULL;
	uint8_t *nonce, *ct, *tag;
	int rc = 0;

	*out = NULL;
	*outlen = 0;
	if (n > (size_t)-1 - DS_SEAL_OVERHEAD) {
		rc = ds_err_set(err, DS_EDATA, "cannot encrypt a protected "
				"field: it is too large: store less");
		goto out;
	}
	blob = ds_malloc(n + DS_SEAL_OVERHEAD);
	if (!blob) {
		rc = ds_err_set(err, DS_ENOMEM, "cannot encrypt a protected "
				"field: out of memory: free some memory");
		goto out;
	}
	nonce = blob + 1;
	ct = nonce + DS_SEAL_NONCE_LEN;
	tag = ct + n;
	blob[0] = DS_SEAL_VERSION;
	rc = ds_random(nonce, DS_SEAL_NONCE_LEN, err);
	if (rc)
		goto out;
	rc = gcm_crypt(1, key, aad ? aad : "", nonce, plain, n, ct, tag, err);
	if (rc)
		goto out;
	*out = blob;
	*outlen = n + DS_SEAL_OVERHEAD;
	blob = NULL;
out:
	ds_free(blob);
	return rc;
}

/*
 * The plaintext is decrypted straight into the caller's buffer; when the
 * tag does not check out it is wiped before it is freed, so bytes that
 * were never authenticated do not linger on the heap.
 */
int ds_unseal(const uint8_t key[DS_KEY_LEN], const char *aad,
	      const uint8_t *blob, size_t bloblen, char **out, size_t *outlen,
	      struct ds_err *err)
{
	uint8_t tag[DS_SEAL_TAG_LEN];
	uint8_t *plain = NULL;
	size_t n = 0;
	int rc = 0;

	*out = NULL;
	*outlen = 0;
	if (!blob || bloblen < DS_SEAL_OVERHEAD) {
		rc = ds_err_set(err, DS_ECRYPTO, "cannot decrypt a protected "
				"field: it is %zu bytes, too short: the data "
				"is damaged", blob ? bloblen : 0);
		goto out;
	}
	if (blob[0] != DS_SEAL_VERSION) {
		rc = ds_err_set(err, DS_ECRYPTO, "cannot decrypt a protected "
				"field: unknown format version %u: the data "
				"is damaged or from a newer duesearch",
				(unsigned int)blob[0]);
		goto out;
	}
	n = bloblen - DS_SEAL_OVERHEAD;
	plain = ds_malloc(n + 1);
	if (!plain) {
		rc = ds_err_set(err, DS_ENOMEM, "cannot decrypt a protected "
				"field: out of memory: free some memory");
		goto out;
	}
	memcpy(tag, blob + 1 + DS_SEAL_NONCE_LEN + n, DS_SEAL_TAG_LEN);
	rc = gcm_crypt(0, key, aad ? aad : "", blob + 1,
		       blob + 1 + DS_SEAL_NONCE_LEN, n, plain, tag, err);
	if (rc)
		goto out;
	plain[n] = '\0';
	*out = (char *)plain;
	*outlen = n;
	plain = NULL;
out:
	if (plain) {
		ds_wipe(plain, n + 1);
		ds_free(plain);
	}
	return rc;
}
