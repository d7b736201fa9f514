/*
 * C unit tests of liboauth1 for what the conformance vectors do not reach:
 * NULL handles and strings, invalid UTF-8, empty and 1 MiB inputs, every
 * result code and its message, double initialisation, outputs left alone on
 * failure, the token flow, the last-error message, and 8 threads signing with
 * one shared signer. Also run under ASan+UBSan and valgrind by mk/c.mk.
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

static int passed, failed;

static const char *last_error(void) {
    static _Thread_local char buf[1024];
    oauth1_last_error_message(buf, sizeof buf);
    return buf;
}

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (cond) {                                                                  \
            passed++;                                                                \
        } else {                                                                     \
            failed++;                                                                \
            fprintf(stderr, "FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond);          \
        }                                                                            \
    } while (0)

#define CHECK_RC(call, want)                                                          \
    do {                                                                              \
        oauth1_result rc_ = (call);                                                   \
        if (rc_ == (oauth1_result)(want)) {                                           \
            passed++;                                                                 \
        } else {                                                                      \
            failed++;                                                                 \
            fprintf(stderr, "FAIL %s:%d: %s gave %u (%s), expected %u\n", __FILE__,   \
                    __LINE__, #call, (unsigned)rc_, last_error(), (unsigned)(want));  \
        }                                                                             \
    } while (0)

#define OK OAUTH1_RESULT_OK

/* A value no output may take unless written: outputs stay untouched on failure. */
#define SENTINEL ((void *)&passed)

/* ---- the standard request (issue "The core") ----------------------------- */

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
    CHECK_RC(oauth1_sign_options_set_nonce(o, OAUTH1_GENERATED_OMIT, NULL), OK);
    CHECK_RC(oauth1_sign_options_set_timestamp(o, OAUTH1_GENERATED_OMIT, NULL), OK);
    CHECK_RC(sign_standard(second, o, &a), OK);
    CHECK_RC(oauth1_signed_oauth_query(a, &str), OK);
    CHECK(strstr(str, "oauth_nonce") == NULL && strstr(str, "oauth_timestamp") == NULL);
    oauth1_string_free(str);
    oauth1_signed_free(a);
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
    printf("c unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
