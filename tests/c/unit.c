/*
 * C unit tests of liboauth1 for what the conformance vectors do not reach:
 * NULL handles and strings, invalid UTF-8, empty and 1 MiB inputs, every
 * result code and its message, double initialisation, outputs left alone on
 * failure, the token flow, the last-error message, and 8 threads signing with
 * one shared signer. Verification: every oauth_problem code and what it
 * answers, VERIFY.md's stateful checks (a forgery burns no nonce; a replay is
 * nonce_used), C lookups and a C nonce store, headers arrays, the received
 * URL, and 8 threads verifying with one verifier, credentials table and nonce
 * store while the table changes. Also run under ASan+UBSan and valgrind by
 * mk/c.mk.
 *
 * Prints "c unit: N passed, M failed" and exits non-zero on any failure.
 * OAUTH1_CARGO_VERSION, when set, must equal the header's and library's version.
 */
#define _POSIX_C_SOURCE 200809L
#include <oauth1.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

/* A value no output may take unless written: outputs stay untouched on failure. */
#define SENTINEL ((void *)&passed)

/* ---- the standard request (as in crates/oauth1/benches/common/mod.rs) ----- */

static const char *CK = "ck_5f4dcc3b5aa765d61d8327deb882cf99";
static const char *CS = "cs_2c26b46b68ffc68ff99b453c1d30413413422d706";
static const char *TK = "tk_6b86b273ff34fce19d6b804eff5a3f57";
static const char *TS = "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b";
static const char *URL =
    "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait";
static const char *BODY = "status=active&tags=a%2Cb&name=John+Doe";
static const char *FORM = "application/x-www-form-urlencoded";
static const char *SIGNATURE = "7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI=";
/* The protocol parameters of the standard request, encoded; the core
 * chooses their order, so the tests compare them as a set. */
static const char *PAIRS[] = {
    "oauth_consumer_key=ck_5f4dcc3b5aa765d61d8327deb882cf99",
    "oauth_token=tk_6b86b273ff34fce19d6b804eff5a3f57",
    "oauth_signature_method=HMAC-SHA256",
    "oauth_timestamp=1700000000",
    "oauth_nonce=kllo9940pd9333jh",
    "oauth_version=1.0",
    "oauth_signature=7YW4s%2FRtwCowc9nBLyiBo%2FEfsYqdRKwcZmi%2BE0%2BWDxI%3D",
};
#define NPAIRS (sizeof PAIRS / sizeof PAIRS[0])

/* The standard request's header, checked once by test_standard_request and
 * then compared against by the other tests. */
static char HEADER[1024];

/* Whether `query` (name=value&...) holds exactly the pairs of PAIRS. */
static int same_pairs(const char *query) {
    size_t n = 0;
    for (const char *p = query; p != NULL; p = strchr(p, '&'), p = p ? p + 1 : NULL) n++;
    if (n != NPAIRS) return 0;
    for (size_t i = 0; i < NPAIRS; i++) {
        size_t len = strlen(PAIRS[i]);
        const char *at = strstr(query, PAIRS[i]);
        if (at == NULL || (at != query && at[-1] != '&') || (at[len] != '&' && at[len] != '\0'))
            return 0;
    }
    return 1;
}

/* The header a query's pairs give: OAuth realm="...", name="value", ... */
static void header_from_query(const char *query, char *out, size_t len) {
    size_t used = (size_t)snprintf(out, len, "OAuth realm=\"1234567_SB1\"");
    const char *p = query;
    while (p != NULL && *p != '\0' && used < len) {
        const char *eq = strchr(p, '=');
        const char *amp = strchr(p, '&');
        if (eq == NULL) break;
        size_t vlen = amp ? (size_t)(amp - eq - 1) : strlen(eq + 1);
        used += (size_t)snprintf(out + used, len - used, ", %.*s=\"%.*s\"", (int)(eq - p), p,
                                 (int)vlen, eq + 1);
        p = amp ? amp + 1 : NULL;
    }
}

static oauth1_signer *standard_signer(void) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = NULL;
    CHECK_RC(oauth1_signer_builder_new(CK, CS, &b), OK);
    CHECK_RC(oauth1_signer_builder_set_token(b, TK, TS), OK);
    CHECK_RC(oauth1_signer_builder_set_signature_method(b, "HMAC-SHA256"), OK);
    CHECK_RC(oauth1_signer_builder_set_realm(b, "1234567_SB1"), OK);
    CHECK_RC(oauth1_signer_builder_build(b, &s), OK);
    oauth1_signer_builder_free(b);
    return s;
}

static oauth1_sign_options *fixed_options(void) {
    oauth1_sign_options *o = NULL;
    CHECK_RC(oauth1_sign_options_new(&o), OK);
    CHECK_RC(oauth1_sign_options_set_timestamp(o, OAUTH1_GENERATED_FIXED, "1700000000"), OK);
    CHECK_RC(oauth1_sign_options_set_nonce(o, OAUTH1_GENERATED_FIXED, "kllo9940pd9333jh"), OK);
    return o;
}

static oauth1_result sign_standard(const oauth1_signer *s, const oauth1_sign_options *o,
                                   oauth1_signed **out) {
    return oauth1_signer_sign(s, "POST", URL, (const uint8_t *)BODY, strlen(BODY), FORM, o, out);
}

/* Checks a getter's string and frees it. */
static void check_string(oauth1_result r, char *got, const char *want, int line) {
    if (r == OK && got != NULL && strcmp(got, want) == 0) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL line %d: got %u \"%s\", expected \"%s\"\n", line, (unsigned)r,
                r == OK && got ? got : last_error(), want);
    }
    if (r == OK) oauth1_string_free(got);
}
#define CHECK_STR(getter_call_with_out, out, want)                                      \
    do {                                                                               \
        out = NULL;                                                                    \
        oauth1_result r_ = (getter_call_with_out);                                     \
        check_string(r_, out, want, __LINE__);                                         \
    } while (0)

/* ---- tests --------------------------------------------------------------- */

static void test_version(void) {
    char macro_version[64];
    snprintf(macro_version, sizeof macro_version, "%d.%d.%d", OAUTH1_VERSION_MAJOR,
             OAUTH1_VERSION_MINOR, OAUTH1_VERSION_PATCH);
    CHECK(oauth1_version() != NULL);
    CHECK(strcmp(oauth1_version(), macro_version) == 0);
    const char *cargo = getenv("OAUTH1_CARGO_VERSION");
    if (cargo != NULL) {
        CHECK(strcmp(cargo, macro_version) == 0);
        if (strcmp(cargo, macro_version) != 0)
            fprintf(stderr, "Cargo.toml says %s, the header %s\n", cargo, macro_version);
    }
}

static void test_standard_request(void) {
    oauth1_signer *s = standard_signer();
    oauth1_sign_options *o = fixed_options();
    oauth1_signed *signed_req = NULL;
    char *str;
    CHECK_RC(sign_standard(s, o, &signed_req), OK);
    CHECK_STR(oauth1_signed_signature(signed_req, &str), str, SIGNATURE);
    char *query = NULL;
    CHECK_RC(oauth1_signed_oauth_query(signed_req, &query), OK);
    CHECK(query != NULL && same_pairs(query));
    CHECK(query != NULL && strncmp(query, PAIRS[0], strlen(PAIRS[0])) == 0);
    CHECK(query != NULL && strstr(query, PAIRS[NPAIRS - 1]) + strlen(PAIRS[NPAIRS - 1]) ==
                               query + strlen(query)); /* signature last */
    header_from_query(query, HEADER, sizeof HEADER);
    CHECK_STR(oauth1_signed_authorization_header(signed_req, &str), str, HEADER);
    CHECK_STR(oauth1_signed_base_string(signed_req, &str), str,
              "POST&https%3A%2F%2Fapi.example.com%2Fv1%2Frecords%2Fsearch&limit%3D50%26name%3DJohn%"
              "2520Doe%26oauth_consumer_key%3Dck_5f4dcc3b5aa765d61d8327deb882cf99%26oauth_nonce%"
              "3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%"
              "3D1700000000%26oauth_token%3Dtk_6b86b273ff34fce19d6b804eff5a3f57%26oauth_version%"
              "3D1.0%26offset%3D100%26q%3Dcaf%25C3%25A9%2520au%2520lait%26status%3Dactive%26tags%"
              "3Da%252Cb");
    CHECK_STR(oauth1_signed_normalized_parameters(signed_req, &str), str,
              "limit=50&name=John%20Doe&oauth_consumer_key=ck_5f4dcc3b5aa765d61d8327deb882cf99&"
              "oauth_nonce=kllo9940pd9333jh&oauth_signature_method=HMAC-SHA256&oauth_timestamp="
              "1700000000&oauth_token=tk_6b86b273ff34fce19d6b804eff5a3f57&oauth_version=1.0&"
              "offset=100&q=caf%C3%A9%20au%20lait&status=active&tags=a%2Cb");
    char want[1024];
    snprintf(want, sizeof want, "%s&%s", URL, query ? query : "");
    CHECK_STR(oauth1_signed_url(signed_req, &str), str, want);
    snprintf(want, sizeof want, "%s&%s", BODY, query ? query : "");
    CHECK_STR(oauth1_signed_form_body(signed_req, &str), str, want);
    oauth1_string_free(query);
    size_t count = 0;
    CHECK_RC(oauth1_signed_oauth_parameter_count(signed_req, &count), OK);
    CHECK(count == NPAIRS);
    char *name = NULL, *value = NULL;
    CHECK_RC(oauth1_signed_oauth_parameter(signed_req, NPAIRS - 1, &name, &value), OK);
    CHECK(name && strcmp(name, "oauth_signature") == 0);
    CHECK(value && strcmp(value, SIGNATURE) == 0);
    oauth1_string_free(name);
    oauth1_string_free(value);
    name = value = SENTINEL;
    CHECK_RC(oauth1_signed_oauth_parameter(signed_req, NPAIRS, &name, &value), OAUTH1_RESULT_NOT_FOUND);
    CHECK(name == SENTINEL && value == SENTINEL);

    CHECK_STR(oauth1_signer_consumer_key(s, &str), str, CK);
    CHECK_STR(oauth1_signer_token(s, &str), str, TK);
    CHECK_STR(oauth1_signer_signature_method(s, &str), str, "HMAC-SHA256");
    CHECK_STR(oauth1_signer_realm(s, &str), str, "1234567_SB1");

    oauth1_signed_free(signed_req);
    oauth1_sign_options_free(o);
    oauth1_signer_free(s);
}

/* The highest result code this version defines. */
#define LAST_RESULT OAUTH1_RESULT_VERIFICATION_FAILED

/* Every code has a distinct, non-empty static message; every code that an
 * input can cause is caused once, with a detailed message naming the input. */
