/*
 * test_crypto.c: known answers for the hashes, the hex helpers, sealed
 * fields and their tamper checks, file hashing and allocation failure.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "crypto.h"
#include "err.h"
#include "keystore.h"
#include "mem.h"

/* A fixed key for the seal tests; any 32 bytes do. */
static const uint8_t key1[DS_KEY_LEN] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
	0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f,
};

/* Hex of a digest, for comparing against published vectors. */
static void hex32(const uint8_t md[DS_SHA256_LEN],
		  char out[DS_SHA256_HEX_LEN + 1])
{
	ds_hex(md, DS_SHA256_LEN, out);
}

static void test_sha256_known_answers(void)
{
	uint8_t md[DS_SHA256_LEN];
	char hex[DS_SHA256_HEX_LEN + 1];

	ds_sha256("", 0, md);
	hex32(md, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb924"
		       "27ae41e4649b934ca495991b7852b855");
	ds_sha256("abc", 3, md);
	hex32(md, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223"
		       "b00361a396177a9cb410ff61f20015ad");
}

/*
 * RFC 4231 test cases 1 and 2.  HMAC pads a short key with zeros to the
 * block size, so the RFC's 20- and 4-byte keys padded with zeros to 32
 * bytes give the RFC's results.
 */
static void test_hmac_rfc4231(void)
{
	uint8_t k[DS_KEY_LEN], md[DS_SHA256_LEN], md2[DS_SHA256_LEN];
	char hex[DS_SHA256_HEX_LEN + 1];
	const char *msg1 = "Hi There";
	const char *msg2 = "what do ya want for nothing?";
	const void *parts[3];
	size_t lens[3];

	memset(k, 0, sizeof(k));
	memset(k, 0x0b, 20);
	parts[0] = msg1;
	lens[0] = strlen(msg1);
	ds_hmac(k, parts, lens, 1, md);
	hex32(md, hex);
	CHECK_STR(hex, "b0344c61d8db38535ca8afceaf0bf12b"
		       "881dc200c9833da726e9376c2e32cff7");

	memset(k, 0, sizeof(k));
	memcpy(k, "Jefe", 4);
	parts[0] = msg2;
	lens[0] = strlen(msg2);
	ds_hmac(k, parts, lens, 1, md);
	hex32(md, hex);
	CHECK_STR(hex, "5bdcc146bf60754e6a042426089575c7"
		       "5a003f089d2739839dec58b964ec3843");

	/* The same message in three parts, one of them empty. */
	parts[0] = msg2;
	lens[0] = 8;
	parts[1] = NULL;
	lens[1] = 0;
	parts[2] = msg2 + 8;
	lens[2] = strlen(msg2) - 8;
	ds_hmac(k, parts, lens, 3, md2);
	CHECK(memcmp(md, md2, DS_SHA256_LEN) == 0);

	/* A different split of other bytes must not match. */
	lens[2] -= 1;
	ds_hmac(k, parts, lens, 3, md2);
	CHECK(memcmp(md, md2, DS_SHA256_LEN) != 0);
}

static void test_hex_round_trip(void)
{
	uint8_t in[256], back[256];
	char hex[2 * sizeof(in) + 1];
	size_t i;

	for (i = 0; i < sizeof(in); i++)
		in[i] = (uint8_t)i;
	ds_hex(in, sizeof(in), hex);
	CHECK_INT(strlen(hex), 2 * sizeof(in));
	CHECK(strncmp(hex, "000102", 6) == 0);
	CHECK_STR(hex + 2 * 250, "fafbfcfdfeff");
	memset(back, 0, sizeof(back));
	CHECK_INT(ds_unhex(hex, back, sizeof(back)), 0);
	CHECK(memcmp(in, back, sizeof(in)) == 0);

	/* Upper case is accepted. */
	CHECK_INT(ds_unhex("ABcdEF", back, 3), 0);
	CHECK(back[0] == 0xab && back[1] == 0xcd && back[2] == 0xef);

	/* Empty input for zero bytes. */
	ds_hex(in, 0, hex);
	CHECK_STR(hex, "");
	CHECK_INT(ds_unhex("", back, 0), 0);
}

