/*
 * `make bench` (bench-c): signs the project's standard request through the C
 * API in a loop (sign, render the Authorization header, free both) and, in
 * the same run and interleaved round by round, liboauth's oauth_sign_url2
 * (Debian liboauth-dev; HMAC-SHA1, the best it has) on the same request.
 * Prints both medians and the ratio; and, interleaved the same way, the
 * same signing with a fresh nonce (what every real request does) against the
 * fixed one. Each ratio is a line `bench <what>: <ratio> (target <op> <value>)
 * met` (or `NOT met`) after the raw figures.
 *
 *   bench [CRITERION_NS [CORE_SIGN]]
 *
 * CRITERION_NS is the Rust core's own criterion figure for the same work
 * (sign + header), from `make bench-rust` in the same `make bench`; CORE_SIGN
 * is crates/oauth1-ffi/examples/core_sign, which signs the same way in Rust:
 * it is run between this program's rounds, so that ratio shares the machine's
 * moment too.
 *
 * Verification: the same request, received by a provider through
 * the C API (oauth1_verifier_verify + free), in rounds interleaved with the
 * signing rounds, so "verifications per second" and the verify/sign ratio
 * come from one run. As in the Rust bench, the looped request goes to a
 * nonce store that accepts every nonce (a C callback); a second figure
 * verifies distinct requests (signed beforehand) against the in-memory store.
 */
#define _POSIX_C_SOURCE 200809L
#include "bench_common.h" /* first: liboauth's oauth.h needs size_t */
#include <oauth.h>

/* liboauth takes every parameter from the URL and returns the body in postargs. */
static const char *URL_WITH_BODY =
    "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait"
    "&status=active&tags=a%2Cb&name=John+Doe";

static oauth1_signer *signer;
static oauth1_sign_options *options;       /* fixed timestamp and nonce */
static oauth1_sign_options *fresh_options; /* fixed timestamp, fresh nonce */
static volatile size_t sink;

static oauth1_verifier *verifier;
static oauth1_credentials *credentials;
static oauth1_nonce_store *accept_all;
static char *standard_header;

static void die(const char *what, oauth1_result r) { check_ok(r, what); }

static void sign_with(const oauth1_sign_options *with) {
    sink += sign_standard(signer, with, NULL, 0);
}

static void sign_liboauth1(void) { sign_with(options); }
static void sign_fresh_nonce(void) { sign_with(fresh_options); }

/* Prints one ratio line: `bench WHAT: RATIO (target OP VALUE) met` or `NOT met`. */
static int unmet;
static void ratio(const char *what, double value, const char *op, double target) {
    int met = op[0] == '<' ? value <= target : value >= target;
    if (!met) unmet++;
    printf("bench %s: %.2fx (target %s %gx) %s\n", what, value, op, target, met ? "met" : "NOT met");
}

/* A nonce store that accepts every nonce, so one request can be verified in a loop. */
static bool accept_every_nonce(void *userdata, const char *consumer_key, const char *token,
                               uint64_t timestamp, const char *nonce, uint64_t now, uint64_t window) {
    (void)userdata, (void)consumer_key, (void)token, (void)timestamp, (void)nonce, (void)now,
        (void)window;
    return true;
}

static void verify_liboauth1(void) {
    oauth1_verified *v = NULL;
    oauth1_result r = oauth1_verifier_verify(verifier, credentials, accept_all, "POST", URL,
                                             standard_header, (const uint8_t *)BODY, strlen(BODY),
                                             FORM, &v, NULL);
    if (r != OAUTH1_RESULT_OK) die("oauth1_verifier_verify", r);
    oauth1_verified_free(v);
}

static void sign_liboauth(void) {
    char *postargs = NULL;
    char *url = oauth_sign_url2(URL_WITH_BODY, &postargs, OA_HMAC, "POST", CK, CS, TK, TS);
    if (url == NULL || postargs == NULL) {
        fprintf(stderr, "oauth_sign_url2 failed\n");
        exit(1);
    }
    sink += strlen(postargs);
    free(url);
    free(postargs);
}

static double round_ns(void (*f)(void), int iters) {
    double start = now_ns();
    for (int i = 0; i < iters; i++) f();
    return (now_ns() - start) / iters;
}

#define ROUNDS 15
#define RUST_RUNS 5