static void test_result_codes(void) {
    const char *seen[LAST_RESULT + 1];
    for (uint32_t code = 0; code <= LAST_RESULT; code++) {
        const char *m = oauth1_result_str(code);
        CHECK(m != NULL && m[0] != '\0');
        seen[code] = m;
        for (uint32_t j = 0; j < code; j++) CHECK(strcmp(seen[j], m) != 0);
    }
    CHECK(strcmp(oauth1_result_str(OAUTH1_RESULT_OK), "success") == 0);
    CHECK(strcmp(oauth1_result_str(LAST_RESULT + 1), "unknown result code") == 0);
    CHECK(strcmp(oauth1_result_str(UINT32_MAX), "unknown result code") == 0);

    /* The numbers are ABI: pin them. */
    CHECK(OAUTH1_RESULT_OK == 0 && OAUTH1_RESULT_NULL_PARAMETER == 1 &&
          OAUTH1_RESULT_INVALID_UTF8 == 2 && OAUTH1_RESULT_PANIC == 3 &&
          OAUTH1_RESULT_NOT_FOUND == 4 && OAUTH1_RESULT_INTERIOR_NUL == 5 &&
          OAUTH1_RESULT_INVALID_URL == 6 && OAUTH1_RESULT_INVALID_ENCODING == 7 &&
          OAUTH1_RESULT_UNSUPPORTED_SIGNATURE_METHOD == 8 && OAUTH1_RESULT_INVALID_KEY == 9 &&
          OAUTH1_RESULT_INVALID_PARAMETER == 10 && OAUTH1_RESULT_INVALID_RESPONSE == 11 &&
          OAUTH1_RESULT_OTHER == 12 && OAUTH1_RESULT_VERIFICATION_FAILED == 13);
    CHECK(sizeof(oauth1_result) == 4);
    CHECK(OAUTH1_GENERATED_AUTO == 0 && OAUTH1_GENERATED_FIXED == 1 && OAUTH1_GENERATED_OMIT == 2);

    oauth1_signer_builder *b = SENTINEL;
    CHECK_RC(oauth1_signer_builder_new(NULL, CS, &b), OAUTH1_RESULT_NULL_PARAMETER);
    CHECK(strcmp(last_error(), "consumer_key is NULL") == 0);
    CHECK_RC(oauth1_signer_builder_new(CK, "s\xff", &b), OAUTH1_RESULT_INVALID_UTF8);
    CHECK(strstr(last_error(), "consumer_secret is not valid UTF-8") != NULL);
    CHECK(b == SENTINEL);

    oauth1_signer *s = standard_signer();
    oauth1_signed *sig = SENTINEL;
    CHECK_RC(oauth1_signer_sign(s, "GET", "ftp://example.com/x", NULL, 0, NULL, NULL, &sig),
             OAUTH1_RESULT_INVALID_URL);
    CHECK(strstr(last_error(), "invalid_url") != NULL && strstr(last_error(), "ftp://example.com/x"));
    CHECK_RC(oauth1_signer_sign(s, "GET", "https://example.com/?a=%zz", NULL, 0, NULL, NULL, &sig),
             OAUTH1_RESULT_INVALID_ENCODING);
    CHECK(strstr(last_error(), "invalid_encoding") != NULL);
    CHECK_RC(oauth1_signer_sign(s, "GET /", "https://example.com/", NULL, 0, NULL, NULL, &sig),
             OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(strstr(last_error(), "GET /") != NULL);
    CHECK(sig == SENTINEL);

    oauth1_signer_builder *nb = NULL;
    CHECK_RC(oauth1_signer_builder_new(CK, CS, &nb), OK);
    CHECK_RC(oauth1_signer_builder_set_signature_method(nb, "hmac-sha1"),
             OAUTH1_RESULT_UNSUPPORTED_SIGNATURE_METHOD);
    CHECK(strstr(last_error(), "hmac-sha1") != NULL);
    CHECK_RC(oauth1_signer_builder_set_signature_method(nb, "RSA-SHA1"), OK);
    oauth1_signer *none = SENTINEL;
    CHECK_RC(oauth1_signer_builder_build(nb, &none), OAUTH1_RESULT_INVALID_KEY);
    CHECK(strstr(last_error(), "invalid_key") != NULL);
    CHECK_RC(oauth1_signer_builder_set_rsa_private_key_pem(nb, "-----BEGIN PRIVATE KEY-----\nxx\n"),
             OK);
    CHECK_RC(oauth1_signer_builder_build(nb, &none), OAUTH1_RESULT_INVALID_KEY);
    CHECK(none == SENTINEL);
    oauth1_signer_builder_free(nb);

    char *str = SENTINEL;
    oauth1_signer *no_token = NULL;
    CHECK_RC(oauth1_signer_builder_new(CK, CS, &nb), OK);
    CHECK_RC(oauth1_signer_builder_build(nb, &no_token), OK);
    CHECK_RC(oauth1_signer_token(no_token, &str), OAUTH1_RESULT_NOT_FOUND);
    CHECK_RC(oauth1_signer_realm(no_token, &str), OAUTH1_RESULT_NOT_FOUND);
    CHECK(str == SENTINEL);
    CHECK_RC(oauth1_signer_access_token_request(no_token, "https://p.example/access", "v", &sig),
             OAUTH1_RESULT_INVALID_PARAMETER);
    oauth1_signer_free(no_token);
    oauth1_signer_builder_free(nb);

    oauth1_token_response *tr = SENTINEL;
    CHECK_RC(oauth1_parse_token_response((const uint8_t *)"", 0, 0, &tr),
             OAUTH1_RESULT_INVALID_RESPONSE);
    CHECK(strstr(last_error(), "oauth_token") != NULL);
    CHECK(tr == SENTINEL);
    const char *nul_token = "oauth_token=a%00b&oauth_token_secret=s";
    CHECK_RC(oauth1_parse_token_response((const uint8_t *)nul_token, strlen(nul_token), 0, &tr), OK);
    CHECK_RC(oauth1_token_response_token(tr, &str), OAUTH1_RESULT_INTERIOR_NUL);
    CHECK(strstr(last_error(), "NUL") != NULL);
    CHECK(str == SENTINEL);
    oauth1_token_response_free(tr);

    oauth1_sign_options *o = NULL;
    CHECK_RC(oauth1_sign_options_new(&o), OK);
    CHECK_RC(oauth1_sign_options_add_extra_oauth_param(o, "Oauth_x", "1"), OK);
    CHECK_RC(oauth1_signer_sign(s, "GET", "https://example.com/", NULL, 0, NULL, o, &sig),
             OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(strstr(last_error(), "Oauth_x") != NULL);
    CHECK_RC(oauth1_sign_options_clear_extra_oauth_params(o), OK);
    CHECK_RC(oauth1_sign_options_add_extra_oauth_param(o, "oauth_signature", "1"), OK);
    CHECK_RC(oauth1_signer_sign(s, "GET", "https://example.com/", NULL, 0, NULL, o, &sig),
             OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK_RC(oauth1_sign_options_set_timestamp(o, 7, "1"), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(strstr(last_error(), "mode 7") != NULL);
    CHECK_RC(oauth1_sign_options_set_nonce(o, OAUTH1_GENERATED_FIXED, NULL),
             OAUTH1_RESULT_NULL_PARAMETER);
    CHECK(sig == SENTINEL);
    oauth1_sign_options_free(o);
    oauth1_signer_free(s);
}

/* Every pointer argument refuses NULL (or is documented optional), and every
 * _free accepts NULL. */
static void test_null_arguments(void) {
    const int NP = OAUTH1_RESULT_NULL_PARAMETER;
    oauth1_signer *s = standard_signer();
    oauth1_sign_options *o = fixed_options();
    oauth1_signed *sr = NULL;
    CHECK_RC(sign_standard(s, o, &sr), OK);
    oauth1_token_response *tr = NULL;
    const char *resp = "oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true";
    CHECK_RC(oauth1_parse_token_response((const uint8_t *)resp, strlen(resp), 1, &tr), OK);
    oauth1_signer_builder *b = NULL;
    CHECK_RC(oauth1_signer_builder_new(CK, CS, &b), OK);

    oauth1_signer_builder *bo = SENTINEL;
    oauth1_signer *so = SENTINEL;
    oauth1_sign_options *oo = SENTINEL;
    oauth1_signed *sigo = SENTINEL;
    oauth1_token_response *tro = SENTINEL;
    char *str = SENTINEL, *str2 = SENTINEL;
    size_t n = 12345;
    bool flag = false;

    CHECK_RC(oauth1_signer_builder_new(CK, NULL, &bo), NP);
    CHECK_RC(oauth1_signer_builder_new(CK, CS, NULL), NP);
    CHECK_RC(oauth1_signer_builder_set_token(NULL, TK, TS), NP);
    CHECK_RC(oauth1_signer_builder_set_token(b, NULL, TS), NP);
    CHECK_RC(oauth1_signer_builder_set_token(b, TK, NULL), NP);
    CHECK_RC(oauth1_signer_builder_set_signature_method(NULL, "PLAINTEXT"), NP);
    CHECK_RC(oauth1_signer_builder_set_signature_method(b, NULL), NP);
    CHECK_RC(oauth1_signer_builder_set_realm(NULL, "r"), NP);
    CHECK_RC(oauth1_signer_builder_set_realm(b, NULL), NP);
    CHECK_RC(oauth1_signer_builder_set_rsa_private_key_pem(NULL, "k"), NP);
    CHECK_RC(oauth1_signer_builder_set_rsa_private_key_pem(b, NULL), NP);
    CHECK_RC(oauth1_signer_builder_set_include_version(NULL, true), NP);
    CHECK_RC(oauth1_signer_builder_set_body_hash(NULL, true), NP);
    CHECK_RC(oauth1_signer_builder_set_nonce(NULL, 8, NULL), NP);
    CHECK_RC(oauth1_signer_builder_build(NULL, &so), NP);
    CHECK_RC(oauth1_signer_builder_build(b, NULL), NP);
    CHECK(strcmp(last_error(), "signer_out is NULL") == 0);

    CHECK_RC(oauth1_signer_to_builder(NULL, &bo), NP);
    CHECK_RC(oauth1_signer_to_builder(s, NULL), NP);
    CHECK_RC(oauth1_signer_with_token(NULL, TK, TS, &so), NP);
    CHECK_RC(oauth1_signer_with_token(s, NULL, TS, &so), NP);
    CHECK_RC(oauth1_signer_with_token(s, TK, NULL, &so), NP);
    CHECK_RC(oauth1_signer_with_token(s, TK, TS, NULL), NP);
    CHECK_RC(oauth1_signer_consumer_key(NULL, &str), NP);
    CHECK_RC(oauth1_signer_consumer_key(s, NULL), NP);
    CHECK_RC(oauth1_signer_token(NULL, &str), NP);
    CHECK_RC(oauth1_signer_token(s, NULL), NP);
    CHECK_RC(oauth1_signer_signature_method(NULL, &str), NP);
    CHECK_RC(oauth1_signer_signature_method(s, NULL), NP);
    CHECK_RC(oauth1_signer_realm(NULL, &str), NP);
    CHECK_RC(oauth1_signer_realm(s, NULL), NP);

    const uint8_t *body = (const uint8_t *)BODY;
    size_t len = strlen(BODY);
    CHECK_RC(oauth1_signer_sign(NULL, "POST", URL, body, len, FORM, o, &sigo), NP);
    CHECK_RC(oauth1_signer_sign(s, NULL, URL, body, len, FORM, o, &sigo), NP);
    CHECK_RC(oauth1_signer_sign(s, "POST", NULL, body, len, FORM, o, &sigo), NP);
    CHECK_RC(oauth1_signer_sign(s, "POST", URL, NULL, len, FORM, o, &sigo), NP);
    CHECK(strstr(last_error(), "body is NULL but body_len is") != NULL);
    CHECK_RC(oauth1_signer_sign(s, "POST", URL, body, len, FORM, o, NULL), NP);
    CHECK_RC(oauth1_signer_request_token_request(NULL, URL, NULL, &sigo), NP);
    CHECK_RC(oauth1_signer_request_token_request(s, NULL, NULL, &sigo), NP);
    CHECK_RC(oauth1_signer_request_token_request(s, URL, NULL, NULL), NP);
    CHECK_RC(oauth1_signer_access_token_request(NULL, URL, "v", &sigo), NP);
    CHECK_RC(oauth1_signer_access_token_request(s, NULL, "v", &sigo), NP);
    CHECK_RC(oauth1_signer_access_token_request(s, URL, NULL, &sigo), NP);
    CHECK_RC(oauth1_signer_access_token_request(s, URL, "v", NULL), NP);

    CHECK_RC(oauth1_sign_options_new(NULL), NP);
    CHECK_RC(oauth1_sign_options_set_timestamp(NULL, OAUTH1_GENERATED_AUTO, NULL), NP);
    CHECK_RC(oauth1_sign_options_set_nonce(NULL, OAUTH1_GENERATED_AUTO, NULL), NP);
    CHECK_RC(oauth1_sign_options_set_timestamp(o, OAUTH1_GENERATED_FIXED, NULL), NP);
    CHECK_RC(oauth1_sign_options_set_callback(NULL, "cb"), NP);
    CHECK_RC(oauth1_sign_options_set_verifier(NULL, "v"), NP);
    CHECK_RC(oauth1_sign_options_add_extra_oauth_param(NULL, "oauth_x", "1"), NP);
    CHECK_RC(oauth1_sign_options_add_extra_oauth_param(o, NULL, "1"), NP);
    CHECK_RC(oauth1_sign_options_add_extra_oauth_param(o, "oauth_x", NULL), NP);
    CHECK_RC(oauth1_sign_options_clear_extra_oauth_params(NULL), NP);

    oauth1_result (*getters[])(const oauth1_signed *, char **) = {
        oauth1_signed_signature,           oauth1_signed_base_string,
        oauth1_signed_normalized_parameters, oauth1_signed_authorization_header,
        oauth1_signed_url,                 oauth1_signed_form_body,
        oauth1_signed_oauth_query,
    };
    for (size_t i = 0; i < sizeof getters / sizeof getters[0]; i++) {
        CHECK_RC(getters[i](NULL, &str), NP);
        CHECK_RC(getters[i](sr, NULL), NP);
    }
    CHECK_RC(oauth1_signed_oauth_parameter_count(NULL, &n), NP);
    CHECK_RC(oauth1_signed_oauth_parameter_count(sr, NULL), NP);
    CHECK_RC(oauth1_signed_oauth_parameter(NULL, 0, &str, &str2), NP);
    CHECK_RC(oauth1_signed_oauth_parameter(sr, 0, NULL, &str2), NP);
    CHECK_RC(oauth1_signed_oauth_parameter(sr, 0, &str, NULL), NP);

    CHECK_RC(oauth1_authorization_url(NULL, "t", &str), NP);
    CHECK_RC(oauth1_authorization_url("https://p.example/a", NULL, &str), NP);
    CHECK_RC(oauth1_authorization_url("https://p.example/a", "t", NULL), NP);
    CHECK_RC(oauth1_parse_callback(NULL, &str, &str2), NP);
    CHECK_RC(oauth1_parse_callback("oauth_token=t&oauth_verifier=v", NULL, &str2), NP);
    CHECK_RC(oauth1_parse_callback("oauth_token=t&oauth_verifier=v", &str, NULL), NP);
    CHECK_RC(oauth1_parse_token_response(NULL, 5, 0, &tro), NP);
    CHECK_RC(oauth1_parse_token_response((const uint8_t *)resp, strlen(resp), 0, NULL), NP);
    CHECK_RC(oauth1_token_response_token(NULL, &str), NP);
    CHECK_RC(oauth1_token_response_token(tr, NULL), NP);
    CHECK_RC(oauth1_token_response_token_secret(NULL, &str), NP);
    CHECK_RC(oauth1_token_response_token_secret(tr, NULL), NP);
    CHECK_RC(oauth1_token_response_callback_confirmed(NULL, &flag), NP);
    CHECK_RC(oauth1_token_response_callback_confirmed(tr, NULL), NP);
    CHECK_RC(oauth1_token_response_extra_count(NULL, &n), NP);
    CHECK_RC(oauth1_token_response_extra_count(tr, NULL), NP);
    CHECK_RC(oauth1_token_response_extra(NULL, 0, &str, &str2), NP);
    CHECK_RC(oauth1_token_response_extra(tr, 0, NULL, &str2), NP);
    CHECK_RC(oauth1_token_response_extra(tr, 0, &str, NULL), NP);
    CHECK_RC(oauth1_token_response_get(NULL, "x", &str), NP);
    CHECK_RC(oauth1_token_response_get(tr, NULL, &str), NP);
    CHECK_RC(oauth1_token_response_get(tr, "x", NULL), NP);

    /* No output was touched by any of the failures above. */
    CHECK(bo == SENTINEL && so == SENTINEL && oo == SENTINEL && sigo == SENTINEL &&
          tro == SENTINEL && str == SENTINEL && str2 == SENTINEL && n == 12345 && !flag);

    /* _free(NULL) does nothing; oauth1_last_error_message takes NULL, 0. */
    oauth1_signer_builder_free(NULL);
    oauth1_signer_free(NULL);
    oauth1_sign_options_free(NULL);
    oauth1_signed_free(NULL);
    oauth1_token_response_free(NULL);
    oauth1_string_free(NULL);
    CHECK(oauth1_last_error_message(NULL, 0) == strlen("value_out is NULL"));

    oauth1_signer_builder_free(b);
    oauth1_token_response_free(tr);
    oauth1_signed_free(sr);
    oauth1_sign_options_free(o);
    oauth1_signer_free(s);
}

/* Each string argument checks UTF-8 and names itself. */
static void test_invalid_utf8(void) {
    const int IU = OAUTH1_RESULT_INVALID_UTF8;
    const char *bad = "ab\xc3\x28";
    oauth1_signer *s = standard_signer();
    oauth1_signer_builder *b = NULL;
    oauth1_sign_options *o = NULL;
    oauth1_signed *sr = SENTINEL;
    oauth1_signer *so = SENTINEL;
    char *str = SENTINEL, *str2 = SENTINEL;
    CHECK_RC(oauth1_signer_builder_new(CK, CS, &b), OK);
    CHECK_RC(oauth1_sign_options_new(&o), OK);

    CHECK_RC(oauth1_signer_builder_new(bad, CS, &b), IU);
    CHECK(strcmp(last_error(), "consumer_key is not valid UTF-8 (bad byte at offset 2)") == 0);
    CHECK_RC(oauth1_signer_builder_set_token(b, bad, TS), IU);
    CHECK_RC(oauth1_signer_builder_set_token(b, TK, bad), IU);
    CHECK(strstr(last_error(), "token_secret") != NULL);
    CHECK_RC(oauth1_signer_builder_set_signature_method(b, bad), IU);
    CHECK_RC(oauth1_signer_builder_set_realm(b, bad), IU);
    CHECK_RC(oauth1_signer_builder_set_rsa_private_key_pem(b, bad), IU);
    CHECK_RC(oauth1_signer_builder_set_nonce(b, 8, bad), IU);
    CHECK_RC(oauth1_signer_with_token(s, bad, TS, &so), IU);
    CHECK_RC(oauth1_signer_sign(s, bad, URL, NULL, 0, NULL, NULL, &sr), IU);
    CHECK(strstr(last_error(), "method") != NULL);
    CHECK_RC(oauth1_signer_sign(s, "GET", bad, NULL, 0, NULL, NULL, &sr), IU);
    CHECK(strstr(last_error(), "url") != NULL);
    CHECK_RC(oauth1_signer_sign(s, "POST", URL, NULL, 0, bad, NULL, &sr), IU);
    CHECK(strstr(last_error(), "content_type") != NULL);
    CHECK_RC(oauth1_signer_request_token_request(s, URL, bad, &sr), IU);
    CHECK_RC(oauth1_signer_access_token_request(s, URL, bad, &sr), IU);
    CHECK_RC(oauth1_sign_options_set_timestamp(o, OAUTH1_GENERATED_FIXED, bad), IU);
    CHECK_RC(oauth1_sign_options_set_nonce(o, OAUTH1_GENERATED_FIXED, bad), IU);
    CHECK_RC(oauth1_sign_options_set_callback(o, bad), IU);
    CHECK_RC(oauth1_sign_options_set_verifier(o, bad), IU);
    CHECK_RC(oauth1_sign_options_add_extra_oauth_param(o, bad, "1"), IU);
    CHECK_RC(oauth1_sign_options_add_extra_oauth_param(o, "oauth_x", bad), IU);
    CHECK_RC(oauth1_authorization_url(bad, "t", &str), IU);
    CHECK_RC(oauth1_authorization_url("https://p.example/a", bad, &str), IU);
    CHECK_RC(oauth1_parse_callback(bad, &str, &str2), IU);
    oauth1_token_response *tr = SENTINEL;
    CHECK_RC(oauth1_parse_token_response((const uint8_t *)bad, strlen(bad), 0, &tr), IU);
    CHECK(strstr(last_error(), "body is not valid UTF-8") != NULL);

    /* A binary (non-form) body may hold any bytes; a form body must be UTF-8. */
    const uint8_t bin[] = {0xff, 0x00, 0xfe, 0x80};
    CHECK_RC(oauth1_signer_sign(s, "PUT", URL, bin, sizeof bin, "application/octet-stream", NULL, &sr),
             OK);
    oauth1_signed_free(sr);
    sr = SENTINEL;
    CHECK_RC(oauth1_signer_sign(s, "PUT", URL, bin, sizeof bin, FORM, NULL, &sr),
             OAUTH1_RESULT_INVALID_ENCODING);
    CHECK(sr == SENTINEL && so == SENTINEL && str == SENTINEL && str2 == SENTINEL && tr == SENTINEL);

    oauth1_sign_options_free(o);
    oauth1_signer_builder_free(b);
    oauth1_signer_free(s);
}

static const char *param(oauth1_signed *sr, const char *name, char *buf, size_t len) {
    size_t count = 0;
    buf[0] = '\0';
    oauth1_signed_oauth_parameter_count(sr, &count);
    for (size_t i = 0; i < count; i++) {
        char *n = NULL, *v = NULL;
        if (oauth1_signed_oauth_parameter(sr, i, &n, &v) != OK) break;
        if (strcmp(n, name) == 0) snprintf(buf, len, "%s", v);
        oauth1_string_free(n);
        oauth1_string_free(v);
    }
    return buf;
}

static void test_empty_and_large_inputs(void) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *hashing = NULL;
    oauth1_signer *plain = standard_signer();
    oauth1_signed *sr = NULL;
    char buf[256];
    char *str;
    CHECK_RC(oauth1_signer_builder_new(CK, CS, &b), OK);
    CHECK_RC(oauth1_signer_builder_set_body_hash(b, true), OK);
    CHECK_RC(oauth1_signer_builder_build(b, &hashing), OK);

    /* No body (NULL, 0) and an empty body (non-NULL, 0) both hash as empty. */
    CHECK_RC(oauth1_signer_sign(hashing, "POST", URL, NULL, 0, NULL, NULL, &sr), OK);
    CHECK(strcmp(param(sr, "oauth_body_hash", buf, sizeof buf), "2jmj7l5rSw0yVb/vlWAYkK/YBwk=") == 0);
    oauth1_signed_free(sr);
    CHECK_RC(oauth1_signer_sign(hashing, "POST", URL, (const uint8_t *)"", 0, "application/json", NULL,
                                &sr),
             OK);
    CHECK(strcmp(param(sr, "oauth_body_hash", buf, sizeof buf), "2jmj7l5rSw0yVb/vlWAYkK/YBwk=") == 0);
    str = SENTINEL;
    CHECK_RC(oauth1_signed_form_body(sr, &str), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(str == SENTINEL);
    oauth1_signed_free(sr);
    const char *json = "{\"a\":1}";
    CHECK_RC(oauth1_signer_sign(hashing, "POST", URL, (const uint8_t *)json, strlen(json),
                                "application/json", NULL, &sr),
             OK);
    CHECK(strcmp(param(sr, "oauth_body_hash", buf, sizeof buf), "n4nHQM60bXQYySSnisV5QdXpZSA=") == 0);
    oauth1_signed_free(sr);
    /* An empty form body: the signed form body is the protocol parameters alone. */
    CHECK_RC(oauth1_signer_sign(plain, "POST", URL, (const uint8_t *)"", 0, FORM, NULL, &sr), OK);
    CHECK_RC(oauth1_signed_form_body(sr, &str), OK);
    CHECK(strncmp(str, "oauth_consumer_key=", 19) == 0);
    oauth1_string_free(str);
    oauth1_signed_free(sr);
    /* Empty strings where strings are required. */
    CHECK_RC(oauth1_signer_sign(plain, "", URL, NULL, 0, NULL, NULL, &sr),
             OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK_RC(oauth1_signer_sign(plain, "GET", "", NULL, 0, NULL, NULL, &sr), OAUTH1_RESULT_INVALID_URL);

    /* 1 MiB bodies: binary (hashed) and form (signed as parameters). */
    const size_t MIB = 1024 * 1024;
    uint8_t *zeros = calloc(MIB, 1);
    CHECK_RC(oauth1_signer_sign(hashing, "PUT", URL, zeros, MIB, "application/octet-stream", NULL,
                                &sr),
             OK);
    CHECK(strcmp(param(sr, "oauth_body_hash", buf, sizeof buf), "O3H0P/MPSxW1zYXdnpXrx+hOtaM=") == 0);
    oauth1_signed_free(sr);
    free(zeros);

    char *form = malloc(MIB + 1);
    memcpy(form, "big=", 4);
    memset(form + 4, 'x', MIB - 4);
    form[MIB] = '\0';
    CHECK_RC(oauth1_signer_sign(plain, "POST", URL, (const uint8_t *)form, MIB, FORM, NULL, &sr), OK);
    CHECK_RC(oauth1_signed_base_string(sr, &str), OK);
    CHECK(strlen(str) > MIB);
    oauth1_string_free(str);
    CHECK_RC(oauth1_signed_form_body(sr, &str), OK);
    CHECK(strlen(str) > MIB && strncmp(str, form, MIB) == 0);
    oauth1_string_free(str);
    oauth1_signed_free(sr);
    /* A 1 MiB query, and a 1 MiB token response. */
    char *url = malloc(MIB + 64);
    int n = snprintf(url, 64, "https://example.com/?q=");
    memset(url + n, 'y', MIB);
    url[n + MIB] = '\0';
    CHECK_RC(oauth1_signer_sign(plain, "GET", url, NULL, 0, NULL, NULL, &sr), OK);
    CHECK_RC(oauth1_signed_url(sr, &str), OK);
    CHECK(strlen(str) > MIB);
    oauth1_string_free(str);
    oauth1_signed_free(sr);
    free(url);
    memcpy(form, "oauth_token=t&oauth_token_secret=s&big=", 39);
    oauth1_token_response *tr = NULL;
    CHECK_RC(oauth1_parse_token_response((const uint8_t *)form, MIB, 0, &tr), OK);
    CHECK_RC(oauth1_token_response_get(tr, "big", &str), OK);
    CHECK(strlen(str) == MIB - 39);
    oauth1_string_free(str);
    oauth1_token_response_free(tr);
    free(form);

    oauth1_signer_builder_free(b);
    oauth1_signer_free(hashing);
    oauth1_signer_free(plain);
}

/* Building twice from one builder, setting a field twice, and re-creating
 * handles all work and stay independent. */
static void test_double_init(void) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *first = NULL, *second = NULL;
    CHECK_RC(oauth1_signer_builder_new(CK, CS, &b), OK);
    CHECK_RC(oauth1_signer_builder_set_token(b, "old", "old"), OK);
    CHECK_RC(oauth1_signer_builder_set_token(b, TK, TS), OK); /* last wins */
    CHECK_RC(oauth1_signer_builder_set_signature_method(b, "HMAC-SHA256"), OK);
    CHECK_RC(oauth1_signer_builder_set_realm(b, "other"), OK);
    CHECK_RC(oauth1_signer_builder_set_realm(b, "1234567_SB1"), OK);
    CHECK_RC(oauth1_signer_builder_build(b, &first), OK);
    CHECK_RC(oauth1_signer_builder_build(b, &second), OK);
    CHECK(first != NULL && second != NULL && first != second);
    oauth1_signer_builder_free(b); /* signers outlive their builder */

    oauth1_sign_options *o = fixed_options();
    oauth1_sign_options *o2 = fixed_options();
    oauth1_signed *a = NULL, *c = NULL;
    char *str;
    CHECK_RC(sign_standard(first, o, &a), OK);
    oauth1_signer_free(first); /* a signed request outlives its signer */
    CHECK_RC(sign_standard(second, o2, &c), OK);
    CHECK_STR(oauth1_signed_authorization_header(a, &str), str, HEADER);
    CHECK_STR(oauth1_signed_authorization_header(c, &str), str, HEADER);
    oauth1_signed_free(a);
    oauth1_signed_free(c);

    /* to_builder and with_token make new, independent objects. */
    oauth1_signer_builder *again = NULL;
    oauth1_signer *third = NULL, *other_token = NULL;
    CHECK_RC(oauth1_signer_to_builder(second, &again), OK);
    CHECK_RC(oauth1_signer_builder_build(again, &third), OK);
    CHECK_RC(sign_standard(third, o, &a), OK);
    CHECK_STR(oauth1_signed_signature(a, &str), str, SIGNATURE);
    oauth1_signed_free(a);
    CHECK_RC(oauth1_signer_with_token(third, "tk2", "ts2", &other_token), OK);
    CHECK_STR(oauth1_signer_token(other_token, &str), str, "tk2");
    CHECK_STR(oauth1_signer_token(third, &str), str, TK);
    oauth1_signer_free(other_token);
    oauth1_signer_free(third);
    oauth1_signer_builder_free(again);

    /* Options set twice: the last setting counts; a mode back to auto works. */
    CHECK_RC(oauth1_sign_options_set_nonce(o, OAUTH1_GENERATED_AUTO, NULL), OK);
    CHECK_RC(sign_standard(second, o, &a), OK);
    char buf[128];
    CHECK(strlen(param(a, "oauth_nonce", buf, sizeof buf)) == 32);
    oauth1_signed_free(a);
    /* Only PLAINTEXT may omit them (RFC 5849 s3.1): this signer is HMAC. */
    CHECK_RC(oauth1_sign_options_set_nonce(o, OAUTH1_GENERATED_OMIT, NULL), OK);
    CHECK_RC(oauth1_sign_options_set_timestamp(o, OAUTH1_GENERATED_OMIT, NULL), OK);
    a = NULL;
    CHECK_RC(sign_standard(second, o, &a), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(a == NULL);
    oauth1_sign_options_free(o);
    oauth1_sign_options_free(o2);
    oauth1_signer_free(second);
}

static void test_nonce_and_version_options(void) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = NULL;
    oauth1_signed *sr = NULL;
    char buf[128];
    CHECK_RC(oauth1_signer_builder_new(CK, CS, &b), OK);
    CHECK_RC(oauth1_signer_builder_set_nonce(b, 12, "abc"), OK);
    CHECK_RC(oauth1_signer_builder_set_include_version(b, false), OK);
    CHECK_RC(oauth1_signer_builder_build(b, &s), OK);
    CHECK_RC(oauth1_signer_sign(s, "GET", URL, NULL, 0, NULL, NULL, &sr), OK);
    const char *nonce = param(sr, "oauth_nonce", buf, sizeof buf);
    CHECK(strlen(nonce) == 12 && strspn(nonce, "abc") == 12);
    CHECK(strlen(param(sr, "oauth_version", buf, sizeof buf)) == 0);
    CHECK(strlen(param(sr, "oauth_timestamp", buf, sizeof buf)) >= 10);
    oauth1_signed_free(sr);
    oauth1_signer_free(s);
    s = SENTINEL;
    CHECK_RC(oauth1_signer_builder_set_nonce(b, 0, NULL), OK); /* checked at build */
    CHECK_RC(oauth1_signer_builder_build(b, &s), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(strstr(last_error(), "nonce length 0") != NULL);
    CHECK_RC(oauth1_signer_builder_set_nonce(b, 8, "aa"), OK);
    CHECK_RC(oauth1_signer_builder_build(b, &s), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK_RC(oauth1_signer_builder_set_nonce(b, 8, NULL), OK);
    CHECK_RC(oauth1_signer_builder_set_realm(b, "bad\nrealm"), OK);
    CHECK_RC(oauth1_signer_builder_build(b, &s), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(s == SENTINEL);
    oauth1_signer_builder_free(b);
}

static void test_token_flow(void) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *consumer = NULL, *with_request = NULL;
    oauth1_signed *sr = NULL;
    char buf[256];
    char *str, *token = NULL, *verifier = NULL;
    CHECK_RC(oauth1_signer_builder_new(CK, CS, &b), OK);
    CHECK_RC(oauth1_signer_builder_build(b, &consumer), OK);
    oauth1_signer_builder_free(b);

    CHECK_RC(oauth1_signer_request_token_request(consumer, "https://p.example/request", NULL, &sr),
             OK);
    CHECK(strcmp(param(sr, "oauth_callback", buf, sizeof buf), "oob") == 0);
    CHECK_RC(oauth1_signed_base_string(sr, &str), OK);
    CHECK(strncmp(str, "POST&", 5) == 0);
    oauth1_string_free(str);
    oauth1_signed_free(sr);
    CHECK_RC(oauth1_signer_request_token_request(consumer, "https://p.example/request",
                                                 "https://c.example/cb?x=1", &sr),
             OK);
    CHECK(strcmp(param(sr, "oauth_callback", buf, sizeof buf), "https://c.example/cb?x=1") == 0);
    oauth1_signed_free(sr);

    const char *resp = "oauth_token=req%20tok&oauth_token_secret=req-secret&oauth_callback_confirmed=true";
    oauth1_token_response *tr = NULL;
    CHECK_RC(oauth1_parse_token_response((const uint8_t *)resp, strlen(resp), true, &tr), OK);
    CHECK_STR(oauth1_token_response_token(tr, &str), str, "req tok");
    CHECK_STR(oauth1_token_response_token_secret(tr, &str), str, "req-secret");
    bool confirmed = false;
    CHECK_RC(oauth1_token_response_callback_confirmed(tr, &confirmed), OK);
    CHECK(confirmed);
    size_t count = 99;
    CHECK_RC(oauth1_token_response_extra_count(tr, &count), OK);
    CHECK(count == 0);
    oauth1_token_response_free(tr);
    const char *unconfirmed = "oauth_token=t&oauth_token_secret=s";
    tr = SENTINEL;
    CHECK_RC(oauth1_parse_token_response((const uint8_t *)unconfirmed, strlen(unconfirmed), true, &tr),
             OAUTH1_RESULT_INVALID_RESPONSE);
    CHECK(tr == SENTINEL);

    CHECK_STR(oauth1_authorization_url("https://p.example/authorize?lang=en", "req tok", &str), str,
              "https://p.example/authorize?lang=en&oauth_token=req%20tok");
    CHECK_RC(oauth1_parse_callback("https://c.example/cb?oauth_token=req%20tok&oauth_verifier=v3r",
                                   &token, &verifier),
             OK);
    CHECK(token && strcmp(token, "req tok") == 0);
    CHECK(verifier && strcmp(verifier, "v3r") == 0);
    oauth1_string_free(token);
    oauth1_string_free(verifier);
    token = verifier = SENTINEL;
    CHECK_RC(oauth1_parse_callback("oauth_problem=user_refused", &token, &verifier),
             OAUTH1_RESULT_INVALID_RESPONSE);
    CHECK(strstr(last_error(), "user_refused") != NULL);
    CHECK(token == SENTINEL && verifier == SENTINEL);

    CHECK_RC(oauth1_signer_with_token(consumer, "req tok", "req-secret", &with_request), OK);
    CHECK_RC(oauth1_signer_access_token_request(with_request, "https://p.example/access", "v3r", &sr),
             OK);
    CHECK(strcmp(param(sr, "oauth_verifier", buf, sizeof buf), "v3r") == 0);
    CHECK(strcmp(param(sr, "oauth_token", buf, sizeof buf), "req tok") == 0);
    oauth1_signed_free(sr);

    /* Xero-style access-token response: every extra field reachable. */
    const char *access = "oauth_token=acc&oauth_token_secret=acc-s&oauth_session_handle=h%2B1&"
                         "oauth_expires_in=1800&user_id=42";
    CHECK_RC(oauth1_parse_token_response((const uint8_t *)access, strlen(access), false, &tr), OK);
    CHECK_RC(oauth1_token_response_callback_confirmed(tr, &confirmed), OAUTH1_RESULT_NOT_FOUND);
    CHECK_RC(oauth1_token_response_extra_count(tr, &count), OK);
    CHECK(count == 3);
    char *name = NULL, *value = NULL;
    CHECK_RC(oauth1_token_response_extra(tr, 0, &name, &value), OK);
    CHECK(strcmp(name, "oauth_session_handle") == 0 && strcmp(value, "h+1") == 0);
    oauth1_string_free(name);
    oauth1_string_free(value);
    CHECK_RC(oauth1_token_response_extra(tr, 2, &name, &value), OK);
    CHECK(strcmp(name, "user_id") == 0 && strcmp(value, "42") == 0);
    oauth1_string_free(name);
    oauth1_string_free(value);
    name = value = SENTINEL;
    CHECK_RC(oauth1_token_response_extra(tr, 3, &name, &value), OAUTH1_RESULT_NOT_FOUND);
    CHECK(name == SENTINEL && value == SENTINEL);
    CHECK_STR(oauth1_token_response_get(tr, "oauth_expires_in", &str), str, "1800");
    str = SENTINEL;
    CHECK_RC(oauth1_token_response_get(tr, "nope", &str), OAUTH1_RESULT_NOT_FOUND);
    CHECK(str == SENTINEL);
    oauth1_token_response_free(tr);

    oauth1_signer_free(with_request);
    oauth1_signer_free(consumer);
}

static void test_last_error_message(void) {
    oauth1_signer_builder *b = NULL;
    CHECK_RC(oauth1_signer_builder_new(NULL, CS, &b), OAUTH1_RESULT_NULL_PARAMETER);
    const char *full = "consumer_key is NULL";
    CHECK(oauth1_last_error_message(NULL, 0) == strlen(full));
    char small[9];
    memset(small, 'z', sizeof small);
    CHECK(oauth1_last_error_message(small, sizeof small) == strlen(full));
    CHECK(strcmp(small, "consumer") == 0); /* truncated, NUL-terminated */
    char one[1] = {'z'};
    CHECK(oauth1_last_error_message(one, 1) == strlen(full) && one[0] == '\0');
    /* Truncation never splits a UTF-8 character. */
    CHECK_RC(oauth1_signer_builder_new("caf\xc3\xa9\xff", CS, &b), OAUTH1_RESULT_INVALID_UTF8);
    CHECK_RC(oauth1_signer_builder_new(CK, CS, &b), OK);
    CHECK(oauth1_last_error_message(NULL, 0) == 0); /* cleared by a success */
    CHECK_RC(oauth1_signer_builder_set_signature_method(b, "HMAC-SHA\xc3\xa9"),
             OAUTH1_RESULT_UNSUPPORTED_SIGNATURE_METHOD);
    size_t len = oauth1_last_error_message(NULL, 0);
    char *msg = malloc(len + 1);
    CHECK(oauth1_last_error_message(msg, len + 1) == len && strlen(msg) == len);
    const char *e_acute = strstr(msg, "\xc3\xa9");
    CHECK(e_acute != NULL);
    if (e_acute != NULL) {
        size_t cut = (size_t)(e_acute - msg) + 2; /* room ends inside the 2-byte character */
        char *part = malloc(cut);
        oauth1_last_error_message(part, cut);
        CHECK(strlen(part) == cut - 2);
        free(part);
    }
    free(msg);
    oauth1_signer_builder_free(b);
}

/* ---- 8 threads, one signer ---------------------------------------------- */

#define THREADS 8
#define ROUNDS 200

typedef struct {
    const oauth1_signer *signer;
    const oauth1_sign_options *options;
    int index;
    int wrong;
} thread_job;

static void *signing_thread(void *arg) {
    thread_job *job = arg;
    char bad_url[64];
    snprintf(bad_url, sizeof bad_url, "ftp://thread-%d.example/", job->index);
    for (int i = 0; i < ROUNDS; i++) {
        oauth1_signed *sr = NULL;
        char *header = NULL;
        if (sign_standard(job->signer, job->options, &sr) != OK ||
            oauth1_signed_authorization_header(sr, &header) != OK || strcmp(header, HEADER) != 0)
            job->wrong++;
        oauth1_string_free(header);
        oauth1_signed_free(sr);
        /* A failure on this thread: its message is this thread's own. */
        if (oauth1_signer_sign(job->signer, "GET", bad_url, NULL, 0, NULL, NULL, &sr) !=
                OAUTH1_RESULT_INVALID_URL ||
            strstr(last_error(), bad_url) == NULL)
            job->wrong++;
        /* Fresh nonces from many threads at once. */
        if (oauth1_signer_sign(job->signer, "GET", URL, NULL, 0, NULL, NULL, &sr) != OK) job->wrong++;
        oauth1_signed_free(sr);
    }
    return NULL;
}

static void test_threads(void) {
    oauth1_signer *s = standard_signer();
    oauth1_sign_options *o = fixed_options();
    pthread_t threads[THREADS];
    thread_job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (thread_job){s, o, i, 0};
        CHECK(pthread_create(&threads[i], NULL, signing_thread, &jobs[i]) == 0);
    }
    int wrong = 0;
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        wrong += jobs[i].wrong;
    }
    CHECK(wrong == 0);
    if (wrong) fprintf(stderr, "%d wrong results across %d threads\n", wrong, THREADS);
    oauth1_sign_options_free(o);
    oauth1_signer_free(s);
}

/* ---- verification --------------------------------------------------------- */

/* A test-only RSA key pair (2048 bits), made for these tests. */
static const char *RSA_PRIVATE_PEM =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDPYXkVuhzqzhdG\n"
    "jMPnuiptobr4vAehAF/vZ4lhkJALvTgpyzeFB8ZO0bqBeb7xNNDucEe7/3rhCX57\n"
    "3Jxjh7GagVsWYwuaK3GWfW5FY5RmAGl7ykZVRlc3YneV3dWz0YBReRGxNMwap3ER\n"
    "pUiLLU82Ul0OGTOUMGDRxn/VHRKiMqrotGysyhBYg/6mOhf9Sw/EYupYukIp5aeV\n"
    "D9axzpuBXBp8cS1LRaqj85TPYn5OEP3XK2/lrUBSOfAqcXKQ+mUhZ/td8cVv76Q5\n"
    "LH8Y1a4QuHW+AD+fDtGbkSAlTPs8NqaGv0HyazP2hHy0ObCR0pWMAbTjA2OrGyfy\n"
    "WZkFVecRAgMBAAECggEACuhbgx+bN2Q0RBQhtn+zrTkmTYCN1euAMEZZyu98rRpk\n"
    "cKnRO3J4jTMhsD9WIkea9Oyj0EUIentKa2ND2EYWCsxynR2D6eWus3m41eZeQwRy\n"
    "5+WAcCorSpTnuXKt46exfC+OFTwTv3PmygTfmT7uiXrY7UW48VqfUA9U0FG3df+U\n"
    "ALSR1Yj9Hr+sqIFQqgPW3QGUgnueAYaCBEFESjEtwZmAvbtkldntMqX4HcgIpiHJ\n"
    "k2jk1KkqGzTZfVUFCAEmbfHncEgWhUNkkxw9iPHyyvZwDfGhne30OBYQhXbLe6sw\n"
    "XNp5ckXnYMhSz9+Lp6XSJTVjYuoeZ82U8ES1awlV4QKBgQD/exNpIkERjFeMStAD\n"
    "/Aam8sYVXj2U86CpSx+ICAwXWuitUuf/+Sjg1DDAKjFtGWCjsXX3Ec82qojFH1GG\n"
    "vuA60iw0ZK2B5qJAUmU9uYQ16b2gNriMq9zqEo6FEU9bXzCQW0FRqw36rNlIWu5g\n"
    "K1LvY2HpMsZqCrRRxr45E+Du8QKBgQDPzV8Gg2eiNjob+0UBu/LlwVRPVPYq5GY7\n"
    "y02dXXVWxrBMoVJh110TcN1IP+/tU93nU5WabdEWFxz0nIhOx05kqDUY6G8ifCsT\n"
    "0IMiHHAstYj8y9GND3nNNHJHtlThvqn8J7BJjl56zyR87LkZvEXuicMF83B6ZVs/\n"
    "P92y+3y6IQKBgBhoNKmFmTvI8ZA4kXjf+e63IM9nynBRehbSU3fWdPlCORpd4kYl\n"
    "Eo+wFdw167TliML6sC9jZy1sy1YxsMMztw5Hh+uVdrIDS5rjhEKKV6Qi6XfF4oml\n"
    "3ZwLG8yAo9kx1dzkqu/XbKV3H+b2sPFFEk5Ga1MxA52b2jA50XB4grOxAoGASR4m\n"
    "VZBfIsCZ6cacHWQYr6c7Fz7571W2c0ux37FG3GXFGvGYnzy8T17jPczhi0x7RC4w\n"
    "8cm6TF+NnLSHcdDHULuvEziWAjhWn/46ZgJDpjeqH+lHrq7HWOEfZQRPEa+Y+FSu\n"
    "vvMNY4EHgb151AhfQvPOX4WtCiQn2zWJuLSsyoECgYEAnJ2lf36aepIXEfkRSptU\n"
    "Hz0zV4lQ7NAUHUzGvtTDij8nvUBujExewT62kepxRgu6kPhEobxfW/Hf8d/hD1w5\n"
    "WVLBf9/Ug84MkgXRhu7qnxthQUl/QWIy6IJ1aM7r83CgzFKAhiYPprYdGXNE3vXi\n"
    "duo4DiLzpjI0Nhurh0mz8GY=\n"
    "-----END PRIVATE KEY-----\n"
;
static const char *RSA_PUBLIC_PEM =
    "-----BEGIN PUBLIC KEY-----\n"
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAz2F5Fboc6s4XRozD57oq\n"
    "baG6+LwHoQBf72eJYZCQC704Kcs3hQfGTtG6gXm+8TTQ7nBHu/964Ql+e9ycY4ex\n"
    "moFbFmMLmitxln1uRWOUZgBpe8pGVUZXN2J3ld3Vs9GAUXkRsTTMGqdxEaVIiy1P\n"
    "NlJdDhkzlDBg0cZ/1R0SojKq6LRsrMoQWIP+pjoX/UsPxGLqWLpCKeWnlQ/Wsc6b\n"
    "gVwafHEtS0Wqo/OUz2J+ThD91ytv5a1AUjnwKnFykPplIWf7XfHFb++kOSx/GNWu\n"
    "ELh1vgA/nw7Rm5EgJUz7PDamhr9B8msz9oR8tDmwkdKVjAG04wNjqxsn8lmZBVXn\n"
    "EQIDAQAB\n"
    "-----END PUBLIC KEY-----\n"
;

#define NOW 1700000000u
#define VF OAUTH1_RESULT_VERIFICATION_FAILED

/* A provider for the standard request: its consumer and token, HMAC-SHA256
 * allowed, the clock at the standard request's timestamp. */
typedef struct {
    oauth1_verifier *verifier;
    oauth1_credentials *credentials;
    oauth1_nonce_store *nonces;
} provider;

static provider standard_provider(void) {
    provider p = {NULL, NULL, NULL};
    const char *methods[] = {"HMAC-SHA256"};
    CHECK_RC(oauth1_verifier_new(&p.verifier), OK);
    CHECK_RC(oauth1_verifier_set_signature_methods(p.verifier, methods, 1), OK);
    CHECK_RC(oauth1_verifier_set_clock(p.verifier, NOW), OK);
    CHECK_RC(oauth1_credentials_new(&p.credentials), OK);
    CHECK_RC(oauth1_credentials_add_consumer(p.credentials, CK, CS, NULL), OK);
    CHECK_RC(oauth1_credentials_add_token(p.credentials, TK, TS, CK), OK);
    CHECK_RC(oauth1_nonce_store_new(&p.nonces), OK);
    return p;
}

static void provider_free(provider *p) {
    oauth1_verifier_free(p->verifier);
    oauth1_credentials_free(p->credentials);
    oauth1_nonce_store_free(p->nonces);
}

/* Verifies the standard request (POST, query, form body) with this
 * Authorization header. */
static oauth1_result verify_standard(const provider *p, const char *authorization,
                                    oauth1_verified **verified, oauth1_problem **problem) {
    return oauth1_verifier_verify(p->verifier, p->credentials, p->nonces, "POST", URL, authorization,
                                  (const uint8_t *)BODY, strlen(BODY), FORM, verified, problem);
}

/* The standard request's Authorization header with another nonce. */
static void header_with_nonce(const oauth1_signer *s, const char *nonce, char *out, size_t len) {
    oauth1_sign_options *o = fixed_options();
    oauth1_signed *sr = NULL;
    char *header = NULL;
    out[0] = '\0';
    CHECK_RC(oauth1_sign_options_set_nonce(o, OAUTH1_GENERATED_FIXED, nonce), OK);
    if (sign_standard(s, o, &sr) == OK && oauth1_signed_authorization_header(sr, &header) == OK)
        snprintf(out, len, "%s", header);
    oauth1_string_free(header);
    oauth1_signed_free(sr);
    oauth1_sign_options_free(o);
}

/* A copy of a header with its signature's first character changed. */
static void tamper(const char *header, char *out, size_t len) {
    snprintf(out, len, "%s", header);
    char *sig = strstr(out, "oauth_signature=\"");
    if (sig != NULL) {
        sig += strlen("oauth_signature=\"");
        *sig = *sig == 'A' ? 'B' : 'A';
    }
}

/* Checks a problem's code, status, parameter names (NULL-terminated list)
 * and that the last error message starts with the code. */
static char PROBLEM_MESSAGE[1024]; /* the last error message check_problem saw */
static void check_problem(const oauth1_problem *pr, const char *code, unsigned status,
                          const char *const *params, int line) {
    /* Read first: every call below, succeeding, clears it. */
    snprintf(PROBLEM_MESSAGE, sizeof PROBLEM_MESSAGE, "%s", last_error());
    char *got = NULL;
    uint16_t got_status = 0;
    size_t count = 99, want_count = 0;
    while (params != NULL && params[want_count] != NULL) want_count++;
    int ok = pr != NULL && oauth1_problem_code(pr, &got) == OK && strcmp(got, code) == 0 &&
             oauth1_problem_http_status(pr, &got_status) == OK && got_status == status &&
             oauth1_problem_parameter_count(pr, &count) == OK && count == want_count &&
             strncmp(PROBLEM_MESSAGE, code, strlen(code)) == 0;
    for (size_t i = 0; ok && i < want_count; i++) {
        char *name = NULL;
        ok = oauth1_problem_parameter(pr, i, &name) == OK && strcmp(name, params[i]) == 0;
        oauth1_string_free(name);
    }
    if (ok) {
        passed++;
    } else {
        failed++;
        fprintf(stderr, "FAIL line %d: expected problem %s (%u, %zu parameters), got %s (%u, %zu): %s\n",
                line, code, status, want_count, got ? got : "(none)", (unsigned)got_status, count,
                PROBLEM_MESSAGE);
    }
    oauth1_string_free(got);
}
#define CHECK_PROBLEM(pr, code, status, params) check_problem(pr, code, status, params, __LINE__)

static void test_verify_standard_request(void) {
    provider p = standard_provider();
    oauth1_verified *v = NULL;
    oauth1_problem *pr = NULL;
    char *str;
    CHECK_RC(verify_standard(&p, HEADER, &v, &pr), OK);
    CHECK(pr == NULL);
    CHECK(oauth1_last_error_message(NULL, 0) == 0);
    CHECK_STR(oauth1_verified_consumer_key(v, &str), str, CK);
    CHECK_STR(oauth1_verified_token(v, &str), str, TK);
    CHECK_STR(oauth1_verified_signature_method(v, &str), str, "HMAC-SHA256");
    CHECK_STR(oauth1_verified_realm(v, &str), str, "1234567_SB1");
    CHECK_STR(oauth1_verified_nonce(v, &str), str, "kllo9940pd9333jh");
    CHECK_STR(oauth1_verified_parameter_location(v, &str), str, "header");
    CHECK_STR(oauth1_verified_get(v, "oauth_version", &str), str, "1.0");
    CHECK_STR(oauth1_verified_get(v, "oauth_timestamp", &str), str, "1700000000");
    uint64_t ts = 0;
    CHECK_RC(oauth1_verified_timestamp(v, &ts), OK);
    CHECK(ts == NOW);
    str = SENTINEL;
    CHECK_RC(oauth1_verified_get(v, "oauth_signature", &str), OAUTH1_RESULT_NOT_FOUND);
    CHECK_RC(oauth1_verified_get(v, "oauth_callback", &str), OAUTH1_RESULT_NOT_FOUND);
    CHECK(strcmp(last_error(), "the request sent no oauth_callback") == 0);
    CHECK_RC(oauth1_verified_get(v, "realm", &str), OAUTH1_RESULT_NOT_FOUND);
    CHECK(str == SENTINEL);
    size_t count = 0;
    CHECK_RC(oauth1_verified_oauth_parameter_count(v, &count), OK);
    CHECK(count == NPAIRS - 1); /* every pair but oauth_signature */
    for (size_t i = 0; i < count; i++) {
        char *name = NULL, *value = NULL, pair[256];
        CHECK_RC(oauth1_verified_oauth_parameter(v, i, &name, &value), OK);
        snprintf(pair, sizeof pair, "%s=%s", name ? name : "", value ? value : "");
        int known = 0;
        for (size_t j = 0; j + 1 < NPAIRS; j++) known |= strcmp(pair, PAIRS[j]) == 0;
        CHECK(known);
        oauth1_string_free(name);
        oauth1_string_free(value);
    }
    char *name = SENTINEL, *value = SENTINEL;
    CHECK_RC(oauth1_verified_oauth_parameter(v, count, &name, &value), OAUTH1_RESULT_NOT_FOUND);
    CHECK(name == SENTINEL && value == SENTINEL);
    oauth1_verified_free(v);

    /* The same request again: a replay. The problem answers the response. */
    v = SENTINEL;
    CHECK_RC(verify_standard(&p, HEADER, &v, &pr), VF);
    CHECK(v == SENTINEL);
    CHECK_PROBLEM(pr, "nonce_used", 401, NULL);
    CHECK(strstr(PROBLEM_MESSAGE, "kllo9940pd9333jh") != NULL);
    CHECK_STR(oauth1_problem_body(pr, &str), str, "oauth_problem=nonce_used");
    CHECK_STR(oauth1_problem_www_authenticate(pr, "Photos \"EU\"", &str), str,
              "OAuth realm=\"Photos \\\"EU\\\"\"");
    char *message = NULL;
    CHECK_RC(oauth1_problem_message(pr, &message), OK);
    CHECK(message != NULL && strstr(PROBLEM_MESSAGE, message) != NULL);
    oauth1_string_free(message);
    uint64_t min = 1, max = 2;
    CHECK_RC(oauth1_problem_acceptable_timestamps(pr, &min, &max), OAUTH1_RESULT_NOT_FOUND);
    CHECK(min == 1 && max == 2);
    str = SENTINEL;
    CHECK_RC(oauth1_problem_parameter(pr, 0, &str), OAUTH1_RESULT_NOT_FOUND);
    CHECK(str == SENTINEL);
    oauth1_problem_free(pr);
    /* problem_out is optional: the code and the message still tell. */
    CHECK_RC(verify_standard(&p, HEADER, &v, NULL), VF);
    CHECK(strncmp(last_error(), "nonce_used", 10) == 0);
    CHECK(v == SENTINEL);
    provider_free(&p);
}

/* VERIFY.md's stateful checks: a request failing its signature records no
 * nonce, so the genuine one with the same nonce passes; any accepted
 * request replayed is nonce_used. */
static void test_verify_stateful(void) {
    provider p = standard_provider();
    oauth1_signer *s = standard_signer();
    oauth1_verified *v = NULL;
    oauth1_problem *pr = NULL;
    char genuine[1024], forged[1024];
    header_with_nonce(s, "stateful-nonce-1", genuine, sizeof genuine);
    tamper(genuine, forged, sizeof forged);
    CHECK(strcmp(genuine, forged) != 0);

    size_t len = 99;
    for (int i = 0; i < 3; i++) {
        CHECK_RC(verify_standard(&p, forged, &v, &pr), VF);
        CHECK_PROBLEM(pr, "signature_invalid", 401, NULL);
        oauth1_problem_free(pr);
        pr = NULL;
    }
    CHECK_RC(oauth1_nonce_store_len(p.nonces, &len), OK);
    CHECK(len == 0);
    /* A forgery with a tampered query value, same nonce: refused too. */
    const char *tampered_url =
        "https://api.example.com:443/v1/records/search?limit=51&offset=100&q=caf%C3%A9%20au%20lait";
    CHECK_RC(oauth1_verifier_verify(p.verifier, p.credentials, p.nonces, "POST", tampered_url,
                                    genuine, (const uint8_t *)BODY, strlen(BODY), FORM, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "signature_invalid", 401, NULL);
    oauth1_problem_free(pr);
    pr = NULL;

    CHECK_RC(verify_standard(&p, genuine, &v, &pr), OK);
    CHECK(pr == NULL);
    char *nonce = NULL;
    CHECK_STR(oauth1_verified_nonce(v, &nonce), nonce, "stateful-nonce-1");
    oauth1_verified_free(v);
    bool held = false;
    CHECK_RC(oauth1_nonce_store_contains(p.nonces, CK, TK, NOW, "stateful-nonce-1", &held), OK);
    CHECK(held);
    CHECK_RC(oauth1_nonce_store_len(p.nonces, &len), OK);
    CHECK(len == 1);

    CHECK_RC(verify_standard(&p, genuine, &v, &pr), VF);
    CHECK_PROBLEM(pr, "nonce_used", 401, NULL);
    oauth1_problem_free(pr);
    pr = NULL;
    /* A forgery of an accepted request is still signature_invalid, not nonce_used. */
    CHECK_RC(verify_standard(&p, forged, &v, &pr), VF);
    CHECK_PROBLEM(pr, "signature_invalid", 401, NULL);
    oauth1_problem_free(pr);

    /* The store's own check: seeding it makes the next request a replay. */
    bool fresh = false;
    CHECK_RC(oauth1_nonce_store_check_and_record(p.nonces, CK, TK, NOW, "seeded", NOW, 300, &fresh), OK);
    CHECK(fresh);
    CHECK_RC(oauth1_nonce_store_check_and_record(p.nonces, CK, TK, NOW, "seeded", NOW, 300, &fresh), OK);
    CHECK(!fresh);
    header_with_nonce(s, "seeded", genuine, sizeof genuine);
    pr = NULL;
    CHECK_RC(verify_standard(&p, genuine, &v, &pr), VF);
    CHECK_PROBLEM(pr, "nonce_used", 401, NULL);
    oauth1_problem_free(pr);
    /* Records leave once their timestamp has left the window. */
    CHECK_RC(oauth1_nonce_store_forget_expired(p.nonces, NOW + 300, 300), OK);
    CHECK_RC(oauth1_nonce_store_len(p.nonces, &len), OK);
    CHECK(len == 2);
    CHECK_RC(oauth1_nonce_store_forget_expired(p.nonces, NOW + 301, 300), OK);
    CHECK_RC(oauth1_nonce_store_len(p.nonces, &len), OK);
    CHECK(len == 0);
    oauth1_signer_free(s);
    provider_free(&p);
}

/* Replaces the first `from` in `src` by `to`. */
static void replace(const char *src, const char *from, const char *to, char *out, size_t len) {
    const char *at = strstr(src, from);
    if (at == NULL) {
        snprintf(out, len, "%s", src);
        return;
    }
    snprintf(out, len, "%.*s%s%s", (int)(at - src), src, to, at + strlen(from));
}

/* Every oauth_problem code, reached through the C API, with its status,
 * parameter names, body and (for timestamp_refused) acceptable timestamps. */
static void test_verify_every_problem(void) {
    provider p = standard_provider();
    oauth1_signer *s = standard_signer();
    oauth1_verified *v = SENTINEL;
    oauth1_problem *pr = NULL;
    char h[1024], h2[1024];
    char *str;

    /* parameter_absent: no protocol parameters at all. */
    CHECK_RC(verify_standard(&p, NULL, &v, &pr), VF);
    const char *absent[] = {"oauth_consumer_key", "oauth_signature_method", "oauth_signature",
                            "oauth_timestamp", "oauth_nonce", NULL};
    CHECK_PROBLEM(pr, "parameter_absent", 400, absent);
    CHECK_STR(oauth1_problem_body(pr, &str), str,
              "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_consumer_key%26oauth_"
              "signature_method%26oauth_signature%26oauth_timestamp%26oauth_nonce");
    oauth1_problem_free(pr);

    /* parameter_rejected: an unquoted value (malformed: no names). */
    CHECK_RC(verify_standard(&p, "OAuth oauth_consumer_key=ck", &v, &pr), VF);
    CHECK_PROBLEM(pr, "parameter_rejected", 400, NULL);
    oauth1_problem_free(pr);
    /* parameter_rejected with a name: oauth_timestamp not a number. */
    header_with_nonce(s, "p-ts", h, sizeof h);
    replace(h, "oauth_timestamp=\"1700000000\"", "oauth_timestamp=\"17e8\"", h2, sizeof h2);
    CHECK_RC(verify_standard(&p, h2, &v, &pr), VF);
    const char *ts_param[] = {"oauth_timestamp", NULL};
    CHECK_PROBLEM(pr, "parameter_rejected", 400, ts_param);
    CHECK_STR(oauth1_problem_body(pr, &str), str,
              "oauth_problem=parameter_rejected&oauth_parameters_rejected=oauth_timestamp");
    oauth1_problem_free(pr);

    /* version_rejected. */
    replace(h, "oauth_version=\"1.0\"", "oauth_version=\"2.0\"", h2, sizeof h2);
    CHECK_RC(verify_standard(&p, h2, &v, &pr), VF);
    CHECK_PROBLEM(pr, "version_rejected", 400, NULL);
    oauth1_problem_free(pr);

    /* signature_method_rejected: HMAC-SHA256 no longer allowed. */
    oauth1_verifier *only_sha1 = NULL;
    const char *sha1[] = {"HMAC-SHA1"};
    CHECK_RC(oauth1_verifier_new(&only_sha1), OK);
    CHECK_RC(oauth1_verifier_set_signature_methods(only_sha1, sha1, 1), OK);
    CHECK_RC(oauth1_verifier_set_clock(only_sha1, NOW), OK);
    CHECK_RC(oauth1_verifier_verify(only_sha1, p.credentials, p.nonces, "POST", URL, h,
                                    (const uint8_t *)BODY, strlen(BODY), FORM, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "signature_method_rejected", 400, NULL);
    CHECK(strstr(PROBLEM_MESSAGE, "HMAC-SHA1") != NULL);
    oauth1_problem_free(pr);

    /* timestamp_refused: the clock 301 s later, with the acceptable range. */
    CHECK_RC(oauth1_verifier_set_clock(only_sha1, NOW + 301), OK);
    CHECK_RC(oauth1_verifier_allow_signature_method(only_sha1, "HMAC-SHA256"), OK);
    CHECK_RC(oauth1_verifier_verify(only_sha1, p.credentials, p.nonces, "POST", URL, h,
                                    (const uint8_t *)BODY, strlen(BODY), FORM, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "timestamp_refused", 401, NULL);
    uint64_t min = 0, max = 0;
    CHECK_RC(oauth1_problem_acceptable_timestamps(pr, &min, &max), OK);
    CHECK(min == NOW + 1 && max == NOW + 601);
    char want[128];
    snprintf(want, sizeof want, "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=%u-%u",
             NOW + 1, NOW + 601);
    CHECK_STR(oauth1_problem_body(pr, &str), str, want);
    oauth1_problem_free(pr);
    /* At the window's edge it passes (both edges are inclusive). */
    CHECK_RC(oauth1_verifier_set_clock(only_sha1, NOW + 300), OK);
    CHECK_RC(oauth1_verifier_verify(only_sha1, p.credentials, p.nonces, "POST", URL, h,
                                    (const uint8_t *)BODY, strlen(BODY), FORM, &v, &pr),
             OK);
    oauth1_verified_free(v);
    v = SENTINEL;
    oauth1_verifier_free(only_sha1);

    /* consumer_key_unknown and token_rejected, from an emptier table. */
    oauth1_credentials *other = NULL;
    CHECK_RC(oauth1_credentials_new(&other), OK);
    header_with_nonce(s, "p-creds", h, sizeof h);
    CHECK_RC(oauth1_verifier_verify(p.verifier, other, p.nonces, "POST", URL, h,
                                    (const uint8_t *)BODY, strlen(BODY), FORM, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "consumer_key_unknown", 401, NULL);
    oauth1_problem_free(pr);
    CHECK_RC(oauth1_credentials_add_consumer(other, CK, CS, NULL), OK);
    CHECK_RC(oauth1_verifier_verify(p.verifier, other, p.nonces, "POST", URL, h,
                                    (const uint8_t *)BODY, strlen(BODY), FORM, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "token_rejected", 401, NULL);
    oauth1_problem_free(pr);
    CHECK_RC(oauth1_credentials_add_token(other, TK, TS, "another-consumer"), OK);
    CHECK_RC(oauth1_verifier_verify(p.verifier, other, p.nonces, "POST", URL, h,
                                    (const uint8_t *)BODY, strlen(BODY), FORM, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "token_rejected", 401, NULL);
    CHECK(strstr(PROBLEM_MESSAGE, "another consumer") != NULL);
    oauth1_problem_free(pr);
    /* Changing the table: the right owner, then accepted. */
    CHECK_RC(oauth1_credentials_add_token(other, TK, TS, CK), OK);
    size_t n = 0;
    CHECK_RC(oauth1_credentials_token_count(other, &n), OK);
    CHECK(n == 1);
    CHECK_RC(oauth1_verifier_verify(p.verifier, other, p.nonces, "POST", URL, h,
                                    (const uint8_t *)BODY, strlen(BODY), FORM, &v, NULL),
             OK);
    oauth1_verified_free(v);
    v = SENTINEL;
    CHECK_RC(oauth1_credentials_remove_token(other, TK), OK);
    CHECK_RC(oauth1_credentials_remove_token(other, TK), OAUTH1_RESULT_NOT_FOUND);
    CHECK_RC(oauth1_credentials_remove_consumer(other, CK), OK);
    CHECK_RC(oauth1_credentials_remove_consumer(other, CK), OAUTH1_RESULT_NOT_FOUND);
    CHECK_RC(oauth1_credentials_consumer_count(other, &n), OK);
    CHECK(n == 0);
    oauth1_credentials_free(other);

    /* signature_invalid (wrong secret) and nonce_used are covered above and in
     * test_verify_stateful; the secret case here. */
    oauth1_credentials *wrong = NULL;
    CHECK_RC(oauth1_credentials_new(&wrong), OK);
    CHECK_RC(oauth1_credentials_add_consumer(wrong, CK, "not-the-secret", NULL), OK);
    CHECK_RC(oauth1_credentials_add_token(wrong, TK, TS, CK), OK);
    CHECK_RC(oauth1_verifier_verify(p.verifier, wrong, p.nonces, "POST", URL, h,
                                    (const uint8_t *)BODY, strlen(BODY), FORM, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "signature_invalid", 401, NULL);
    CHECK_STR(oauth1_problem_body(pr, &str), str, "oauth_problem=signature_invalid");
    oauth1_problem_free(pr);
    /* An RSA-only consumer refuses HMAC: signature_invalid, saying why. */
    CHECK_RC(oauth1_credentials_add_consumer(wrong, CK, NULL, RSA_PUBLIC_PEM), OK);
    CHECK_RC(oauth1_verifier_verify(p.verifier, wrong, p.nonces, "POST", URL, h,
                                    (const uint8_t *)BODY, strlen(BODY), FORM, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "signature_invalid", 401, NULL);
    CHECK(strstr(PROBLEM_MESSAGE, "RSA only") != NULL);
    oauth1_problem_free(pr);
    /* A PEM that is not a public key changes nothing. */
    CHECK_RC(oauth1_credentials_add_consumer(wrong, "ck2", NULL, RSA_PRIVATE_PEM),
             OAUTH1_RESULT_INVALID_KEY);
    CHECK_RC(oauth1_credentials_add_consumer(wrong, "ck2", NULL, "-----BEGIN PUBLIC KEY-----\nxx\n"),
             OAUTH1_RESULT_INVALID_KEY);
    CHECK(strstr(last_error(), "invalid_key") != NULL);
    CHECK_RC(oauth1_credentials_consumer_count(wrong, &n), OK);
    CHECK(n == 1);
    oauth1_credentials_free(wrong);
    CHECK(v == SENTINEL);

    oauth1_signer_free(s);
    provider_free(&p);
}

/* RSA-SHA256 and PLAINTEXT end to end, and the verifier's settings. */
static void test_verify_methods(void) {
    provider p = standard_provider();
    oauth1_signer_builder *b = NULL;
    oauth1_signer *rsa = NULL, *plaintext = NULL;
    oauth1_signed *sr = NULL;
    oauth1_verified *v = NULL;
    oauth1_problem *pr = NULL;
    char *header = NULL, *str;
    CHECK_RC(oauth1_credentials_add_consumer(p.credentials, "rsa-ck", NULL, RSA_PUBLIC_PEM), OK);
    CHECK_RC(oauth1_signer_builder_new("rsa-ck", "", &b), OK);
    CHECK_RC(oauth1_signer_builder_set_signature_method(b, "RSA-SHA256"), OK);
    CHECK_RC(oauth1_signer_builder_set_rsa_private_key_pem(b, RSA_PRIVATE_PEM), OK);
    CHECK_RC(oauth1_signer_builder_build(b, &rsa), OK);
    oauth1_signer_builder_free(b);
    oauth1_sign_options *o = fixed_options();
    CHECK_RC(oauth1_signer_sign(rsa, "GET", URL, NULL, 0, NULL, o, &sr), OK);
    CHECK_RC(oauth1_signed_authorization_header(sr, &header), OK);
    oauth1_signed_free(sr);
    bool allowed = false;
    CHECK_RC(oauth1_verifier_is_allowed(p.verifier, "RSA-SHA256", &allowed), OK);
    CHECK(!allowed);
    CHECK_RC(oauth1_verifier_verify(p.verifier, p.credentials, p.nonces, "GET", URL, header, NULL,
                                    0, NULL, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "signature_method_rejected", 400, NULL);
    oauth1_problem_free(pr);
    CHECK_RC(oauth1_verifier_allow_signature_method(p.verifier, "RSA-SHA256"), OK);
    CHECK_RC(oauth1_verifier_is_allowed(p.verifier, "RSA-SHA256", &allowed), OK);
    CHECK(allowed);
    CHECK_RC(oauth1_verifier_verify(p.verifier, p.credentials, p.nonces, "GET", URL, header, NULL,
                                    0, NULL, &v, &pr),
             OK);
    CHECK_STR(oauth1_verified_signature_method(v, &str), str, "RSA-SHA256");
    str = SENTINEL;
    CHECK_RC(oauth1_verified_token(v, &str), OAUTH1_RESULT_NOT_FOUND);
    CHECK_RC(oauth1_verified_realm(v, &str), OAUTH1_RESULT_NOT_FOUND);
    CHECK(str == SENTINEL);
    oauth1_verified_free(v);
    oauth1_string_free(header);
    oauth1_signer_free(rsa);

    /* PLAINTEXT is off by default, even on a fresh verifier. */
    oauth1_verifier *fresh = NULL;
    CHECK_RC(oauth1_verifier_new(&fresh), OK);
    const char *defaults[] = {"HMAC-SHA1", "HMAC-SHA256", "HMAC-SHA512", "RSA-SHA1", "RSA-SHA256",
                              "RSA-SHA512"};
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
        allowed = false;
        CHECK_RC(oauth1_verifier_is_allowed(fresh, defaults[i], &allowed), OK);
        CHECK(allowed);
    }
    CHECK_RC(oauth1_verifier_is_allowed(fresh, "PLAINTEXT", &allowed), OK);
    CHECK(!allowed);
    uint64_t window = 0, now = 0;
    CHECK_RC(oauth1_verifier_timestamp_window(fresh, &window), OK);
    CHECK(window == 300);
    CHECK_RC(oauth1_verifier_now(fresh, &now), OK);
    CHECK(now > NOW); /* the system clock */
    CHECK_RC(oauth1_verifier_set_clock(fresh, 42), OK);
    CHECK_RC(oauth1_verifier_now(fresh, &now), OK);
    CHECK(now == 42);
    CHECK_RC(oauth1_verifier_use_system_clock(fresh), OK);
    CHECK_RC(oauth1_verifier_now(fresh, &now), OK);
    CHECK(now > NOW);
    CHECK_RC(oauth1_verifier_set_timestamp_window(fresh, 60), OK);
    CHECK_RC(oauth1_verifier_timestamp_window(fresh, &window), OK);
    CHECK(window == 60);
    /* An unknown name refuses the whole list and changes nothing. */
    const char *mixed[] = {"PLAINTEXT", "hmac-sha1"};
    CHECK_RC(oauth1_verifier_set_signature_methods(fresh, mixed, 2),
             OAUTH1_RESULT_UNSUPPORTED_SIGNATURE_METHOD);
    CHECK(strstr(last_error(), "hmac-sha1") != NULL);
    CHECK_RC(oauth1_verifier_is_allowed(fresh, "PLAINTEXT", &allowed), OK);
    CHECK(!allowed);
    CHECK_RC(oauth1_verifier_is_allowed(fresh, "HMAC-MD5", &allowed),
             OAUTH1_RESULT_UNSUPPORTED_SIGNATURE_METHOD);
    CHECK_RC(oauth1_verifier_allow_signature_method(fresh, "MD5"),
             OAUTH1_RESULT_UNSUPPORTED_SIGNATURE_METHOD);
    /* None allowed: every request is signature_method_rejected. */
    CHECK_RC(oauth1_verifier_set_signature_methods(fresh, NULL, 0), OK);
    CHECK_RC(oauth1_verifier_is_allowed(fresh, "HMAC-SHA1", &allowed), OK);
    CHECK(!allowed);

    /* PLAINTEXT, once allowed, over https, parameters in the form body. */
    CHECK_RC(oauth1_verifier_allow_signature_method(fresh, "PLAINTEXT"), OK);
    CHECK_RC(oauth1_verifier_set_clock(fresh, NOW), OK);
    CHECK_RC(oauth1_signer_builder_new(CK, CS, &b), OK);
    CHECK_RC(oauth1_signer_builder_set_token(b, TK, TS), OK);
    CHECK_RC(oauth1_signer_builder_set_signature_method(b, "PLAINTEXT"), OK);
    CHECK_RC(oauth1_signer_builder_build(b, &plaintext), OK);
    oauth1_signer_builder_free(b);
    char *form = NULL;
    CHECK_RC(oauth1_signer_sign(plaintext, "POST", URL, (const uint8_t *)BODY, strlen(BODY), FORM, o,
                                &sr),
             OK);
    CHECK_RC(oauth1_signed_form_body(sr, &form), OK);
    oauth1_signed_free(sr);
    CHECK_RC(oauth1_verifier_verify(fresh, p.credentials, p.nonces, "POST", URL, NULL,
                                    (const uint8_t *)form, strlen(form), FORM, &v, &pr),
             OK);
    CHECK_STR(oauth1_verified_parameter_location(v, &str), str, "body");
    CHECK_STR(oauth1_verified_signature_method(v, &str), str, "PLAINTEXT");
    oauth1_verified_free(v);
    /* The same body as a non-form type: no parameters found. */
    CHECK_RC(oauth1_verifier_verify(fresh, p.credentials, p.nonces, "POST", URL, NULL,
                                    (const uint8_t *)form, strlen(form), "text/plain", &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "parameter_absent", 400,
                  ((const char *[]){"oauth_consumer_key", "oauth_signature_method", "oauth_signature",
                                    "oauth_timestamp", "oauth_nonce", NULL}));
    oauth1_problem_free(pr);
    oauth1_string_free(form);
    oauth1_signer_free(plaintext);
    oauth1_sign_options_free(o);
    oauth1_verifier_free(fresh);
    provider_free(&p);
}

/* The request given as a server has it: a headers array. */
static void test_verify_headers(void) {
    provider p = standard_provider();
    oauth1_signer *s = standard_signer();
    oauth1_verified *v = SENTINEL;
    oauth1_problem *pr = NULL;
    char h[1024];
    header_with_nonce(s, "headers-1", h, sizeof h);
    oauth1_header headers[] = {
        {"Host", "api.example.com"},
        {"authorization", "Basic eDp5"},
        {"AUTHORIZATION", h},
        {"content-type", "application/x-www-form-urlencoded; charset=utf-8"},
        {"X-Other", "whatever"},
    };
    oauth1_verified *ok = NULL;
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, p.credentials, p.nonces, "POST", URL, headers,
                                            5, (const uint8_t *)BODY, strlen(BODY), &ok, &pr),
             OK);
    char *str;
    CHECK_STR(oauth1_verified_nonce(ok, &str), str, "headers-1");
    oauth1_verified_free(ok);
    /* Two OAuth Authorization headers: refused, whichever is genuine. */
    header_with_nonce(s, "headers-2", h, sizeof h);
    oauth1_header two[] = {{"Authorization", h}, {"Authorization", "OAuth realm=\"x\""}};
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, p.credentials, p.nonces, "POST", URL, two, 2,
                                            (const uint8_t *)BODY, strlen(BODY), &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "parameter_rejected", 400, NULL);
    oauth1_problem_free(pr);
    /* Without its Content-Type the form body is not read: signature_invalid. */
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, p.credentials, p.nonces, "POST", URL, two, 1,
                                            (const uint8_t *)BODY, strlen(BODY), &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "signature_invalid", 401, NULL);
    oauth1_problem_free(pr);
    /* No headers at all. */
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, p.credentials, p.nonces, "GET", URL, NULL, 0,
                                            NULL, 0, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "parameter_absent", 400,
                  ((const char *[]){"oauth_consumer_key", "oauth_signature_method", "oauth_signature",
                                    "oauth_timestamp", "oauth_nonce", NULL}));
    oauth1_problem_free(pr);
    pr = SENTINEL;
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, p.credentials, p.nonces, "GET", URL, NULL, 3,
                                            NULL, 0, &v, &pr),
             OAUTH1_RESULT_NULL_PARAMETER);
    CHECK(strcmp(last_error(), "headers is NULL but headers_count is 3") == 0);
    oauth1_header holes[] = {{"Host", "h"}, {NULL, "x"}, {"X", NULL}};
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, p.credentials, p.nonces, "GET", URL, holes, 2,
                                            NULL, 0, &v, &pr),
             OAUTH1_RESULT_NULL_PARAMETER);
    CHECK(strcmp(last_error(), "headers[1].name is NULL") == 0);
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, p.credentials, p.nonces, "GET", URL, holes + 2,
                                            1, NULL, 0, &v, &pr),
             OAUTH1_RESULT_NULL_PARAMETER);
    CHECK(strcmp(last_error(), "headers[0].value is NULL") == 0);
    oauth1_header bad[] = {{"Authorization", "OAuth realm=\"caf\xc3\x28\""}};
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, p.credentials, p.nonces, "GET", URL, bad, 1,
                                            NULL, 0, &v, &pr),
             OAUTH1_RESULT_INVALID_UTF8);
    CHECK(strcmp(last_error(), "headers[0].value is not valid UTF-8 (bad byte at offset 16)") == 0);
    CHECK(v == SENTINEL && pr == SENTINEL);
    size_t len = 0;
    CHECK_RC(oauth1_nonce_store_len(p.nonces, &len), OK);
    CHECK(len == 1); /* only headers-1 */
    oauth1_signer_free(s);
    provider_free(&p);
}

