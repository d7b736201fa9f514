/*
 * The C API's figure for the bindings' benchmarks (`make bench-php`,
 * `make bench-ruby`): signs the project's standard request exactly as
 * tests/c/bench.c does (sign, render the Authorization header, free both;
 * rounds of 20 000 after a warm-up) and prints the median nanoseconds per
 * signature. A binding's bench runs it between its own rounds, so the ratio
 * of the two shares the machine's moment.
 *
 *   sign_median [ROUNDS]   (default 5)
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
static const char *FORM = "application/x-www-form-urlencoded";
static oauth1_signer *signer;
static oauth1_sign_options *options;
static volatile size_t sink;

static void die(const char *what, oauth1_result r) {
    char msg[512];
    oauth1_last_error_message(msg, sizeof msg);
    fprintf(stderr, "%s failed: %s (%s)\n", what, oauth1_result_str(r), msg);
    exit(1);
}

static void sign_once(void) {
    oauth1_signed *s = NULL;
    char *header = NULL;
    oauth1_result r = oauth1_signer_sign(signer, "POST", URL, (const uint8_t *)BODY, strlen(BODY),
                                         FORM, options, &s);
    if (r != OAUTH1_RESULT_OK) die("oauth1_signer_sign", r);
    r = oauth1_signed_authorization_header(s, &header);
    if (r != OAUTH1_RESULT_OK) die("oauth1_signed_authorization_header", r);
    sink += strlen(header);
    oauth1_string_free(header);
    oauth1_signed_free(s);
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

#define ITERS 20000
#define MAX_ROUNDS 101

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    if (rounds < 1) rounds = 1;
    if (rounds > MAX_ROUNDS) rounds = MAX_ROUNDS;
    oauth1_signer_builder *b = NULL;
    oauth1_result r = oauth1_signer_builder_new("ck_5f4dcc3b5aa765d61d8327deb882cf99",
                                                "cs_2c26b46b68ffc68ff99b453c1d30413413422d706", &b);
    if (r == OAUTH1_RESULT_OK)
        r = oauth1_signer_builder_set_token(b, "tk_6b86b273ff34fce19d6b804eff5a3f57",
                                            "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b");
    if (r == OAUTH1_RESULT_OK) r = oauth1_signer_builder_set_signature_method(b, "HMAC-SHA256");
    if (r == OAUTH1_RESULT_OK) r = oauth1_signer_builder_set_realm(b, "1234567_SB1");
    if (r == OAUTH1_RESULT_OK) r = oauth1_signer_builder_build(b, &signer);
    if (r == OAUTH1_RESULT_OK) r = oauth1_sign_options_new(&options);
    if (r == OAUTH1_RESULT_OK)
        r = oauth1_sign_options_set_timestamp(options, OAUTH1_GENERATED_FIXED, "1700000000");
    if (r == OAUTH1_RESULT_OK)
        r = oauth1_sign_options_set_nonce(options, OAUTH1_GENERATED_FIXED, "kllo9940pd9333jh");
    if (r != OAUTH1_RESULT_OK) die("setting up the signer", r);
    oauth1_signer_builder_free(b);

    for (int i = 0; i < ITERS; i++) sign_once();
    double samples[MAX_ROUNDS];
    for (int k = 0; k < rounds; k++) {
        double start = now_ns();
        for (int i = 0; i < ITERS; i++) sign_once();
        samples[k] = (now_ns() - start) / ITERS;
    }
    qsort(samples, (size_t)rounds, sizeof samples[0], cmp);
    printf("%.1f\n", samples[rounds / 2]);
    oauth1_sign_options_free(options);
    oauth1_signer_free(signer);
    return 0;
}
