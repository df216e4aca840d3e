/*
 * keys.c: Ed25519 key files for signing and verifying bundles (see keys.h).
 */
#include "cert/keys.h"
#include "common/err.h"
#include "common/file.h"
#include "common/hex.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int write_new(const char *path, mode_t mode, const char *text, char *err, size_t errlen)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0)
		return dlt_seterr(err, errlen, "%s: cannot create: %s%s", path, strerror(errno),
				  errno == EEXIST ? " (a key file is never overwritten: remove it "
						    "or choose another name)"
						  : "");
	size_t n = strlen(text), off = 0;
	while (off < n) {
		ssize_t w = write(fd, text + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			int e = errno;
			close(fd);
			unlink(path);
			return dlt_seterr(err, errlen, "%s: cannot write: %s", path, strerror(e));
		}
		off += (size_t)w;
	}
	if (fchmod(fd, mode) || fsync(fd) || close(fd)) {
		int e = errno;
		unlink(path);
		return dlt_seterr(err, errlen, "%s: cannot write: %s", path, strerror(e));
	}
	return 0;
}

int dlt_keygen(const char *secret_path, const char *public_path, char *err, size_t errlen)
{
	uint8_t pk[DLT_PUBKEY_BYTES], sk[DLT_SECKEY_BYTES];
	char text[sizeof DLT_KEY_SECRET_HEADER + 2 * DLT_SECKEY_BYTES + 2];
	char hex[2 * DLT_SECKEY_BYTES + 1];
	if (access(public_path, F_OK) == 0)
		return dlt_seterr(err, errlen,
				  "%s: exists already (a key file is never "
				  "overwritten: remove it or choose another name)",
				  public_path);
	crypto_sign_keypair(pk, sk);
	dlt_hex_encode(hex, sk, sizeof sk);
	snprintf(text, sizeof text, "%s%s\n", DLT_KEY_SECRET_HEADER, hex);
	sodium_memzero(sk, sizeof sk);
	sodium_memzero(hex, sizeof hex);
	int rc = write_new(secret_path, 0600, text, err, errlen);
	sodium_memzero(text, sizeof text);
	if (rc)
		return -1;
	dlt_hex_encode(hex, pk, sizeof pk);
	snprintf(text, sizeof text, "%s%s\n", DLT_KEY_PUBLIC_HEADER, hex);
	if (write_new(public_path, 0644, text, err, errlen)) {
		unlink(secret_path);
		return -1;
	}
	return 0;
}

/* A key file: the header line, exactly n bytes as lowercase hex, a newline, nothing else. */
static int load_key(const char *path, const char *header, uint8_t *out, size_t n, const char *what,
		    char *err, size_t errlen)
{
	size_t len;
	struct stat st;
	if (stat(path, &st) == 0 && st.st_size > 4096)
		return dlt_seterr(err, errlen, "%s: not a %s key file (%lld bytes)", path, what,
				  (long long)st.st_size);
	char *text = dlt_read_file(path, &len, err, errlen);
	if (!text)
		return -1;
	size_t h = strlen(header);
	int rc = 0;
	if (len != h + 2 * n + 1 || memcmp(text, header, h) || text[len - 1] != '\n') {
		rc = dlt_seterr(err, errlen,
				"%s: not a %s key file (expected the line \"%.*s\" "
				"then %zu lowercase hex digits; made by dlt-interop keygen)",
				path, what, (int)h - 1, header, 2 * n);
	} else {
		for (size_t i = h; i < len - 1 && !rc; i++)
			if (!((text[i] >= '0' && text[i] <= '9') ||
			      (text[i] >= 'a' && text[i] <= 'f')))
				rc = dlt_seterr(err, errlen,
						"%s: line 2, column %zu: not a lowercase "
						"hex digit",
						path, i - h + 1);
		text[len - 1] = '\0';
		char e2[128];
		if (!rc && dlt_hex_decode_exact(text + h, out, n, e2, sizeof e2))
			rc = dlt_seterr(err, errlen, "%s: %s", path, e2);
	}
	sodium_memzero(text, len);
	free(text);
	return rc;
}

int dlt_key_load_secret(const char *path, uint8_t sk[DLT_SECKEY_BYTES], char *err, size_t errlen)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return dlt_seterr(err, errlen, "%s: cannot open: %s", path, strerror(errno));
	if (st.st_mode & 077)
		return dlt_seterr(err, errlen,
				  "%s: the secret key file may be read by others "
				  "(mode %04o): chmod 600 %s",
				  path, (unsigned)(st.st_mode & 07777), path);
	if (load_key(path, DLT_KEY_SECRET_HEADER, sk, DLT_SECKEY_BYTES, "secret", err, errlen))
		return -1;
	/* the public half is stored in the secret key: check it matches the seed */
	uint8_t pk[DLT_PUBKEY_BYTES], sk2[DLT_SECKEY_BYTES];
	crypto_sign_seed_keypair(pk, sk2, sk);
	int same = sodium_memcmp(sk, sk2, sizeof sk2) == 0;
	sodium_memzero(sk2, sizeof sk2);
	if (!same) {
		sodium_memzero(sk, DLT_SECKEY_BYTES);
		return dlt_seterr(err, errlen,
				  "%s: the key's public half does not belong to its "
				  "secret half (the file was damaged)",
				  path);
	}
	return 0;
}

int dlt_key_load_public(const char *path, uint8_t pk[DLT_PUBKEY_BYTES], char *err, size_t errlen)
{
	return load_key(path, DLT_KEY_PUBLIC_HEADER, pk, DLT_PUBKEY_BYTES, "public", err, errlen);
}

void dlt_key_fingerprint(const uint8_t pk[DLT_PUBKEY_BYTES], char out[DLT_FINGERPRINT_LEN])
{
	uint8_t h[32];
	crypto_hash_sha256(h, pk, DLT_PUBKEY_BYTES);
	memcpy(out, "SHA256:", 7);
	dlt_hex_encode(out + 7, h, sizeof h);
}