static void test_received_url(void) {
    char *str;
    oauth1_header behind_proxy[] = {
        {"Host", "app.internal:8080"},
        {"X-Forwarded-Proto", "https"},
        {"X-Forwarded-Host", "api.example.com"},
    };
    CHECK_STR(oauth1_received_url(false, "/v1/items?x=1", behind_proxy, 3, true, &str), str,
              "https://api.example.com/v1/items?x=1");
    /* Untrusted forwarding headers are ignored. */
    CHECK_STR(oauth1_received_url(false, "/v1/items?x=1", behind_proxy, 3, false, &str), str,
              "http://app.internal:8080/v1/items?x=1");
    oauth1_header host[] = {{"host", "api.example.com:443"}};
    CHECK_STR(oauth1_received_url(true, "/a%20b", host, 1, false, &str), str,
              "https://api.example.com/a%20b");
    CHECK_STR(oauth1_received_url(false, "http://h.example/x", NULL, 0, false, &str), str,
              "http://h.example/x");
    str = SENTINEL;
    CHECK_RC(oauth1_received_url(false, "/x", NULL, 0, false, &str), OAUTH1_RESULT_INVALID_URL);
    CHECK(strstr(last_error(), "Host") != NULL);
    CHECK_RC(oauth1_received_url(false, NULL, host, 1, false, &str), OAUTH1_RESULT_NULL_PARAMETER);
    CHECK_RC(oauth1_received_url(false, "/x", NULL, 1, false, &str), OAUTH1_RESULT_NULL_PARAMETER);
    CHECK_RC(oauth1_received_url(false, "/x", host, 1, false, NULL), OAUTH1_RESULT_NULL_PARAMETER);
    CHECK_RC(oauth1_received_url(false, "/\xff", host, 1, false, &str), OAUTH1_RESULT_INVALID_UTF8);
    CHECK(str == SENTINEL);
}