static void test_unhex_rejects(void)
{
	uint8_t out[4];

	memset(out, 0x55, sizeof(out));
	CHECK_INT(ds_unhex("0011223", out, 4), -1);     /* odd, short */
	CHECK_INT(ds_unhex("001122", out, 4), -1);      /* short */
	CHECK_INT(ds_unhex("0011223344", out, 4), -1);  /* long */
	CHECK_INT(ds_unhex("0011223g", out, 4), -1);    /* not hex */
	CHECK_INT(ds_unhex("00 11223", out, 4), -1);    /* space */
	CHECK_INT(ds_unhex("-0112233", out, 4), -1);    /* sign */
	CHECK_INT(ds_unhex("0x112233", out, 4), -1);    /* prefix */
	CHECK_INT(ds_unhex("", out, 4), -1);
	CHECK_INT(ds_unhex("00", out, 0), -1);
	CHECK_INT(ds_unhex(NULL, out, 4), -1);
	/* A rejected string leaves out as it was. */
	CHECK(out[0] == 0x55 && out[1] == 0x55 && out[2] == 0x55 &&
	      out[3] == 0x55);
}

/* Seal and unseal n bytes of plain under aad; checks both directions. */
static void round_trip(const void *plain, size_t n, const char *aad)
{
	struct ds_err err;
	uint8_t *blob = NULL;
	size_t bloblen = 0, outlen = 99;
	char *out = NULL;

	ds_err_init(&err);
	CHECK_INT(ds_seal(key1, aad, plain, n, &blob, &bloblen, &err), 0);
	REQUIRE(blob != NULL);
	CHECK_INT(bloblen, n + DS_SEAL_OVERHEAD);
	CHECK_INT(blob[0], DS_SEAL_VERSION);
	if (n >= 16)
		CHECK(memcmp(blob + 1 + DS_SEAL_NONCE_LEN, plain, n) != 0);
	CHECK_INT(ds_unseal(key1, aad, blob, bloblen, &out, &outlen, &err),
		  0);
	CHECK_INT(err.code, 0);
	if (out) {
		CHECK_INT(outlen, n);
		CHECK(n == 0 || memcmp(out, plain, n) == 0);
		CHECK(out[n] == '\0');
	}
	ds_free(out);
	ds_free(blob);
}

static void test_seal_round_trip(void)
{
	uint8_t *big;
	size_t i, n = 10 * 1024;

	round_trip("hello, world", 12, "anchor.value:42");
	round_trip("", 0, "anchor.value:42");
	round_trip(NULL, 0, "");
	round_trip("x", 1, NULL);
	round_trip("a\0b", 3, "bin");
	big = malloc(n);
	REQUIRE(big != NULL);
	for (i = 0; i < n; i++)
		big[i] = (uint8_t)(i * 7 + 3);
	round_trip(big, n, "evidence.body:7");
	free(big);
}

/* Expect ds_unseal to refuse blob with DS_ECRYPTO and no output. */
static int unseal_fails(const uint8_t *key, const char *aad,
			const uint8_t *blob, size_t bloblen)
{
	struct ds_err err;
	char *out = (char *)"not touched";
	size_t outlen = 99;
	int rc;

	ds_err_init(&err);
	rc = ds_unseal(key, aad, blob, bloblen, &out, &outlen, &err);
	if (out) {
		ds_free(out);
		return 0;
	}
	return rc == DS_ECRYPTO && err.code == DS_ECRYPTO && outlen == 0 &&
	       strstr(err.msg, "cannot decrypt a protected field") != NULL;
}

