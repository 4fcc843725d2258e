#ifndef CHATTUI_CRYPTO_SHIM_H
#define CHATTUI_CRYPTO_SHIM_H
/* OpenSSL's libcrypto for what OAuth needs: SHA-256 (PKCE) and random bytes (verifier, state). */
#include <openssl/sha.h>
#include <openssl/rand.h>
#endif