/* ---- C lookups and a C nonce store ----------------------------------------- */

typedef struct {
    int consumer_calls, token_calls;
    int bad_pem;      /* answer an unparsable PEM after the secret */
    int true_no_answer; /* the token lookup says "known" but answers nothing */
    char last_key[64];
} lookups;

static bool lookup_consumer(void *userdata, const char *consumer_key, oauth1_consumer_answer *answer) {
    lookups *l = userdata;
    l->consumer_calls++;
    snprintf(l->last_key, sizeof l->last_key, "%s", consumer_key);
    if (strcmp(consumer_key, CK) == 0) {
        oauth1_consumer_answer_set_secret(answer, CS);
        if (l->bad_pem)
            return oauth1_consumer_answer_set_rsa_public_key_pem(answer, "garbage") ==
                   OAUTH1_RESULT_INVALID_KEY; /* still known, secret kept */
        return true;
    }
    if (strcmp(consumer_key, "rsa-ck") == 0)
        return oauth1_consumer_answer_set_rsa_public_key_pem(answer, RSA_PUBLIC_PEM) == OK;
    return false;
}

static bool lookup_token(void *userdata, const char *token, oauth1_token_answer *answer) {
    lookups *l = userdata;
    l->token_calls++;
    if (l->true_no_answer) return true;
    if (strcmp(token, TK) != 0) return false;
    return oauth1_token_answer_set(answer, TS, CK) == OK;
}