/* Runs the Rust core's timing program once; its median in ns, or 0. */
static double run_core_sign(const char *program) {
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "'%s' 3", program);
    FILE *p = popen(cmd, "r");
    if (p == NULL) return 0;
    double ns = 0;
    if (fscanf(p, "%lf", &ns) != 1) ns = 0;
    if (pclose(p) != 0) ns = 0;
    return ns;
}

int main(int argc, char **argv) {
    standard_signer(&signer, &options);
    oauth1_result r = oauth1_sign_options_new(&fresh_options);
    if (r == OAUTH1_RESULT_OK)
        r = oauth1_sign_options_set_timestamp(fresh_options, OAUTH1_GENERATED_FIXED, "1700000000");
    if (r != OAUTH1_RESULT_OK) die("setting up the fresh-nonce options", r);

    /* The figure is only worth printing for the right answer. */
    oauth1_signed *s = NULL;
    char *sig = NULL;
    r = oauth1_signer_sign(signer, "POST", URL, (const uint8_t *)BODY, strlen(BODY), FORM, options,
                           &s);
    if (r != OAUTH1_RESULT_OK) die("oauth1_signer_sign", r);
    if (oauth1_signed_signature(s, &sig) != OAUTH1_RESULT_OK || strcmp(sig, SIGNATURE) != 0) {
        fprintf(stderr, "wrong signature %s\n", sig ? sig : "(none)");
        return 1;
    }
    oauth1_string_free(sig);
    r = oauth1_signed_authorization_header(s, &standard_header);
    if (r != OAUTH1_RESULT_OK) die("oauth1_signed_authorization_header", r);
    oauth1_signed_free(s);

    /* The provider: the standard credentials, HMAC-SHA256, the request's clock. */
    const char *methods[] = {"HMAC-SHA256"};
    r = oauth1_verifier_new(&verifier);
    if (r == OAUTH1_RESULT_OK) r = oauth1_verifier_set_signature_methods(verifier, methods, 1);
    if (r == OAUTH1_RESULT_OK) r = oauth1_verifier_set_clock(verifier, 1700000000);
    if (r == OAUTH1_RESULT_OK) r = oauth1_credentials_new(&credentials);
    if (r == OAUTH1_RESULT_OK) r = oauth1_credentials_add_consumer(credentials, CK, CS, NULL);
    if (r == OAUTH1_RESULT_OK) r = oauth1_credentials_add_token(credentials, TK, TS, CK);
    if (r == OAUTH1_RESULT_OK)
        r = oauth1_nonce_store_new_with_callback(accept_every_nonce, NULL, &accept_all);
    if (r != OAUTH1_RESULT_OK) die("setting up the verifier", r);

    /* Distinct requests for the in-memory store, signed outside the timing. */
#define UNIQUE 50000
    char **unique = calloc(UNIQUE, sizeof *unique);
    oauth1_sign_options *nonce_options = NULL;
    r = oauth1_sign_options_new(&nonce_options);
    if (r == OAUTH1_RESULT_OK)
        r = oauth1_sign_options_set_timestamp(nonce_options, OAUTH1_GENERATED_FIXED, "1700000000");
    for (int i = 0; r == OAUTH1_RESULT_OK && i < UNIQUE; i++) {
        char nonce[32];
        snprintf(nonce, sizeof nonce, "n%015d", i);
        r = oauth1_sign_options_set_nonce(nonce_options, OAUTH1_GENERATED_FIXED, nonce);
        if (r == OAUTH1_RESULT_OK)
            r = oauth1_signer_sign(signer, "POST", URL, (const uint8_t *)BODY, strlen(BODY), FORM,
                                   nonce_options, &s);
        if (r == OAUTH1_RESULT_OK) r = oauth1_signed_authorization_header(s, &unique[i]);
        oauth1_signed_free(s);
    }
    if (r != OAUTH1_RESULT_OK) die("signing the distinct requests", r);
    oauth1_sign_options_free(nonce_options);

    /* Warm up, then interleave rounds so both see the same machine. */
    round_ns(sign_liboauth1, 20000);
    round_ns(sign_fresh_nonce, 20000);
    round_ns(verify_liboauth1, 20000);
    round_ns(sign_liboauth, 1000);
    const char *core_sign = argc > 2 ? argv[2] : NULL;
    double ours[ROUNDS], fresh[ROUNDS], theirs[ROUNDS], verifies[ROUNDS], rust[RUST_RUNS];
    int rust_runs = 0;
    for (int i = 0; i < ROUNDS; i++) {
        ours[i] = round_ns(sign_liboauth1, 20000);
        fresh[i] = round_ns(sign_fresh_nonce, 20000);
        verifies[i] = round_ns(verify_liboauth1, 20000);
        theirs[i] = round_ns(sign_liboauth, 1500);
        if (core_sign != NULL && i % (ROUNDS / RUST_RUNS) == 0 && rust_runs < RUST_RUNS) {
            double ns = run_core_sign(core_sign);
            if (ns <= 0) {
                fprintf(stderr, "%s gave no figure\n", core_sign);
                return 1;
            }
            rust[rust_runs++] = ns;
        }
    }
    qsort(ours, ROUNDS, sizeof ours[0], cmp_double);
    qsort(fresh, ROUNDS, sizeof fresh[0], cmp_double);
    qsort(theirs, ROUNDS, sizeof theirs[0], cmp_double);
    qsort(verifies, ROUNDS, sizeof verifies[0], cmp_double);
    double verify = verifies[ROUNDS / 2];

    /* Distinct requests, each verified once, against the in-memory store. */
    oauth1_nonce_store *store = NULL;
    r = oauth1_nonce_store_new(&store);
    if (r != OAUTH1_RESULT_OK) die("oauth1_nonce_store_new", r);
    double start = now_ns();
    for (int i = 0; i < UNIQUE; i++) {
        oauth1_verified *v = NULL;
        r = oauth1_verifier_verify(verifier, credentials, store, "POST", URL, unique[i],
                                   (const uint8_t *)BODY, strlen(BODY), FORM, &v, NULL);
        if (r != OAUTH1_RESULT_OK) die("oauth1_verifier_verify (distinct requests)", r);
        oauth1_verified_free(v);
    }
    double with_store = (now_ns() - start) / UNIQUE;
    oauth1_nonce_store_free(store);
    for (int i = 0; i < UNIQUE; i++) oauth1_string_free(unique[i]);
    free(unique);
    qsort(rust, (size_t)rust_runs, sizeof rust[0], cmp_double);
    double mine = ours[ROUNDS / 2], peer = theirs[ROUNDS / 2];

    double fresh_ns = fresh[ROUNDS / 2];
    printf("c bench: the standard request (POST, query + form body, realm), signed and rendered\n");
    printf("  liboauth1 C API, HMAC-SHA256 (sign + header + free):  %8.0f ns median of %d rounds\n",
           mine, ROUNDS);
    printf("  the same with a fresh nonce (OAUTH1_GENERATED_AUTO): %8.0f ns median of %d rounds\n",
           fresh_ns, ROUNDS);
    printf("  liboauth oauth_sign_url2, HMAC-SHA1:                  %8.0f ns median of %d rounds\n",
           peer, ROUNDS);
    ratio("c vs liboauth (liboauth / liboauth1 C API, same request)", peer / mine, ">=", 20);
    ratio("c fresh nonce / fixed nonce", fresh_ns / mine, "<=", 1.10);
    if (rust_runs > 0) {
        double core = rust[rust_runs / 2];
        printf("  Rust core, same work, interleaved (examples/core_sign): %8.0f ns median of %d runs\n",
               core, rust_runs);
        ratio("c / Rust core (interleaved)", mine / core, "<=", 1.15);
    }
    double criterion = argc > 1 ? atof(argv[1]) : 0;
    if (criterion > 0) {
        printf("  Rust core, criterion figure earlier in this run:        %8.0f ns\n", criterion);
        ratio("c / Rust core (criterion)", mine / criterion, "<=", 1.15);
    } else {
        printf("  (no criterion figure from the Rust core's bench: run `make bench`)\n");
    }
    printf("c bench verify: the same request received by a provider through the C API\n");
    printf("  liboauth1 C API verification, HMAC-SHA256 (verify + free): %8.0f ns median of %d rounds, "
           "%.0f verifications/s on one core\n",
           verify, ROUNDS, 1e9 / verify);
    printf("  with the in-memory nonce store, %d distinct requests: %.0f ns each (%.0f/s)\n", UNIQUE,
           with_store, 1e9 / with_store);
    ratio("c verify / sign (interleaved)", verify / mine, "<=", 2);
    oauth1_string_free(standard_header);
    oauth1_nonce_store_free(accept_all);
    oauth1_credentials_free(credentials);
    oauth1_verifier_free(verifier);
    oauth1_sign_options_free(options);
    oauth1_sign_options_free(fresh_options);
    oauth1_signer_free(signer);
    return 0;
}
