/*
 * The C figure the binding benchmarks (bench-node, bench-go) divide by: the
 * standard request of `make bench` (crates/oauth1/benches/common/mod.rs,
 * tests/c/bench.c) signed through the C API in a loop, as tests/c/bench.c
 * does (sign, render the Authorization header, free both; options made once).
 * Run once per round by the language's benchmark, so that both share the
 * machine's moment; prints the median ns per signing of its own rounds.
 *
 *   sign_ns [ITERS [ROUNDS]]   (default 20000 iterations, 1 round)
 */
#define _POSIX_C_SOURCE 200809L
#include <oauth1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *URL =
    "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait";
static const char *BODY = "status=active&tags=a%2Cb&name=John+Doe";
static const char *SIGNATURE = "7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI=";

static void ok(oauth1_result r, const char *what) {
    if (r != OAUTH1_RESULT_OK) {
        char msg[512];
        oauth1_last_error_message(msg, sizeof msg);
        fprintf(stderr, "sign_ns: %s failed: %s\n", what, msg);
        exit(1);
    }
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    long iters = argc > 1 ? atol(argv[1]) : 20000;
    long rounds = argc > 2 ? atol(argv[2]) : 1;
    if (iters < 1 || rounds < 1 || rounds > 1000) {
        fprintf(stderr, "usage: sign_ns [ITERS [ROUNDS]]\n");
        return 2;
    }
    oauth1_signer_builder *b = NULL;
    oauth1_signer *signer = NULL;
    oauth1_sign_options *options = NULL;
    ok(oauth1_signer_builder_new("ck_5f4dcc3b5aa765d61d8327deb882cf99",
                                 "cs_2c26b46b68ffc68ff99b453c1d30413413422d706", &b),
       "builder");
    ok(oauth1_signer_builder_set_token(b, "tk_6b86b273ff34fce19d6b804eff5a3f57",
                                       "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b"),
       "token");
    ok(oauth1_signer_builder_set_signature_method(b, "HMAC-SHA256"), "method");
    ok(oauth1_signer_builder_set_realm(b, "1234567_SB1"), "realm");
    ok(oauth1_signer_builder_build(b, &signer), "build");
    ok(oauth1_sign_options_new(&options), "options");
    ok(oauth1_sign_options_set_timestamp(options, OAUTH1_GENERATED_FIXED, "1700000000"), "timestamp");
    ok(oauth1_sign_options_set_nonce(options, OAUTH1_GENERATED_FIXED, "kllo9940pd9333jh"), "nonce");

    size_t sink = 0;
    double *samples = calloc((size_t)rounds, sizeof *samples);
    for (long r = -1; r < rounds; r++) { /* round -1 warms up */
        double start = now_ns();
        for (long i = 0; i < iters; i++) {
            oauth1_signed *s = NULL;
            char *header = NULL;
            ok(oauth1_signer_sign(signer, "POST", URL, (const uint8_t *)BODY, strlen(BODY),
                                  "application/x-www-form-urlencoded", options, &s),
               "sign");
            ok(oauth1_signed_authorization_header(s, &header), "header");
            sink += strlen(header);
            if (i == 0 && strstr(header, "7YW4s%2FRtwCowc9nBLyiBo%2FEfsYqdRKwcZmi%2BE0%2BWDxI%3D") == NULL) {
                fprintf(stderr, "sign_ns: not the standard signature %s: %s\n", SIGNATURE, header);
                return 1;
            }
            oauth1_string_free(header);
            oauth1_signed_free(s);
        }
        if (r >= 0) samples[r] = (now_ns() - start) / (double)iters;
    }
    qsort(samples, (size_t)rounds, sizeof *samples, cmp);
    printf("%.1f\n", samples[rounds / 2]);
    free(samples);
    oauth1_sign_options_free(options);
    oauth1_signer_free(signer);
    oauth1_signer_builder_free(b);
    return sink == 0;
}