#define SEEN_MAX 64
typedef struct {
    pthread_mutex_t lock;
    int calls;
    size_t count;
    char seen[SEEN_MAX][160];
    uint64_t last_now, last_window;
} c_nonces;

static bool c_check_and_record(void *userdata, const char *consumer_key, const char *token,
                               uint64_t timestamp, const char *nonce, uint64_t now, uint64_t window) {
    c_nonces *n = userdata;
    char key[160];
    snprintf(key, sizeof key, "%s|%s|%llu|%s", consumer_key, token, (unsigned long long)timestamp,
             nonce);
    pthread_mutex_lock(&n->lock);
    n->calls++;
    n->last_now = now;
    n->last_window = window;
    bool fresh = true;
    for (size_t i = 0; i < n->count; i++) fresh = fresh && strcmp(n->seen[i], key) != 0;
    if (fresh && n->count < SEEN_MAX) snprintf(n->seen[n->count++], sizeof n->seen[0], "%s", key);
    pthread_mutex_unlock(&n->lock);
    return fresh;
}

static void test_verify_callbacks(void) {
    lookups l;
    memset(&l, 0, sizeof l);
    c_nonces n;
    memset(&n, 0, sizeof n);
    pthread_mutex_init(&n.lock, NULL);
    provider p = standard_provider();
    oauth1_credentials *creds = NULL, *two_legged = NULL;
    oauth1_nonce_store *store = NULL;
    CHECK_RC(oauth1_credentials_new_with_callbacks(lookup_consumer, lookup_token, &l, &creds), OK);
    CHECK_RC(oauth1_nonce_store_new_with_callback(c_check_and_record, &n, &store), OK);
    oauth1_signer *s = standard_signer();
    oauth1_verified *v = NULL;
    oauth1_problem *pr = NULL;
    char h[1024], forged[1024];
    char *str;

    header_with_nonce(s, "cb-1", h, sizeof h);
    tamper(h, forged, sizeof forged);
    /* A forgery reaches the lookups but never the nonce store. */
    CHECK_RC(oauth1_verifier_verify(p.verifier, creds, store, "POST", URL, forged,
                                    (const uint8_t *)BODY, strlen(BODY), FORM, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "signature_invalid", 401, NULL);
    oauth1_problem_free(pr);
    CHECK(l.consumer_calls == 1 && l.token_calls == 1 && n.calls == 0);
    CHECK(strcmp(l.last_key, CK) == 0);
    CHECK_RC(oauth1_verifier_verify(p.verifier, creds, store, "POST", URL, h, (const uint8_t *)BODY,
                                    strlen(BODY), FORM, &v, &pr),
             OK);
    CHECK(n.calls == 1 && n.count == 1 && n.last_now == NOW && n.last_window == 300);
    CHECK(strcmp(n.seen[0], "ck_5f4dcc3b5aa765d61d8327deb882cf99|tk_6b86b273ff34fce19d6b804eff5a3f57|"
                            "1700000000|cb-1") == 0);
    CHECK_STR(oauth1_verified_token(v, &str), str, TK);
    oauth1_verified_free(v);
    CHECK_RC(oauth1_verifier_verify(p.verifier, creds, store, "POST", URL, h, (const uint8_t *)BODY,
                                    strlen(BODY), FORM, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "nonce_used", 401, NULL);
    oauth1_problem_free(pr);
    CHECK(n.calls == 2);
    /* The store's own check calls the callback too. */
    bool fresh = false;
    CHECK_RC(oauth1_nonce_store_check_and_record(store, "a", "", 5, "n", 6, 7, &fresh), OK);
    CHECK(fresh && n.last_now == 6 && n.last_window == 7);
    CHECK_RC(oauth1_nonce_store_check_and_record(store, "a", "", 5, "n", 6, 7, &fresh), OK);
    CHECK(!fresh);

    /* An answer that failed inside a lookup (a bad PEM) leaves the secret,
     * and the verification's own success clears the message. */
    l.bad_pem = 1;
    header_with_nonce(s, "cb-2", h, sizeof h);
    CHECK_RC(oauth1_verifier_verify(p.verifier, creds, store, "POST", URL, h, (const uint8_t *)BODY,
                                    strlen(BODY), FORM, &v, &pr),
             OK);
    CHECK(oauth1_last_error_message(NULL, 0) == 0);
    oauth1_verified_free(v);
    l.bad_pem = 0;
    /* "Known" without an answer is an unknown token. */
    l.true_no_answer = 1;
    header_with_nonce(s, "cb-3", h, sizeof h);
    CHECK_RC(oauth1_verifier_verify(p.verifier, creds, store, "POST", URL, h, (const uint8_t *)BODY,
                                    strlen(BODY), FORM, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "token_rejected", 401, NULL);
    oauth1_problem_free(pr);
    l.true_no_answer = 0;
    /* An unknown consumer; a key with a NUL byte is never passed to C. */
    int calls = l.consumer_calls;
    replace(h, "oauth_consumer_key=\"ck_", "oauth_consumer_key=\"zz_", forged, sizeof forged);
    CHECK_RC(oauth1_verifier_verify(p.verifier, creds, store, "POST", URL, forged,
                                    (const uint8_t *)BODY, strlen(BODY), FORM, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "consumer_key_unknown", 401, NULL);
    oauth1_problem_free(pr);
    CHECK(l.consumer_calls == calls + 1 && strncmp(l.last_key, "zz_", 3) == 0);
    replace(h, "oauth_consumer_key=\"ck_", "oauth_consumer_key=\"ck_5f4dcc3b5aa765d61d8327deb882cf99%00", forged,
            sizeof forged);
    replace(forged, "5f4dcc3b5aa765d61d8327deb882cf99%00", "%00", h, sizeof h);
    CHECK_RC(oauth1_verifier_verify(p.verifier, creds, store, "POST", URL, h, (const uint8_t *)BODY,
                                    strlen(BODY), FORM, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "consumer_key_unknown", 401, NULL);
    oauth1_problem_free(pr);
    CHECK(l.consumer_calls == calls + 1);

    /* RSA through a lookup. */
    oauth1_signer_builder *b = NULL;
    oauth1_signer *rsa = NULL;
    oauth1_signed *sr = NULL;
    char *header = NULL;
    CHECK_RC(oauth1_signer_builder_new("rsa-ck", "", &b), OK);
    CHECK_RC(oauth1_signer_builder_set_signature_method(b, "RSA-SHA1"), OK);
    CHECK_RC(oauth1_signer_builder_set_rsa_private_key_pem(b, RSA_PRIVATE_PEM), OK);
    CHECK_RC(oauth1_signer_builder_build(b, &rsa), OK);
    oauth1_signer_builder_free(b);
    CHECK_RC(oauth1_signer_sign(rsa, "GET", "https://api.example.com/x", NULL, 0, NULL, NULL, &sr), OK);
    CHECK_RC(oauth1_signed_authorization_header(sr, &header), OK);
    oauth1_verifier *any = NULL;
    CHECK_RC(oauth1_verifier_new(&any), OK); /* system clock: the signer's timestamp is now */
    CHECK_RC(oauth1_verifier_verify(any, creds, store, "GET", "https://api.example.com/x", header,
                                    NULL, 0, NULL, &v, &pr),
             OK);
    CHECK_STR(oauth1_verified_consumer_key(v, &str), str, "rsa-ck");
    oauth1_verified_free(v);

    /* No token lookup: every token is unknown; two-legged still works. */
    CHECK_RC(oauth1_credentials_new_with_callbacks(lookup_consumer, NULL, &l, &two_legged), OK);
    header_with_nonce(s, "cb-4", h, sizeof h);
    CHECK_RC(oauth1_verifier_verify(p.verifier, two_legged, store, "POST", URL, h,
                                    (const uint8_t *)BODY, strlen(BODY), FORM, &v, &pr),
             VF);
    CHECK_PROBLEM(pr, "token_rejected", 401, NULL);
    oauth1_problem_free(pr);
    CHECK_RC(oauth1_verifier_verify(any, two_legged, p.nonces, "GET", "https://api.example.com/x",
                                    header, NULL, 0, NULL, &v, &pr),
             OK);
    oauth1_verified_free(v);

    /* Table functions on callback handles, and NULL callbacks. */
    size_t count = 7;
    CHECK_RC(oauth1_credentials_add_consumer(creds, "k", "s", NULL), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(strstr(last_error(), "callbacks") != NULL);
    CHECK_RC(oauth1_credentials_add_token(creds, "t", "s", "k"), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK_RC(oauth1_credentials_remove_consumer(creds, "k"), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK_RC(oauth1_credentials_remove_token(creds, "t"), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK_RC(oauth1_credentials_consumer_count(creds, &count), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK_RC(oauth1_credentials_token_count(creds, &count), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK_RC(oauth1_nonce_store_len(store, &count), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(strstr(last_error(), "callback") != NULL);
    CHECK_RC(oauth1_nonce_store_contains(store, "a", "", 5, "n", &fresh), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK_RC(oauth1_nonce_store_forget_expired(store, 1, 1), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(count == 7);
    oauth1_credentials *no_creds = SENTINEL;
    oauth1_nonce_store *no_store = SENTINEL;
    CHECK_RC(oauth1_credentials_new_with_callbacks(NULL, lookup_token, &l, &no_creds),
             OAUTH1_RESULT_NULL_PARAMETER);
    CHECK(strcmp(last_error(), "consumer_lookup is NULL") == 0);
    CHECK_RC(oauth1_credentials_new_with_callbacks(lookup_consumer, NULL, NULL, NULL),
             OAUTH1_RESULT_NULL_PARAMETER);
    CHECK_RC(oauth1_nonce_store_new_with_callback(NULL, &n, &no_store), OAUTH1_RESULT_NULL_PARAMETER);
    CHECK(strcmp(last_error(), "check_and_record is NULL") == 0);
    CHECK_RC(oauth1_nonce_store_new_with_callback(c_check_and_record, NULL, NULL),
             OAUTH1_RESULT_NULL_PARAMETER);
    CHECK(no_creds == SENTINEL && no_store == SENTINEL);

    oauth1_string_free(header);
    oauth1_signed_free(sr);
    oauth1_signer_free(rsa);
    oauth1_verifier_free(any);
    oauth1_credentials_free(two_legged);
    oauth1_credentials_free(creds);
    oauth1_nonce_store_free(store);
    oauth1_signer_free(s);
    provider_free(&p);
    pthread_mutex_destroy(&n.lock);
}

/* Every new pointer argument refuses NULL; every new _free takes NULL. */
static void test_verify_null_arguments(void) {
    const int NP = OAUTH1_RESULT_NULL_PARAMETER;
    provider p = standard_provider();
    oauth1_verified *v = NULL;
    oauth1_problem *pr = NULL;
    CHECK_RC(verify_standard(&p, HEADER, NULL, &pr), NP); /* checked before anything runs */
    CHECK(strcmp(last_error(), "verified_out is NULL") == 0);
    CHECK_RC(verify_standard(&p, HEADER, &v, &pr), OK); /* so nothing was recorded */
    oauth1_verified_free(v);
    CHECK_RC(verify_standard(&p, HEADER, &v, &pr), VF);
    CHECK(pr != NULL);

    oauth1_verifier *vo = SENTINEL;
    oauth1_credentials *co = SENTINEL;
    oauth1_nonce_store *no = SENTINEL;
    oauth1_verified *vdo = SENTINEL;
    oauth1_problem *po = SENTINEL;
    char *str = SENTINEL, *str2 = SENTINEL;
    size_t n = 12345;
    bool flag = false;
    uint64_t u = 777, u2 = 777;
    uint16_t status = 777;
    const char *names[] = {"HMAC-SHA1", NULL};
    const uint8_t *body = (const uint8_t *)BODY;
    size_t len = strlen(BODY);

    CHECK_RC(oauth1_verifier_new(NULL), NP);
    CHECK_RC(oauth1_verifier_set_signature_methods(NULL, names, 1), NP);
    CHECK_RC(oauth1_verifier_set_signature_methods(p.verifier, NULL, 1), NP);
    CHECK(strcmp(last_error(), "names is NULL but names_count is 1") == 0);
    CHECK_RC(oauth1_verifier_set_signature_methods(p.verifier, names, 2), NP);
    CHECK(strcmp(last_error(), "names[1] is NULL") == 0);
    CHECK_RC(oauth1_verifier_allow_signature_method(NULL, "PLAINTEXT"), NP);
    CHECK_RC(oauth1_verifier_allow_signature_method(p.verifier, NULL), NP);
    CHECK_RC(oauth1_verifier_is_allowed(NULL, "PLAINTEXT", &flag), NP);
    CHECK_RC(oauth1_verifier_is_allowed(p.verifier, NULL, &flag), NP);
    CHECK_RC(oauth1_verifier_is_allowed(p.verifier, "PLAINTEXT", NULL), NP);
    CHECK_RC(oauth1_verifier_set_timestamp_window(NULL, 1), NP);
    CHECK_RC(oauth1_verifier_timestamp_window(NULL, &u), NP);
    CHECK_RC(oauth1_verifier_timestamp_window(p.verifier, NULL), NP);
    CHECK_RC(oauth1_verifier_set_clock(NULL, 1), NP);
    CHECK_RC(oauth1_verifier_use_system_clock(NULL), NP);
    CHECK_RC(oauth1_verifier_now(NULL, &u), NP);
    CHECK_RC(oauth1_verifier_now(p.verifier, NULL), NP);

    CHECK_RC(oauth1_verifier_verify(NULL, p.credentials, p.nonces, "POST", URL, HEADER, body, len,
                                    FORM, &vdo, &po),
             NP);
    CHECK(strcmp(last_error(), "verifier is NULL") == 0);
    CHECK_RC(oauth1_verifier_verify(p.verifier, NULL, p.nonces, "POST", URL, HEADER, body, len, FORM,
                                    &vdo, &po),
             NP);
    CHECK(strcmp(last_error(), "credentials is NULL") == 0);
    CHECK_RC(oauth1_verifier_verify(p.verifier, p.credentials, NULL, "POST", URL, HEADER, body, len,
                                    FORM, &vdo, &po),
             NP);
    CHECK(strcmp(last_error(), "nonce_store is NULL") == 0);
    CHECK_RC(oauth1_verifier_verify(p.verifier, p.credentials, p.nonces, NULL, URL, HEADER, body, len,
                                    FORM, &vdo, &po),
             NP);
    CHECK_RC(oauth1_verifier_verify(p.verifier, p.credentials, p.nonces, "POST", NULL, HEADER, body,
                                    len, FORM, &vdo, &po),
             NP);
    CHECK_RC(oauth1_verifier_verify(p.verifier, p.credentials, p.nonces, "POST", URL, HEADER, NULL,
                                    len, FORM, &vdo, &po),
             NP);
    CHECK(strcmp(last_error(), "body is NULL but body_len is 38") == 0);
    CHECK_RC(oauth1_verifier_verify(p.verifier, p.credentials, p.nonces, "POST", URL, HEADER, body,
                                    len, FORM, NULL, &po),
             NP);
    CHECK_RC(oauth1_verifier_verify_headers(NULL, p.credentials, p.nonces, "GET", URL, NULL, 0, NULL,
                                            0, &vdo, &po),
             NP);
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, NULL, p.nonces, "GET", URL, NULL, 0, NULL, 0,
                                            &vdo, &po),
             NP);
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, p.credentials, NULL, "GET", URL, NULL, 0, NULL,
                                            0, &vdo, &po),
             NP);
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, p.credentials, p.nonces, NULL, URL, NULL, 0,
                                            NULL, 0, &vdo, &po),
             NP);
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, p.credentials, p.nonces, "GET", NULL, NULL, 0,
                                            NULL, 0, &vdo, &po),
             NP);
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, p.credentials, p.nonces, "GET", URL, NULL, 0,
                                            NULL, 5, &vdo, &po),
             NP);
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, p.credentials, p.nonces, "GET", URL, NULL, 0,
                                            NULL, 0, NULL, &po),
             NP);

    CHECK_RC(oauth1_credentials_new(NULL), NP);
    CHECK_RC(oauth1_credentials_add_consumer(NULL, CK, CS, NULL), NP);
    CHECK_RC(oauth1_credentials_add_consumer(p.credentials, NULL, CS, NULL), NP);
    CHECK_RC(oauth1_credentials_add_token(NULL, TK, TS, CK), NP);
    CHECK_RC(oauth1_credentials_add_token(p.credentials, NULL, TS, CK), NP);
    CHECK_RC(oauth1_credentials_add_token(p.credentials, TK, NULL, CK), NP);
    CHECK_RC(oauth1_credentials_add_token(p.credentials, TK, TS, NULL), NP);
    CHECK_RC(oauth1_credentials_remove_consumer(NULL, CK), NP);
    CHECK_RC(oauth1_credentials_remove_consumer(p.credentials, NULL), NP);
    CHECK_RC(oauth1_credentials_remove_token(NULL, TK), NP);
    CHECK_RC(oauth1_credentials_remove_token(p.credentials, NULL), NP);
    CHECK_RC(oauth1_credentials_consumer_count(NULL, &n), NP);
    CHECK_RC(oauth1_credentials_consumer_count(p.credentials, NULL), NP);
    CHECK_RC(oauth1_credentials_token_count(NULL, &n), NP);
    CHECK_RC(oauth1_credentials_token_count(p.credentials, NULL), NP);
    CHECK_RC(oauth1_consumer_answer_set_secret(NULL, "s"), NP);
    CHECK_RC(oauth1_consumer_answer_set_rsa_public_key_pem(NULL, RSA_PUBLIC_PEM), NP);
    CHECK_RC(oauth1_token_answer_set(NULL, "s", CK), NP);

    CHECK_RC(oauth1_nonce_store_new(NULL), NP);
    CHECK_RC(oauth1_nonce_store_check_and_record(NULL, CK, "", 1, "n", 1, 1, &flag), NP);
    CHECK_RC(oauth1_nonce_store_check_and_record(p.nonces, NULL, "", 1, "n", 1, 1, &flag), NP);
    CHECK_RC(oauth1_nonce_store_check_and_record(p.nonces, CK, NULL, 1, "n", 1, 1, &flag), NP);
    CHECK_RC(oauth1_nonce_store_check_and_record(p.nonces, CK, "", 1, NULL, 1, 1, &flag), NP);
    CHECK_RC(oauth1_nonce_store_check_and_record(p.nonces, CK, "", 1, "n", 1, 1, NULL), NP);
    CHECK_RC(oauth1_nonce_store_contains(NULL, CK, "", 1, "n", &flag), NP);
    CHECK_RC(oauth1_nonce_store_contains(p.nonces, NULL, "", 1, "n", &flag), NP);
    CHECK_RC(oauth1_nonce_store_contains(p.nonces, CK, NULL, 1, "n", &flag), NP);
    CHECK_RC(oauth1_nonce_store_contains(p.nonces, CK, "", 1, NULL, &flag), NP);
    CHECK_RC(oauth1_nonce_store_contains(p.nonces, CK, "", 1, "n", NULL), NP);
    CHECK_RC(oauth1_nonce_store_len(NULL, &n), NP);
    CHECK_RC(oauth1_nonce_store_len(p.nonces, NULL), NP);
    CHECK_RC(oauth1_nonce_store_forget_expired(NULL, 1, 1), NP);

    oauth1_result (*vgetters[])(const oauth1_verified *, char **) = {
        oauth1_verified_consumer_key, oauth1_verified_token,      oauth1_verified_signature_method,
        oauth1_verified_realm,        oauth1_verified_nonce,      oauth1_verified_parameter_location,
    };
    /* (With a live handle and NULL outputs: test_verified_null_outputs.) */
    for (size_t i = 0; i < sizeof vgetters / sizeof vgetters[0]; i++) CHECK_RC(vgetters[i](NULL, &str), NP);
    CHECK_RC(oauth1_verified_timestamp(NULL, &u), NP);
    CHECK_RC(oauth1_verified_get(NULL, "oauth_nonce", &str), NP);
    CHECK_RC(oauth1_verified_oauth_parameter_count(NULL, &n), NP);
    CHECK_RC(oauth1_verified_oauth_parameter(NULL, 0, &str, &str2), NP);

    oauth1_result (*pgetters[])(const oauth1_problem *, char **) = {
        oauth1_problem_code, oauth1_problem_message, oauth1_problem_body};
    for (size_t i = 0; i < sizeof pgetters / sizeof pgetters[0]; i++) {
        CHECK_RC(pgetters[i](NULL, &str), NP);
        CHECK_RC(pgetters[i](pr, NULL), NP);
    }
    CHECK_RC(oauth1_problem_http_status(NULL, &status), NP);
    CHECK_RC(oauth1_problem_http_status(pr, NULL), NP);
    CHECK_RC(oauth1_problem_parameter_count(NULL, &n), NP);
    CHECK_RC(oauth1_problem_parameter_count(pr, NULL), NP);
    CHECK_RC(oauth1_problem_parameter(NULL, 0, &str), NP);
    CHECK_RC(oauth1_problem_parameter(pr, 0, NULL), NP);
    CHECK_RC(oauth1_problem_www_authenticate(NULL, "r", &str), NP);
    CHECK_RC(oauth1_problem_www_authenticate(pr, NULL, &str), NP);
    CHECK_RC(oauth1_problem_www_authenticate(pr, "r", NULL), NP);
    CHECK_RC(oauth1_problem_acceptable_timestamps(NULL, &u, &u2), NP);
    CHECK_RC(oauth1_problem_acceptable_timestamps(pr, NULL, &u2), NP);
    CHECK_RC(oauth1_problem_acceptable_timestamps(pr, &u, NULL), NP);

    CHECK(vo == SENTINEL && co == SENTINEL && no == SENTINEL && vdo == SENTINEL && po == SENTINEL &&
          str == SENTINEL && str2 == SENTINEL && n == 12345 && !flag && u == 777 && u2 == 777 &&
          status == 777);

    oauth1_verifier_free(NULL);
    oauth1_credentials_free(NULL);
    oauth1_nonce_store_free(NULL);
    oauth1_verified_free(NULL);
    oauth1_problem_free(NULL);
    oauth1_problem_free(pr);
    provider_free(&p);
}

/* The verified handle's getters with a live handle and NULL outputs. */
static void test_verified_null_outputs(void) {
    const int NP = OAUTH1_RESULT_NULL_PARAMETER;
    provider p = standard_provider();
    oauth1_verified *v = NULL;
    char *str = SENTINEL;
    CHECK_RC(verify_standard(&p, HEADER, &v, NULL), OK);
    oauth1_result (*vgetters[])(const oauth1_verified *, char **) = {
        oauth1_verified_consumer_key, oauth1_verified_token,      oauth1_verified_signature_method,
        oauth1_verified_realm,        oauth1_verified_nonce,      oauth1_verified_parameter_location,
    };
    for (size_t i = 0; i < sizeof vgetters / sizeof vgetters[0]; i++) CHECK_RC(vgetters[i](v, NULL), NP);
    CHECK_RC(oauth1_verified_timestamp(v, NULL), NP);
    CHECK_RC(oauth1_verified_get(v, NULL, &str), NP);
    CHECK_RC(oauth1_verified_get(v, "oauth_nonce", NULL), NP);
    CHECK_RC(oauth1_verified_oauth_parameter_count(v, NULL), NP);
    CHECK_RC(oauth1_verified_oauth_parameter(v, 0, NULL, &str), NP);
    CHECK_RC(oauth1_verified_oauth_parameter(v, 0, &str, NULL), NP);
    CHECK(str == SENTINEL);
    oauth1_verified_free(v);
    provider_free(&p);
}

/* Each new string argument checks UTF-8 and names itself. */
static void test_verify_invalid_utf8(void) {
    const int IU = OAUTH1_RESULT_INVALID_UTF8;
    const char *bad = "ab\xc3\x28";
    provider p = standard_provider();
    oauth1_verified *v = SENTINEL;
    oauth1_problem *pr = SENTINEL;
    char *str = SENTINEL;
    bool flag = false;
    const char *names[] = {"HMAC-SHA1", bad};
    const uint8_t *body = (const uint8_t *)BODY;
    size_t len = strlen(BODY);

    CHECK_RC(oauth1_verifier_set_signature_methods(p.verifier, names, 2), IU);
    CHECK(strcmp(last_error(), "names[1] is not valid UTF-8 (bad byte at offset 2)") == 0);
    CHECK_RC(oauth1_verifier_allow_signature_method(p.verifier, bad), IU);
    CHECK_RC(oauth1_verifier_is_allowed(p.verifier, bad, &flag), IU);
    CHECK_RC(oauth1_verifier_verify(p.verifier, p.credentials, p.nonces, bad, URL, HEADER, body, len,
                                    FORM, &v, &pr),
             IU);
    CHECK(strstr(last_error(), "method") != NULL);
    CHECK_RC(oauth1_verifier_verify(p.verifier, p.credentials, p.nonces, "POST", bad, HEADER, body,
                                    len, FORM, &v, &pr),
             IU);
    CHECK(strstr(last_error(), "url") != NULL);
    CHECK_RC(oauth1_verifier_verify(p.verifier, p.credentials, p.nonces, "POST", URL, bad, body, len,
                                    FORM, &v, &pr),
             IU);
    CHECK(strstr(last_error(), "authorization") != NULL);
    CHECK_RC(oauth1_verifier_verify(p.verifier, p.credentials, p.nonces, "POST", URL, HEADER, body,
                                    len, bad, &v, &pr),
             IU);
    CHECK(strstr(last_error(), "content_type") != NULL);
    oauth1_header h[] = {{bad, "x"}};
    CHECK_RC(oauth1_verifier_verify_headers(p.verifier, p.credentials, p.nonces, "GET", URL, h, 1,
                                            NULL, 0, &v, &pr),
             IU);
    CHECK(strstr(last_error(), "headers[0].name") != NULL);
    CHECK_RC(oauth1_credentials_add_consumer(p.credentials, bad, CS, NULL), IU);
    CHECK_RC(oauth1_credentials_add_consumer(p.credentials, CK, bad, NULL), IU);
    CHECK(strstr(last_error(), "secret") != NULL);
    CHECK_RC(oauth1_credentials_add_consumer(p.credentials, CK, NULL, bad), IU);
    CHECK(strstr(last_error(), "rsa_public_key_pem") != NULL);
    CHECK_RC(oauth1_credentials_add_token(p.credentials, bad, TS, CK), IU);
    CHECK_RC(oauth1_credentials_add_token(p.credentials, TK, bad, CK), IU);
    CHECK_RC(oauth1_credentials_add_token(p.credentials, TK, TS, bad), IU);
    CHECK_RC(oauth1_credentials_remove_consumer(p.credentials, bad), IU);
    CHECK_RC(oauth1_credentials_remove_token(p.credentials, bad), IU);
    CHECK_RC(oauth1_nonce_store_check_and_record(p.nonces, bad, "", 1, "n", 1, 1, &flag), IU);
    CHECK_RC(oauth1_nonce_store_check_and_record(p.nonces, CK, bad, 1, "n", 1, 1, &flag), IU);
    CHECK_RC(oauth1_nonce_store_check_and_record(p.nonces, CK, "", 1, bad, 1, 1, &flag), IU);
    CHECK_RC(oauth1_nonce_store_contains(p.nonces, bad, "", 1, "n", &flag), IU);
    CHECK(!flag);
    size_t n = 0;
    CHECK_RC(oauth1_credentials_consumer_count(p.credentials, &n), OK);
    CHECK(n == 1);
    CHECK_RC(oauth1_nonce_store_len(p.nonces, &n), OK);
    CHECK(n == 0);

    /* The verified request still works after all that. */
    oauth1_verified *ok = NULL;
    oauth1_problem *nope = NULL;
    CHECK_RC(verify_standard(&p, HEADER, &ok, &nope), OK);
    CHECK_RC(oauth1_verified_get(ok, bad, &str), IU);
    oauth1_verified_free(ok);
    CHECK_RC(verify_standard(&p, HEADER, &ok, &nope), VF);
    CHECK_RC(oauth1_problem_www_authenticate(nope, bad, &str), IU);
    oauth1_problem_free(nope);
    /* A binary body may hold any byte (only a form body is read). */
    const uint8_t bin[] = {0xff, 0x00, 0xfe};
    CHECK_RC(oauth1_verifier_verify(p.verifier, p.credentials, p.nonces, "PUT", URL, HEADER, bin,
                                    sizeof bin, "application/octet-stream", &ok, &nope),
             VF);
    CHECK_PROBLEM(nope, "signature_invalid", 401, NULL);
    oauth1_problem_free(nope);
    /* A form body that is not UTF-8: refused as a request, not an API error. */
    CHECK_RC(oauth1_verifier_verify(p.verifier, p.credentials, p.nonces, "PUT", URL, HEADER, bin,
                                    sizeof bin, FORM, &ok, &nope),
             VF);
    oauth1_problem_free(nope);
    CHECK(v == SENTINEL && pr == SENTINEL && str == SENTINEL);
    provider_free(&p);
}

/* ---- 8 threads, one verifier, one credentials table, one nonce store ---- */

#define VERIFY_ROUNDS 60

typedef struct {
    const provider *p;
    const oauth1_signer *signer;
    const char *race_header; /* the same request for every thread */
    int index;
    int wrong, race_wins;
} verify_job;

static void *verifying_thread(void *arg) {
    verify_job *job = arg;
    char header[1024], nonce[64], token[64];
    int race_done = 0;
    for (int i = 0; i < VERIFY_ROUNDS; i++) {
        snprintf(nonce, sizeof nonce, "thread-%d-round-%d", job->index, i);
        header_with_nonce(job->signer, nonce, header, sizeof header);
        oauth1_verified *v = NULL;
        oauth1_problem *pr = NULL;
        char *got = NULL;
        /* A distinct request: accepted, with its own nonce. */
        if (verify_standard(job->p, header, &v, &pr) != OK ||
            oauth1_verified_nonce(v, &got) != OK || strcmp(got, nonce) != 0)
            job->wrong++;
        oauth1_string_free(got);
        oauth1_verified_free(v);
        v = NULL;
        /* Replayed: nonce_used, and this thread's own message. */
        if (verify_standard(job->p, header, &v, &pr) != VF || pr == NULL ||
            strstr(last_error(), nonce) == NULL)
            job->wrong++;
        oauth1_problem_free(pr);
        pr = NULL;
        /* Everyone verifies the same request once, mid-way: one wins. */
        if (!race_done && i == VERIFY_ROUNDS / 2) {
            race_done = 1;
            oauth1_result r = verify_standard(job->p, job->race_header, &v, &pr);
            if (r == OK) job->race_wins++;
            else if (r != VF) job->wrong++;
            oauth1_verified_free(v);
            oauth1_problem_free(pr);
        }
        /* The table changes while others verify. */
        snprintf(token, sizeof token, "temp-%d-%d", job->index, i);
        if (oauth1_credentials_add_token(job->p->credentials, token, "s", CK) != OK ||
            oauth1_credentials_remove_token(job->p->credentials, token) != OK)
            job->wrong++;
    }
    return NULL;
}

static void test_verify_threads(void) {
    provider p = standard_provider();
    oauth1_signer *s = standard_signer();
    char race[1024];
    header_with_nonce(s, "the-race", race, sizeof race);
    pthread_t threads[THREADS];
    verify_job jobs[THREADS];
    for (int i = 0; i < THREADS; i++) {
        jobs[i] = (verify_job){&p, s, race, i, 0, 0};
        CHECK(pthread_create(&threads[i], NULL, verifying_thread, &jobs[i]) == 0);
    }
    int wrong = 0, wins = 0;
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
        wrong += jobs[i].wrong;
        wins += jobs[i].race_wins;
    }
    CHECK(wrong == 0);
    CHECK(wins == 1);
    if (wrong || wins != 1)
        fprintf(stderr, "%d wrong results, %d winners of the race, across %d threads\n", wrong, wins,
                THREADS);
    size_t n = 0;
    CHECK_RC(oauth1_nonce_store_len(p.nonces, &n), OK);
    CHECK(n == THREADS * VERIFY_ROUNDS + 1);
    CHECK_RC(oauth1_credentials_token_count(p.credentials, &n), OK);
    CHECK(n == 1);
    oauth1_signer_free(s);
    provider_free(&p);
}

/* ---- one behaviour on every surface: the core's rules through C -------- */

/* Signs GET `url` with ck/cs (token tk/ts), a fixed timestamp and nonce. */
static oauth1_result sign_fixed(const oauth1_signer *s, const char *method, const char *url,
                                const char *body, const char *content_type, const char *timestamp,
                                oauth1_signed **out) {
    oauth1_sign_options *o = NULL;
    oauth1_result rc = oauth1_sign_options_new(&o);
    if (rc == OK) rc = oauth1_sign_options_set_timestamp(o, OAUTH1_GENERATED_FIXED, timestamp);
    if (rc == OK) rc = oauth1_sign_options_set_nonce(o, OAUTH1_GENERATED_FIXED, "n0nce");
    if (rc == OK)
        rc = oauth1_signer_sign(s, method, url, (const uint8_t *)body, body ? strlen(body) : 0,
                                content_type, o, out);
    oauth1_sign_options_free(o);
    return rc;
}

static oauth1_signer *rule_signer(const char *realm, const char *body_hash_policy) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = NULL;
    CHECK_RC(oauth1_signer_builder_new("ck", "cs", &b), OK);
    CHECK_RC(oauth1_signer_builder_set_token(b, "tk", "ts"), OK);
    if (realm) CHECK_RC(oauth1_signer_builder_set_realm(b, realm), OK);
    if (body_hash_policy) CHECK_RC(oauth1_signer_builder_set_body_hash_policy(b, body_hash_policy), OK);
    CHECK_RC(oauth1_signer_builder_build(b, &s), OK);
    oauth1_signer_builder_free(b);
    return s;
}

