/*
 * netsuite_tba: NetSuite token-based authentication (TBA) with liboauth1:
 * HMAC-SHA256, the account id as realm (e.g. 1234567_SB1 for a sandbox),
 * consumer and token credentials from the integration record and the access
 * token. Prints the Authorization header, and the base string and signature
 * that NetSuite's "invalid login" answer never shows you.
 *
 *   netsuite_tba [METHOD URL [FORM_BODY]]
 *
 * NETSUITE_ACCOUNT, NETSUITE_CONSUMER_KEY, NETSUITE_CONSUMER_SECRET,
 * NETSUITE_TOKEN_ID and NETSUITE_TOKEN_SECRET give the credentials (demo
 * values when unset); OAUTH1_TIMESTAMP and OAUTH1_NONCE fix those values.
 *
 * Build: cc netsuite_tba.c $(pkg-config --cflags --libs oauth1) -o netsuite_tba
 */
#include <oauth1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *env_or(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v != NULL ? v : fallback;
}

static int check(oauth1_result r, const char *what) {
    if (r == OAUTH1_RESULT_OK) return 1;
    char detail[512];
    oauth1_last_error_message(detail, sizeof detail);
    fprintf(stderr, "%s: %s (%s)\n", what, oauth1_result_str(r), detail);
    return 0;
}

int main(int argc, char **argv) {
    const char *account = env_or("NETSUITE_ACCOUNT", "1234567_SB1");
    const char *method = argc > 2 ? argv[1] : "GET";
    const char *url =
        argc > 2 ? argv[2]
                 : "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer?limit=5";
    const char *body = argc > 3 ? argv[3] : NULL;
    int ok = 1;

    oauth1_signer_builder *builder = NULL;
    oauth1_signer *signer = NULL;
    oauth1_sign_options *options = NULL;
    oauth1_signed *req = NULL;
    char *header = NULL, *base = NULL, *signature = NULL;

    ok = ok && check(oauth1_signer_builder_new(env_or("NETSUITE_CONSUMER_KEY", "ck_5f4dcc3b5aa765d61d8327deb882cf99"),
                                               env_or("NETSUITE_CONSUMER_SECRET", "cs_2c26b46b68ffc68ff99b453c1d30413413422d706"),
                                               &builder),
                     "consumer");
    ok = ok && check(oauth1_signer_builder_set_token(builder, env_or("NETSUITE_TOKEN_ID", "tk_6b86b273ff34fce19d6b804eff5a3f57"),
                                                     env_or("NETSUITE_TOKEN_SECRET", "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b")),
                     "token");
    ok = ok && check(oauth1_signer_builder_set_signature_method(builder, "HMAC-SHA256"), "method");
    ok = ok && check(oauth1_signer_builder_set_realm(builder, account), "realm");
    ok = ok && check(oauth1_signer_builder_build(builder, &signer), "signer");
    ok = ok && check(oauth1_sign_options_new(&options), "options");
    if (ok && getenv("OAUTH1_TIMESTAMP") != NULL)
        ok = check(oauth1_sign_options_set_timestamp(options, OAUTH1_GENERATED_FIXED, getenv("OAUTH1_TIMESTAMP")),
                   "timestamp");
    if (ok && getenv("OAUTH1_NONCE") != NULL)
        ok = check(oauth1_sign_options_set_nonce(options, OAUTH1_GENERATED_FIXED, getenv("OAUTH1_NONCE")), "nonce");
    ok = ok && check(oauth1_signer_sign(signer, method, url, (const uint8_t *)body, body ? strlen(body) : 0,
                                        body ? "application/x-www-form-urlencoded" : NULL, options, &req),
                     "signing");
    ok = ok && check(oauth1_signed_authorization_header(req, &header), "header");
    ok = ok && check(oauth1_signed_base_string(req, &base), "base string");
    ok = ok && check(oauth1_signed_signature(req, &signature), "signature");
    if (ok) {
        printf("%s %s\n", method, url);
        printf("Authorization: %s\n\n", header);
        printf("base string: %s\n", base);
        printf("signature:   %s\n", signature);
    }

    oauth1_string_free(signature);
    oauth1_string_free(base);
    oauth1_string_free(header);
    oauth1_signed_free(req);
    oauth1_sign_options_free(options);
    oauth1_signer_free(signer);
    oauth1_signer_builder_free(builder);
    return ok ? 0 : 1;
}