static void test_unseal_rejects(void)
{
	const char *plain = "Jane Roe, 1 High Street";
	struct ds_err err;
	uint8_t key2[DS_KEY_LEN];
	uint8_t *blob = NULL, *copy = NULL, *longer;
	size_t bloblen = 0, i;
	char *out = NULL;
	size_t outlen = 0;

	ds_err_init(&err);
	REQUIRE(ds_seal(key1, "anchor.value:42", plain, strlen(plain),
			&blob, &bloblen, &err) == 0);
	copy = malloc(bloblen);
	if (!copy) {
		ds_free(blob);
		REQUIRE(copy != NULL);
	}

	memcpy(key2, key1, sizeof(key2));
	key2[31] ^= 0x01;
	CHECK(unseal_fails(key2, "anchor.value:42", blob, bloblen));
	CHECK(unseal_fails(key1, "anchor.value:43", blob, bloblen));
	CHECK(unseal_fails(key1, "", blob, bloblen));
	CHECK(unseal_fails(key1, NULL, blob, bloblen));

	/* The message names the likely causes. */
	ds_err_init(&err);
	CHECK_INT(ds_unseal(key2, "anchor.value:42", blob, bloblen, &out,
			    &outlen, &err), DS_ECRYPTO);
	CHECK(out == NULL);
	CHECK(strstr(err.msg, "wrong key or damaged data") != NULL);

	/* Flip one bit in every byte after the version in turn. */
	for (i = 1; i < bloblen; i++) {
		memcpy(copy, blob, bloblen);
		copy[i] ^= 0x01;
		CHECK(unseal_fails(key1, "anchor.value:42", copy, bloblen));
	}
	/* The nonce, the ciphertext and the tag by name. */
	memcpy(copy, blob, bloblen);
	copy[1] ^= 0x80;
	CHECK(unseal_fails(key1, "anchor.value:42", copy, bloblen));
	memcpy(copy, blob, bloblen);
	copy[1 + DS_SEAL_NONCE_LEN] ^= 0x80;
	CHECK(unseal_fails(key1, "anchor.value:42", copy, bloblen));
	memcpy(copy, blob, bloblen);
	copy[bloblen - 1] ^= 0x80;
	CHECK(unseal_fails(key1, "anchor.value:42", copy, bloblen));

	/* Wrong version byte. */
	memcpy(copy, blob, bloblen);
	copy[0] = DS_SEAL_VERSION + 1;
	CHECK(unseal_fails(key1, "anchor.value:42", copy, bloblen));
	copy[0] = 0x00;
	CHECK(unseal_fails(key1, "anchor.value:42", copy, bloblen));

	/* Truncated: every shorter length, including below the overhead. */
	for (i = 0; i < bloblen; i++)
		CHECK(unseal_fails(key1, "anchor.value:42", blob, i));
	CHECK(unseal_fails(key1, "anchor.value:42", NULL, 0));

	/* One extra byte is damage too. */
	longer = malloc(bloblen + 1);
	CHECK(longer != NULL);
	if (longer) {
		memcpy(longer, blob, bloblen);
		longer[bloblen] = 0;
		CHECK(unseal_fails(key1, "anchor.value:42", longer,
				   bloblen + 1));
		free(longer);
	}

	/* The untouched blob still opens. */
	ds_err_init(&err);
	CHECK_INT(ds_unseal(key1, "anchor.value:42", blob, bloblen, &out,
			    &outlen, &err), 0);
	if (out)
		CHECK_STR(out, plain);
	ds_free(out);
	free(copy);
	ds_free(blob);
}

static void test_seal_nonce_random(void)
{
	struct ds_err err;
	uint8_t *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0;

	ds_err_init(&err);
	CHECK_INT(ds_seal(key1, "x", "same", 4, &a, &alen, &err), 0);
	CHECK_INT(ds_seal(key1, "x", "same", 4, &b, &blen, &err), 0);
	if (a && b) {
		CHECK_INT(alen, blen);
		CHECK(memcmp(a + 1, b + 1, DS_SEAL_NONCE_LEN) != 0);
		CHECK(memcmp(a, b, alen) != 0);
	} else {
		CHECK(a && b);
	}
	ds_free(a);
	ds_free(b);
}