/* Verifies a request to `url` carrying `authorization` (NULL: parameters in the URL). */
static oauth1_result verify_rule(const char *url, const char *authorization, char **realm_out) {
    oauth1_verifier *v = NULL;
    oauth1_credentials *c = NULL;
    oauth1_nonce_store *n = NULL;
    oauth1_verified *ok = NULL;
    oauth1_problem *pr = NULL;
    CHECK_RC(oauth1_verifier_new(&v), OK);
    CHECK_RC(oauth1_verifier_set_clock(v, 1700000000), OK);
    CHECK_RC(oauth1_credentials_new(&c), OK);
    CHECK_RC(oauth1_credentials_add_consumer(c, "ck", "cs", NULL), OK);
    CHECK_RC(oauth1_credentials_add_token(c, "tk", "ts", "ck"), OK);
    CHECK_RC(oauth1_nonce_store_new(&n), OK);
    oauth1_result rc = oauth1_verifier_verify(v, c, n, "GET", url, authorization, NULL, 0, NULL, &ok, &pr);
    if (rc == OK && realm_out) {
        if (oauth1_verified_realm(ok, realm_out) != OK) *realm_out = NULL;
    }
    if (pr) {
        char *msg = NULL;
        if (oauth1_problem_message(pr, &msg) == OK) fprintf(stderr, "problem: %s\n", msg);
        oauth1_string_free(msg);
    }
    oauth1_verified_free(ok);
    oauth1_problem_free(pr);
    oauth1_nonce_store_free(n);
    oauth1_credentials_free(c);
    oauth1_verifier_free(v);
    return rc;
}

