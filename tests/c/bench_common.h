/*
 * What the C benchmark programs share (tests/c/bench.c, tests/c/sign_median.c,
 * tests/bindings/sign_ns.c): the project's standard request (POST, query +
 * form body, HMAC-SHA256, realm; crates/oauth1/benches/common/mod.rs) with a
 * fixed timestamp and nonce, signed through the C API the one way every
 * figure measures (sign, render the Authorization header, free both), and a
 * monotonic clock and median helpers. Header-only: each program includes it
 * once.
 */
#ifndef OAUTH1_BENCH_COMMON_H
#define OAUTH1_BENCH_COMMON_H

#include <oauth1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char URL[] =
    "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait";
static const char BODY[] = "status=active&tags=a%2Cb&name=John+Doe";
static const char FORM[] = "application/x-www-form-urlencoded";
static const char CK[] = "ck_5f4dcc3b5aa765d61d8327deb882cf99";
static const char CS[] = "cs_2c26b46b68ffc68ff99b453c1d30413413422d706";
static const char TK[] = "tk_6b86b273ff34fce19d6b804eff5a3f57";
static const char TS[] = "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b";
/* The standard request's signature, and as the header carries it (encoded). */
static const char SIGNATURE[] = "7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI=";
static const char SIGNATURE_ENCODED[] = "7YW4s%2FRtwCowc9nBLyiBo%2FEfsYqdRKwcZmi%2BE0%2BWDxI%3D";

/* Exits with the call's message unless it succeeded. */
static inline void check_ok(oauth1_result r, const char *what) {
    if (r != OAUTH1_RESULT_OK) {
        char msg[512];
        oauth1_last_error_message(msg, sizeof msg);
        fprintf(stderr, "%s failed: %s (%s)\n", what, oauth1_result_str(r), msg);
        exit(1);
    }
}

static inline double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* qsort's comparison for doubles; a sorted array's median is [n / 2]. */
static inline int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The standard request's signer, and options fixing its timestamp and nonce. */
static inline void standard_signer(oauth1_signer **signer, oauth1_sign_options **options) {
    oauth1_signer_builder *b = NULL;
    check_ok(oauth1_signer_builder_new(CK, CS, &b), "oauth1_signer_builder_new");
    check_ok(oauth1_signer_builder_set_token(b, TK, TS), "oauth1_signer_builder_set_token");
    check_ok(oauth1_signer_builder_set_signature_method(b, "HMAC-SHA256"),
             "oauth1_signer_builder_set_signature_method");
    check_ok(oauth1_signer_builder_set_realm(b, "1234567_SB1"), "oauth1_signer_builder_set_realm");
    check_ok(oauth1_signer_builder_build(b, signer), "oauth1_signer_builder_build");
    oauth1_signer_builder_free(b);
    check_ok(oauth1_sign_options_new(options), "oauth1_sign_options_new");
    check_ok(oauth1_sign_options_set_timestamp(*options, OAUTH1_GENERATED_FIXED, "1700000000"),
             "oauth1_sign_options_set_timestamp");
    check_ok(oauth1_sign_options_set_nonce(*options, OAUTH1_GENERATED_FIXED, "kllo9940pd9333jh"),
             "oauth1_sign_options_set_nonce");
}

/* Signs the standard request and renders its header, as every figure does;
 * copies the header into `first` (when not NULL, `first_len` bytes) for a
 * check. The header's length, to keep the work from being optimised away. */
static inline size_t sign_standard(const oauth1_signer *signer, const oauth1_sign_options *options,
                            char *first, size_t first_len) {
    oauth1_signed *s = NULL;
    char *header = NULL;
    check_ok(oauth1_signer_sign(signer, "POST", URL, (const uint8_t *)BODY, strlen(BODY), FORM,
                                options, &s),
             "oauth1_signer_sign");
    check_ok(oauth1_signed_authorization_header(s, &header), "oauth1_signed_authorization_header");
    size_t len = strlen(header);
    if (first != NULL && first_len > 0) snprintf(first, first_len, "%s", header);
    oauth1_string_free(header);
    oauth1_signed_free(s);
    return len;
}

#endif