static void test_random(void)
{
	struct ds_err err;
	uint8_t a[32], b[32], z[32];

	ds_err_init(&err);
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	memset(z, 0, sizeof(z));
	CHECK_INT(ds_random(a, sizeof(a), &err), 0);
	CHECK_INT(ds_random(b, sizeof(b), &err), 0);
	CHECK_INT(ds_random(NULL, 0, &err), 0);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	CHECK(memcmp(a, z, sizeof(a)) != 0);
}

/*
 * Write n pattern bytes to a new temporary file in the current directory
 * and return its name in path (a buffer of 64), or -1.
 */
static int make_temp(char *path, const uint8_t *data, size_t n)
{
	FILE *f;
	int fd;

	snprintf(path, 64, "test_crypto.XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return -1;
	f = fdopen(fd, "wb");
	if (!f) {
		close(fd);
		unlink(path);
		return -1;
	}
	if (fwrite(data, 1, n, f) != n) {
		fclose(f);
		unlink(path);
		return -1;
	}
	if (fclose(f) != 0) {
		unlink(path);
		return -1;
	}
	return 0;
}

/* Hash a file of n bytes both ways; sizes around the 64 KiB chunk. */
static void file_matches(size_t n)
{
	struct ds_err err;
	uint8_t *data;
	uint8_t md[DS_SHA256_LEN], want[DS_SHA256_LEN];
	uint64_t size = 12345;
	char path[64];
	size_t i;
	int made;

	data = malloc(n ? n : 1);
	REQUIRE(data != NULL);
	for (i = 0; i < n; i++)
		data[i] = (uint8_t)(i ^ (i >> 8));
	made = make_temp(path, data, n);
	if (made < 0)
		free(data);
	REQUIRE(made == 0);
	ds_sha256(data, n, want);
	ds_err_init(&err);
	CHECK_INT(ds_sha256_file(path, md, &size, &err), 0);
	CHECK(memcmp(md, want, DS_SHA256_LEN) == 0);
	CHECK_INT(size, n);
	/* The size is optional. */
	memset(md, 0, sizeof(md));
	CHECK_INT(ds_sha256_file(path, md, NULL, &err), 0);
	CHECK(memcmp(md, want, DS_SHA256_LEN) == 0);
	CHECK_INT(err.code, 0);
	unlink(path);
	free(data);
}

static void test_sha256_file(void)
{
	file_matches(0);
	file_matches(3);
	file_matches(65536);
	file_matches(65537);
	file_matches(200000);
}

static void test_sha256_file_errors(void)
{
	struct ds_err err;
	uint8_t md[DS_SHA256_LEN];
	uint64_t size = 7;

	ds_err_init(&err);
	CHECK_INT(ds_sha256_file("no-such-dir/missing.bin", md, &size, &err),
		  DS_EIO);
	CHECK_INT(err.code, DS_EIO);
	CHECK(strstr(err.msg, "'no-such-dir/missing.bin'") != NULL);
	CHECK(strstr(err.msg, "check the path") != NULL);
	CHECK_INT(size, 7);

	ds_err_init(&err);
	CHECK_INT(ds_sha256_file(".", md, &size, &err), DS_EIO);
	CHECK_INT(err.code, DS_EIO);
	CHECK(strstr(err.msg, "'.'") != NULL);
	CHECK(strstr(err.msg, "is a directory: name a file") != NULL);
	CHECK_INT(size, 7);

	ds_err_init(&err);
	CHECK_INT(ds_sha256_file("/tmp", md, NULL, &err), DS_EIO);
	CHECK(strstr(err.msg, "'/tmp'") != NULL);
}

static void test_equal(void)
{
	CHECK_INT(ds_equal("abcdef", "abcdef", 6), 1);
	CHECK_INT(ds_equal("abcdef", "abcdeg", 6), 0);
	CHECK_INT(ds_equal("xbcdef", "abcdef", 6), 0);
	CHECK_INT(ds_equal("abcdef", "abcdeg", 5), 1);
	CHECK_INT(ds_equal("a", "b", 0), 1);
}

/*
 * The first allocation of ds_seal fails: DS_ENOMEM, no blob, nothing
 * leaked (the sanitizer and valgrind runs check the last part).
 */
static void test_seal_enomem(void)
{
	struct ds_err err;
	uint8_t *blob = (uint8_t *)"sentinel";
	size_t bloblen = 5;
	int rc;

	ds_err_init(&err);
	ds_mem_fail_at(1);
	rc = ds_seal(key1, "a", "secret", 6, &blob, &bloblen, &err);
	ds_mem_fail_at(0);
	CHECK_INT(rc, DS_ENOMEM);
	CHECK_INT(err.code, DS_ENOMEM);
	CHECK(blob == NULL);
	CHECK_INT(bloblen, 0);
	CHECK(err.msg[0] != '\0');
}

/*
 * Fail each allocation of ds_unseal and ds_sha256_file in turn: each
 * failure is DS_ENOMEM with no output, and the walk ends in success.
 */
static void test_enomem_walk(void)
{
	struct ds_err err;
	uint8_t *blob = NULL;
	size_t bloblen = 0, outlen = 0;
	uint8_t md[DS_SHA256_LEN], byte = 'q';
	char *out = NULL;
	char path[64];
	unsigned long i;
	int rc;

	ds_err_init(&err);
	REQUIRE(ds_seal(key1, "a", "secret", 6, &blob, &bloblen, &err) == 0);
	for (i = 1; i < 10; i++) {
		ds_mem_fail_at(i);
		rc = ds_unseal(key1, "a", blob, bloblen, &out, &outlen, &err);
		ds_mem_fail_at(0);
		if (rc == 0)
			break;
		CHECK_INT(rc, DS_ENOMEM);
		CHECK(out == NULL);
	}
	CHECK(i > 1 && i < 10);
	if (out)
		CHECK_STR(out, "secret");
	ds_free(out);
	ds_free(blob);

	REQUIRE(make_temp(path, &byte, 1) == 0);
	for (i = 1; i < 10; i++) {
		ds_mem_fail_at(i);
		rc = ds_sha256_file(path, md, NULL, &err);
		ds_mem_fail_at(0);
		if (rc == 0)
			break;
		CHECK_INT(rc, DS_ENOMEM);
	}
	CHECK(i > 1 && i < 10);
	unlink(path);
}

/* A candidate's live key is never replaced (that would shred its data). */
static void test_keystore_no_replace(void)
{
	char dir[] = "/tmp/ds-ks-XXXXXX", path[64];
	struct ds_keystore *ks = NULL;
	uint8_t k1[DS_KEY_LEN], k2[DS_KEY_LEN], got[DS_KEY_LEN];
	struct ds_err err;

	ds_err_init(&err);
	REQUIRE(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/k.keys", dir);
	REQUIRE(ds_keystore_create(path, "org-uuid", &ks, &err) == 0);
	CHECK_INT(ds_keystore_new_dek(ks, 7, k1, &err), 0);
	CHECK_INT(ds_keystore_new_dek(ks, 7, k2, &err), DS_EKEY);
	CHECK(strstr(err.msg, "refusing to replace a live key") != NULL);
	CHECK_INT(ds_keystore_get_dek(ks, 7, got, &err), 0);
	CHECK(memcmp(got, k1, DS_KEY_LEN) == 0);
	ds_keystore_close(ks);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	RUN(test_sha256_known_answers);
	RUN(test_hmac_rfc4231);
	RUN(test_hex_round_trip);
	RUN(test_unhex_rejects);
	RUN(test_seal_round_trip);
	RUN(test_unseal_rejects);
	RUN(test_seal_nonce_random);
	RUN(test_random);
	RUN(test_sha256_file);
	RUN(test_sha256_file_errors);
	RUN(test_equal);
	RUN(test_seal_enomem);
	RUN(test_enomem_walk);
	RUN(test_keystore_no_replace);
	return check_summary();
}