static void test_rule_body_hash_policy(void) {
    oauth1_signed *sr = NULL;
    char *header = NULL;
    const char *json = "{\"a\": 1}";
    /* Default off, as requests-oauthlib: a JSON POST carries no oauth_body_hash. */
    oauth1_signer *off = rule_signer(NULL, NULL);
    CHECK_RC(sign_fixed(off, "POST", "https://a.example/r", json, "application/json", "1700000000", &sr), OK);
    CHECK_RC(oauth1_signed_authorization_header(sr, &header), OK);
    CHECK(header && strstr(header, "oauth_body_hash") == NULL);
    oauth1_string_free(header);
    oauth1_signed_free(sr);
    oauth1_signer_free(off);
    /* non-form: a non-empty non-form body is hashed, a form body is not. */
    oauth1_signer *non_form = rule_signer(NULL, "non-form");
    CHECK_RC(sign_fixed(non_form, "POST", "https://a.example/r", json, "application/json", "1700000000", &sr), OK);
    CHECK_RC(oauth1_signed_authorization_header(sr, &header), OK);
    CHECK(header && strstr(header, "oauth_body_hash=") != NULL);
    oauth1_string_free(header);
    oauth1_signed_free(sr);
    CHECK_RC(sign_fixed(non_form, "POST", "https://a.example/r", "a=1",
                        "application/x-www-form-urlencoded", "1700000000", &sr), OK);
    CHECK_RC(oauth1_signed_authorization_header(sr, &header), OK);
    CHECK(header && strstr(header, "oauth_body_hash") == NULL);
    oauth1_string_free(header);
    oauth1_signed_free(sr);
    oauth1_signer_free(non_form);
    /* always: a form body is refused. */
    oauth1_signer *always = rule_signer(NULL, "always");
    sr = SENTINEL;
    CHECK_RC(sign_fixed(always, "POST", "https://a.example/r", "a=1",
                        "application/x-www-form-urlencoded", "1700000000", &sr),
             OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(sr == SENTINEL);
    oauth1_signer_free(always);
    /* An unknown policy is refused by name. */
    oauth1_signer_builder *b = NULL;
    CHECK_RC(oauth1_signer_builder_new("ck", "cs", &b), OK);
    CHECK_RC(oauth1_signer_builder_set_body_hash_policy(b, "sometimes"), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(strstr(last_error(), "\"sometimes\"") != NULL);
    CHECK_RC(oauth1_signer_builder_set_body_hash_policy(b, NULL), OAUTH1_RESULT_NULL_PARAMETER);
    oauth1_signer_builder_free(b);
}

static void test_rule_timestamp_positive_integer(void) {
    oauth1_signer *s = rule_signer(NULL, NULL);
    char nines[101];
    memset(nines, '9', 100);
    nines[100] = '\0';
    const char *bad[] = {"abc", "-5", nines, "0", ""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        oauth1_signed *sr = SENTINEL;
        CHECK_RC(sign_fixed(s, "GET", "https://a.example/r", NULL, NULL, bad[i], &sr),
                 OAUTH1_RESULT_INVALID_PARAMETER);
        CHECK(sr == SENTINEL);
        CHECK(strstr(last_error(), "oauth_timestamp") != NULL);
    }
    oauth1_signer_free(s);
}

static void test_rule_consumer_key_empty_refused(void) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = SENTINEL;
    CHECK_RC(oauth1_signer_builder_new("", "cs", &b), OK);
    CHECK_RC(oauth1_signer_builder_build(b, &s), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(s == SENTINEL);
    CHECK(strstr(last_error(), "consumer_key is empty") != NULL);
    oauth1_signer_builder_free(b);
}

static void test_rule_protocol_names_in_query_or_form_refused(void) {
    oauth1_signer *s = rule_signer(NULL, NULL);
    oauth1_signed *sr = SENTINEL;
    CHECK_RC(sign_fixed(s, "GET", "https://a.example/r?a=1&oauth_token=x", NULL, NULL, "1700000000", &sr),
             OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(strstr(last_error(), "\"oauth_token\"") != NULL);
    CHECK_RC(sign_fixed(s, "POST", "https://a.example/r", "oauth_callback=oob",
                        "application/x-www-form-urlencoded", "1700000000", &sr),
             OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(strstr(last_error(), "\"oauth_callback\"") != NULL);
    CHECK(sr == SENTINEL);
    oauth1_signer_free(s);
}

static void test_rule_signed_url_round_trips_query_ending_in_question_mark(void) {
    oauth1_signer *s = rule_signer(NULL, NULL);
    oauth1_signed *sr = NULL;
    char *url = NULL;
    CHECK_RC(sign_fixed(s, "GET", "https://a.example/?x=1&y=2?", NULL, NULL, "1700000000", &sr), OK);
    CHECK_RC(oauth1_signed_url(sr, &url), OK);
    CHECK(url && strncmp(url, "https://a.example/?x=1&y=2?&oauth_consumer_key=ck&", 50) == 0);
    if (url) CHECK_RC(verify_rule(url, NULL, NULL), OK);
    oauth1_string_free(url);
    oauth1_signed_free(sr);
    oauth1_signer_free(s);
}

static void test_rule_realm_htab_and_non_ascii(void) {
    oauth1_signed *sr = NULL;
    char *header = NULL, *realm = NULL;
    oauth1_signer *tab = rule_signer("Photos\tEU", NULL);
    CHECK_RC(sign_fixed(tab, "GET", "https://a.example/r", NULL, NULL, "1700000000", &sr), OK);
    CHECK_RC(oauth1_signed_authorization_header(sr, &header), OK);
    CHECK(header && strncmp(header, "OAuth realm=\"Photos\tEU\", ", 25) == 0);
    if (header) CHECK_RC(verify_rule("https://a.example/r", header, &realm), OK);
    CHECK(realm && strcmp(realm, "Photos\tEU") == 0);
    oauth1_string_free(realm);
    oauth1_string_free(header);
    oauth1_signed_free(sr);
    oauth1_signer_free(tab);
    oauth1_signer *tokyo = rule_signer("\xe6\x9d\xb1\xe4\xba\xac", NULL);
    CHECK_RC(sign_fixed(tokyo, "GET", "https://a.example/r", NULL, NULL, "1700000000", &sr), OK);
    CHECK_RC(oauth1_signed_authorization_header(sr, &header), OK);
    CHECK(header && strncmp(header, "OAuth realm=\"%E6%9D%B1%E4%BA%AC\", ", 34) == 0);
    oauth1_string_free(header);
    oauth1_signed_free(sr);
    oauth1_signer_free(tokyo);
    /* CR, LF and the other control characters stay refused. */
    oauth1_signer_builder *b = NULL;
    oauth1_signer *s = SENTINEL;
    CHECK_RC(oauth1_signer_builder_new("ck", "cs", &b), OK);
    CHECK_RC(oauth1_signer_builder_set_realm(b, "a\rb"), OK);
    CHECK_RC(oauth1_signer_builder_build(b, &s), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(s == SENTINEL);
    oauth1_signer_builder_free(b);
}

static void test_rule_parse_callback_for_request_token(void) {
    char *token = NULL, *verifier = NULL;
    CHECK_RC(oauth1_parse_callback_for("https://c.example/cb?oauth_token=rt&oauth_verifier=v", "rt",
                                       &token, &verifier),
             OK);
    CHECK(token && strcmp(token, "rt") == 0 && verifier && strcmp(verifier, "v") == 0);
    oauth1_string_free(token);
    oauth1_string_free(verifier);
    token = verifier = SENTINEL;
    CHECK_RC(oauth1_parse_callback_for("oauth_token=other&oauth_verifier=v", "rt", &token, &verifier),
             OAUTH1_RESULT_INVALID_RESPONSE);
    CHECK(strstr(last_error(), "\"other\"") != NULL);
    CHECK(token == SENTINEL && verifier == SENTINEL);
    CHECK_RC(oauth1_parse_callback_for("oauth_token=rt&oauth_verifier=v", NULL, &token, &verifier),
             OAUTH1_RESULT_NULL_PARAMETER);
}

/* ---- the provider: oauth1_provider_* -------------------------------------- */

static char *response_field(const oauth1_provider_response *response, const char *name) {
    char *value = NULL;
    if (oauth1_provider_response_get(response, name, &value) != OK) return NULL;
    return value;
}

static uint16_t response_status(const oauth1_provider_response *response) {
    uint16_t status = 0;
    CHECK_RC(oauth1_provider_response_status(response, &status), OK);
    return status;
}

static char *response_body(const oauth1_provider_response *response) {
    char *body = NULL;
    CHECK_RC(oauth1_provider_response_body(response, &body), OK);
    return body;
}

/* Signs with `signer` (request token when verifier is NULL, else access
 * token) and posts it to the provider's endpoint. */
static oauth1_provider_response *post_signed(const oauth1_provider *provider,
                                             const oauth1_signer *signer, const char *url,
                                             const char *callback, const char *verifier) {
    oauth1_signed *signed_ = NULL;
    if (verifier)
        CHECK_RC(oauth1_signer_access_token_request(signer, url, verifier, &signed_), OK);
    else
        CHECK_RC(oauth1_signer_request_token_request(signer, url, callback, &signed_), OK);
    char *authorization = NULL;
    CHECK_RC(oauth1_signed_authorization_header(signed_, &authorization), OK);
    oauth1_header headers[] = {{"Authorization", authorization}, {"Host", "p.example"}};
    oauth1_provider_response *response = NULL;
    if (verifier)
        CHECK_RC(oauth1_provider_access_token(provider, "POST", url, headers, 2, NULL, 0, &response), OK);
    else
        CHECK_RC(oauth1_provider_request_token(provider, "POST", url, headers, 2, NULL, 0, &response), OK);
    oauth1_string_free(authorization);
    oauth1_signed_free(signed_);
    return response;
}

static void test_provider_three_legged_flow(void) {
    oauth1_provider *provider = NULL;
    CHECK_RC(oauth1_provider_new(NULL, "Example", &provider), OK);
    CHECK_RC(oauth1_provider_add_consumer(provider, "ck", "My App", "cs", NULL), OK);
    /* A consumer needs a secret and/or an RSA key: the core's one rule. */
    CHECK_RC(oauth1_provider_add_consumer(provider, "none", NULL, NULL, NULL),
             OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK_RC(oauth1_provider_add_consumer(provider, "bad", NULL, NULL, "x"), OAUTH1_RESULT_INVALID_KEY);
    oauth1_signer_builder *builder = NULL;
    oauth1_signer *consumer = NULL;
    CHECK_RC(oauth1_signer_builder_new("ck", "cs", &builder), OK);
    CHECK_RC(oauth1_signer_builder_build(builder, &consumer), OK);
    oauth1_signer_builder_free(builder);

    /* s2.1 */
    oauth1_provider_response *issued =
        post_signed(provider, consumer, "https://p.example/request_token", "https://c.example/cb?", NULL);
    CHECK(response_status(issued) == 200);
    char *body = response_body(issued);
    oauth1_token_response *request_token = NULL;
    CHECK_RC(oauth1_parse_token_response((const uint8_t *)body, strlen(body), true, &request_token), OK);
    char *token = NULL, *token_secret = NULL;
    CHECK_RC(oauth1_token_response_token(request_token, &token), OK);
    CHECK_RC(oauth1_token_response_token_secret(request_token, &token_secret), OK);

    /* s2.2: the page's fields, then the decision with the page's form guard. */
    oauth1_provider_response *page = NULL;
    CHECK_RC(oauth1_provider_authorization(provider, token, &page), OK);
    CHECK(response_status(page) == 200);
    char *name = response_field(page, "consumer_name");
    char *guard = response_field(page, "form_guard");
    CHECK(name && strcmp(name, "My App") == 0);
    oauth1_provider_response *forged = NULL;
    CHECK_RC(oauth1_provider_decide(provider, token, true, "ada", "forged", &forged), OK);
    CHECK(response_status(forged) == 403);
    oauth1_provider_response *decided = NULL;
    CHECK_RC(oauth1_provider_decide(provider, token, true, "ada", guard, &decided), OK);
    CHECK(response_status(decided) == 303);
    char *location = response_field(decided, "location");
    /* A callback whose query ends in '?' gets no empty pair. */
    CHECK(location && strncmp(location, "https://c.example/cb?oauth_token=rt_", 36) == 0);
    char *cb_token = NULL, *verifier = NULL;
    CHECK_RC(oauth1_parse_callback_for(location, token, &cb_token, &verifier), OK);

    /* s2.3, once. */
    oauth1_signer *with_request_token = NULL;
    CHECK_RC(oauth1_signer_with_token(consumer, token, token_secret, &with_request_token), OK);
    oauth1_provider_response *access =
        post_signed(provider, with_request_token, "https://p.example/access_token", NULL, verifier);
    CHECK(response_status(access) == 200);
    oauth1_provider_response *again =
        post_signed(provider, with_request_token, "https://p.example/access_token", NULL, verifier);
    CHECK(response_status(again) == 401);
    char *problem = response_field(again, "oauth_problem");
    char *www = response_field(again, "www-authenticate");
    CHECK(problem && strcmp(problem, "token_used") == 0);
    CHECK(www && strcmp(www, "OAuth realm=\"Example\"") == 0);
    char *again_body = response_body(again);
    CHECK(again_body && strstr(again_body, "&oauth_problem_advice=") != NULL);

    /* A protected resource with the access token. */
    char *access_body = response_body(access);
    oauth1_token_response *access_token = NULL;
    CHECK_RC(oauth1_parse_token_response((const uint8_t *)access_body, strlen(access_body), false,
                                         &access_token), OK);
    char *at = NULL, *at_secret = NULL;
    CHECK_RC(oauth1_token_response_token(access_token, &at), OK);
    CHECK_RC(oauth1_token_response_token_secret(access_token, &at_secret), OK);
    oauth1_signer *with_access_token = NULL;
    CHECK_RC(oauth1_signer_with_token(consumer, at, at_secret, &with_access_token), OK);
    oauth1_signed *signed_ = NULL;
    CHECK_RC(oauth1_signer_sign(with_access_token, "GET", "https://p.example/api/me", NULL, 0, NULL, NULL, &signed_), OK);
    char *authorization = NULL;
    CHECK_RC(oauth1_signed_authorization_header(signed_, &authorization), OK);
    oauth1_header headers[] = {{"Authorization", authorization}};
    oauth1_provider_response *me = NULL;
    CHECK_RC(oauth1_provider_authenticate(provider, "GET", "https://p.example/api/me", headers, 1, NULL, 0, &me), OK);
    CHECK(response_status(me) == 200);
    char *user = response_field(me, "user");
    CHECK(user && strcmp(user, "ada") == 0);
    bool revoked = false;
    CHECK_RC(oauth1_provider_revoke(provider, at, &revoked), OK);
    CHECK(revoked);
    char *missing = SENTINEL;
    CHECK_RC(oauth1_provider_response_get(me, "nope", &missing), OAUTH1_RESULT_NOT_FOUND);
    CHECK(missing == SENTINEL);

    char *strings[] = {body, token, token_secret, name, guard, location, cb_token, verifier,
                       problem, www, again_body, access_body, at, at_secret, authorization, user};
    for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) oauth1_string_free(strings[i]);
    oauth1_provider_response *responses[] = {issued, page, forged, decided, access, again, me};
    for (size_t i = 0; i < sizeof responses / sizeof responses[0]; i++)
        oauth1_provider_response_free(responses[i]);
    oauth1_signed_free(signed_);
    oauth1_token_response_free(request_token);
    oauth1_token_response_free(access_token);
    oauth1_signer_free(with_access_token);
    oauth1_signer_free(with_request_token);
    oauth1_signer_free(consumer);
    oauth1_provider_free(provider);
}

static void test_provider_stores_and_null_arguments(void) {
    oauth1_provider *provider = SENTINEL;
    CHECK_RC(oauth1_provider_new("mysql://x", NULL, &provider), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(provider == SENTINEL);
    CHECK_RC(oauth1_provider_new(NULL, NULL, NULL), OAUTH1_RESULT_NULL_PARAMETER);
    /* A Redis that is down: the endpoints answer 503 naming it, nothing is accepted. */
    CHECK_RC(oauth1_provider_new("redis://127.0.0.1:1/0", NULL, &provider), OK);
    CHECK_RC(oauth1_provider_add_consumer(provider, "ck", NULL, "cs", NULL), OK);
    oauth1_signer_builder *builder = NULL;
    oauth1_signer *consumer = NULL;
    CHECK_RC(oauth1_signer_builder_new("ck", "cs", &builder), OK);
    CHECK_RC(oauth1_signer_builder_build(builder, &consumer), OK);
    oauth1_signer_builder_free(builder);
    oauth1_provider_response *down =
        post_signed(provider, consumer, "https://p.example/request_token", "oob", NULL);
    CHECK(response_status(down) == 503);
    char *body = response_body(down);
    CHECK(body && strstr(body, "redis://127.0.0.1:1/0") != NULL);
    oauth1_string_free(body);
    oauth1_provider_response_free(down);
    oauth1_provider_response *page = NULL;
    CHECK_RC(oauth1_provider_authorization(provider, "rt_x", &page), OK);
    CHECK(response_status(page) == 503);
    oauth1_provider_response_free(page);
    CHECK_RC(oauth1_provider_decide(provider, "rt_x", true, NULL, NULL, &page), OAUTH1_RESULT_NULL_PARAMETER);
    CHECK_RC(oauth1_provider_request_token(NULL, "POST", "https://p.example/", NULL, 0, NULL, 0, &page),
             OAUTH1_RESULT_NULL_PARAMETER);
    CHECK_RC(oauth1_provider_authorization(provider, "\xff", &page), OAUTH1_RESULT_INVALID_UTF8);
    oauth1_signer_free(consumer);
    oauth1_provider_free(provider);
    oauth1_provider_free(NULL);
    oauth1_provider_response_free(NULL);
}

/* Nonces after fork(): the library's pthread_atfork handler makes a forked
 * child key its nonce generator afresh, so parent and child never send the
 * same nonce even though the child starts with a copy of the parent's
 * generator (a buffered stream). */
#define FORK_DRAWS 500
#define NONCE_LEN 32

static void draw_nonces(const oauth1_signer *s, char (*out)[NONCE_LEN + 1]) {
    for (int i = 0; i < FORK_DRAWS; i++) {
        oauth1_signed *signed_ = NULL;
        char *name = NULL, *value = NULL;
        out[i][0] = '\0';
        if (oauth1_signer_sign(s, "GET", "https://api.example.com/r", NULL, 0, NULL, NULL, &signed_) != OK)
            continue;
        size_t count = 0;
        oauth1_signed_oauth_parameter_count(signed_, &count);
        for (size_t k = 0; k < count; k++) {
            if (oauth1_signed_oauth_parameter(signed_, k, &name, &value) != OK) continue;
            if (strcmp(name, "oauth_nonce") == 0 && strlen(value) == NONCE_LEN)
                memcpy(out[i], value, NONCE_LEN + 1);
            oauth1_string_free(name);
            oauth1_string_free(value);
        }
        oauth1_signed_free(signed_);
    }
}

static void test_nonces_after_fork(void) {
    static char parent[FORK_DRAWS][NONCE_LEN + 1], child[FORK_DRAWS][NONCE_LEN + 1];
    oauth1_signer *s = standard_signer();
    draw_nonces(s, parent); /* the generator holds buffered output now */
    int fds[2];
    CHECK(pipe(fds) == 0);
    pid_t pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        draw_nonces(s, child);
        ssize_t want = (ssize_t)sizeof child, sent = 0;
        while (sent < want) {
            ssize_t n = write(fds[1], (const char *)child + sent, (size_t)(want - sent));
            if (n <= 0) _exit(1);
            sent += n;
        }
        _exit(0);
    }
    close(fds[1]);
    draw_nonces(s, parent);
    size_t got = 0;
    while (got < sizeof child) {
        ssize_t n = read(fds[0], (char *)child + got, sizeof child - got);
        if (n <= 0) break;
        got += (size_t)n;
    }
    close(fds[0]);
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0);
    CHECK(got == sizeof child);
    int shared = 0, missing = 0;
    for (int i = 0; i < FORK_DRAWS; i++) {
        if (!child[i][0] || !parent[i][0]) missing++;
        for (int j = 0; j < FORK_DRAWS; j++)
            if (child[i][0] && strcmp(child[i], parent[j]) == 0) shared++;
    }
    CHECK(missing == 0);
    CHECK(shared == 0);
    oauth1_signer_free(s);
}

int main(void) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_version();
    test_standard_request();
    test_result_codes();
    test_null_arguments();
    test_invalid_utf8();
    test_empty_and_large_inputs();
    test_double_init();
    test_nonce_and_version_options();
    test_token_flow();
    test_last_error_message();
    test_threads();
    test_verify_standard_request();
    test_verify_stateful();
    test_verify_every_problem();
    test_verify_methods();
    test_verify_headers();
    test_received_url();
    test_verify_callbacks();
    test_verify_null_arguments();
    test_verified_null_outputs();
    test_verify_invalid_utf8();
    test_verify_threads();
    test_rule_body_hash_policy();
    test_rule_timestamp_positive_integer();
    test_rule_consumer_key_empty_refused();
    test_rule_protocol_names_in_query_or_form_refused();
    test_rule_signed_url_round_trips_query_ending_in_question_mark();
    test_rule_realm_htab_and_non_ascii();
    test_rule_parse_callback_for_request_token();
    test_provider_three_legged_flow();
    test_provider_stores_and_null_arguments();
    test_nonces_after_fork();
    printf("c unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
