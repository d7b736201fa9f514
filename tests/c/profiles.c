/*
 * C tests of liboauth1's provider profiles: every profile listed and
 * described, a sign-then-verify round trip per profile (a signer from
 * oauth1_signer_builder_new_for_profile, a verifier from
 * oauth1_verifier_new_for_profile), the NetSuite contract request (a fixed POST with its expected signature),
 * X's published example through the x profile, monotonic timestamps, and
 * NetSuite's SOAP TokenPassport (tests/conformance/profiles/token_passport.json).
 * Also run under ASan+UBSan and valgrind by mk/c.mk.
 *
 * Prints "c profiles: N passed, M failed" and exits non-zero on any failure.
 */
#include <oauth1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static int contains(const char *haystack, const char *needle) {
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

/* Signs one form POST with the profile's signer and verifies it with the
 * profile's verifier, in the profile's transmission. */
static void round_trip(const char *name) {
    char *account_kind = NULL, *transmission = NULL, *method = NULL;
    CHECK_RC(oauth1_profile_get(name, "account", &account_kind), OK);
    CHECK_RC(oauth1_profile_get(name, "transmission", &transmission), OK);
    CHECK_RC(oauth1_profile_get(name, "default_signature_method", &method), OK);
    const char *account = NULL;
    if (account_kind && strcmp(account_kind, "store-url") == 0) account = "https://shop.example.com";
    if (account_kind && strcmp(account_kind, "netsuite-account-id") == 0) account = "1234567-sb1";

    oauth1_signer_builder *builder = NULL;
    oauth1_signer *signer = NULL;
    CHECK_RC(oauth1_signer_builder_new_for_profile(name, "ck", "cs", account, &builder), OK);
    CHECK_RC(oauth1_signer_builder_set_token(builder, "tk", "ts"), OK);
    CHECK_RC(oauth1_signer_builder_build(builder, &signer), OK);

    const char *url = "https://api.example.com/v1/items?limit=5";
    const char *form = "title=Hello%20world&n=1";
    const char *ct = "application/x-www-form-urlencoded";
    oauth1_signed *signed_ = NULL;
    CHECK_RC(oauth1_signer_sign(signer, "POST", url, (const uint8_t *)form, strlen(form), ct, NULL, &signed_), OK);

    char *header = NULL, *signed_url = NULL, *body = NULL;
    const char *v_url = url, *v_auth = NULL, *v_body = form;
    if (transmission && strcmp(transmission, "query") == 0) {
        CHECK_RC(oauth1_signed_url(signed_, &signed_url), OK);
        v_url = signed_url;
    } else if (transmission && strcmp(transmission, "form") == 0) {
        CHECK_RC(oauth1_signed_form_body(signed_, &body), OK);
        v_body = body;
    } else {
        CHECK_RC(oauth1_signed_authorization_header(signed_, &header), OK);
        v_auth = header;
    }

    oauth1_verifier *verifier = NULL;
    oauth1_credentials *credentials = NULL;
    oauth1_nonce_store *nonces = NULL;
    oauth1_verified *verified = NULL;
    oauth1_problem *problem = NULL;
    CHECK_RC(oauth1_verifier_new_for_profile(name, &verifier), OK);
    CHECK_RC(oauth1_credentials_new(&credentials), OK);
    CHECK_RC(oauth1_credentials_add_consumer(credentials, "ck", "cs", NULL), OK);
    CHECK_RC(oauth1_credentials_add_token(credentials, "tk", "ts", "ck"), OK);
    CHECK_RC(oauth1_nonce_store_new(&nonces), OK);
    oauth1_result rc = oauth1_verifier_verify(verifier, credentials, nonces, "POST", v_url, v_auth,
                                              (const uint8_t *)v_body, v_body ? strlen(v_body) : 0, ct,
                                              &verified, &problem);
    if (rc != OK) fprintf(stderr, "profile %s: %s\n", name, last_error());
    CHECK(rc == OK);
    char *used = NULL;
    if (verified) {
        CHECK_RC(oauth1_verified_signature_method(verified, &used), OK);
        CHECK(used && method && strcmp(used, method) == 0);
    }
    /* A method the provider does not accept is refused by its verifier. */
    bool allowed = true;
    CHECK_RC(oauth1_verifier_is_allowed(verifier, "HMAC-SHA512", &allowed), OK);
    CHECK(!allowed);

    oauth1_string_free(used);
    oauth1_verified_free(verified);
    oauth1_problem_free(problem);
    oauth1_nonce_store_free(nonces);
    oauth1_credentials_free(credentials);
    oauth1_verifier_free(verifier);
    oauth1_string_free(header);
    oauth1_string_free(signed_url);
    oauth1_string_free(body);
    oauth1_signed_free(signed_);
    oauth1_signer_free(signer);
    oauth1_signer_builder_free(builder);
    oauth1_string_free(account_kind);
    oauth1_string_free(transmission);
    oauth1_string_free(method);
}

static oauth1_signed *sign_fixed(oauth1_signer *signer, const char *method, const char *url,
                                 const char *body, const char *ct, const char *ts, const char *nonce,
                                 oauth1_result want) {
    oauth1_sign_options *options = NULL;
    oauth1_signed *signed_ = NULL;
    CHECK_RC(oauth1_sign_options_new(&options), OK);
    CHECK_RC(oauth1_sign_options_set_timestamp(options, OAUTH1_GENERATED_FIXED, ts), OK);
    CHECK_RC(oauth1_sign_options_set_nonce(options, OAUTH1_GENERATED_FIXED, nonce), OK);
    CHECK_RC(oauth1_signer_sign(signer, method, url, (const uint8_t *)body, body ? strlen(body) : 0, ct,
                                options, &signed_),
             want);
    oauth1_sign_options_free(options);
    return signed_;
}

static void netsuite_contract(void) {
    oauth1_signer_builder *builder = NULL;
    oauth1_signer *signer = NULL;
    CHECK_RC(oauth1_signer_builder_new_for_profile("netsuite", "ck", "cs", "1234567-sb1", &builder), OK);
    CHECK_RC(oauth1_signer_builder_set_token(builder, "tk", "ts"), OK);
    CHECK_RC(oauth1_signer_builder_build(builder, &signer), OK);
    oauth1_signed *signed_ = sign_fixed(signer, "POST",
                                        "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer",
                                        "{}", "application/json", "1700000000", "abcdef123", OK);
    char *header = NULL, *signature = NULL;
    CHECK_RC(oauth1_signed_authorization_header(signed_, &header), OK);
    CHECK_RC(oauth1_signed_signature(signed_, &signature), OK);
    CHECK(contains(header, "realm=\"1234567_SB1\""));
    CHECK(contains(header, "oauth_signature_method=\"HMAC-SHA256\""));
    CHECK(!contains(header, "oauth_body_hash"));
    CHECK(signature && strcmp(signature, "6f4ZFvjpK97wSdtzZQ76ZeI3lDG42k6SYgBjMs4d7Cg=") == 0);
    /* Monotonic: an earlier fixed timestamp is refused by the same signer. */
    oauth1_signed *earlier = sign_fixed(signer, "GET", "https://1234567-sb1.suitetalk.api.netsuite.com/x", NULL,
                                        NULL, "1699999999", "abcdef124", OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(earlier == NULL);
    CHECK(contains(last_error(), "never go backwards"));
    oauth1_string_free(header);
    oauth1_string_free(signature);
    oauth1_signed_free(signed_);
    oauth1_signer_free(signer);

    /* Without an account, a NetSuite signer does not build; HMAC-SHA1 is refused. */
    oauth1_signer_builder *bare = NULL;
    oauth1_signer *none = NULL;
    CHECK_RC(oauth1_signer_builder_new_for_profile("netsuite", "ck", "cs", NULL, &bare), OK);
    CHECK_RC(oauth1_signer_builder_build(bare, &none), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK(none == NULL);
    CHECK_RC(oauth1_signer_builder_set_signature_method(builder, "HMAC-SHA1"), OK);
    CHECK_RC(oauth1_signer_builder_build(builder, &none), OAUTH1_RESULT_UNSUPPORTED_SIGNATURE_METHOD);
    oauth1_signer_builder_free(bare);
    oauth1_signer_builder_free(builder);
    CHECK_RC(oauth1_signer_builder_new_for_profile("nope", "ck", "cs", NULL, &bare), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK_RC(oauth1_signer_builder_new_for_profile(NULL, "ck", "cs", NULL, &bare), OAUTH1_RESULT_NULL_PARAMETER);
}

static void x_published_example(void) {
    oauth1_signer_builder *builder = NULL;
    oauth1_signer *signer = NULL;
    CHECK_RC(oauth1_signer_builder_new_for_profile("x", "xvz1evFS4wEEPTGEFPHBog",
                                                   "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", NULL, &builder),
             OK);
    CHECK_RC(oauth1_signer_builder_set_token(builder, "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
                                             "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"),
             OK);
    CHECK_RC(oauth1_signer_builder_build(builder, &signer), OK);
    oauth1_signed *signed_ = sign_fixed(
        signer, "POST", "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
        "status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21",
        "application/x-www-form-urlencoded", "1318622958", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", OK);
    char *signature = NULL;
    CHECK_RC(oauth1_signed_signature(signed_, &signature), OK);
    CHECK(signature && strcmp(signature, "hCtSmYh+iHYCEqBWrE7C7hYmtUk=") == 0);
    oauth1_string_free(signature);
    oauth1_signed_free(signed_);
    oauth1_signer_free(signer);
    oauth1_signer_builder_free(builder);
}

static void token_passport(void) {
    oauth1_token_passport_signer *signer = NULL;
    CHECK_RC(oauth1_token_passport_signer_new("1234567", "71cc02b731f05895561ef0862d71553a3ac99498a947c3b7beaf4a1e4a29f7c4",
                                              "7278da58caf07f5c336301a601203d10a58e948efa280f0618e25fcee1ef2abd",
                                              "89e08d9767c5ac85b374415725567d05b54ecf0960ad2470894a52f741020d82",
                                              "060cd9ab3ffbbe1e3d3918e90165ffd37ab12acc76b4691046e2d29c7d7674c2", &signer),
             OK);
    oauth1_token_passport *passport = NULL;
    CHECK_RC(oauth1_token_passport_signer_sign(signer, OAUTH1_GENERATED_FIXED, "1439829974", OAUTH1_GENERATED_FIXED,
                                               "6obMKq0tmY8ylVOdEkA1", &passport),
             OK);
    char *signature = NULL, *base = NULL, *xml = NULL, *ts = NULL, *nonce = NULL;
    CHECK_RC(oauth1_token_passport_signature(passport, &signature), OK);
    CHECK_RC(oauth1_token_passport_base_string(passport, &base), OK);
    CHECK_RC(oauth1_token_passport_xml(passport, "urn:messages_2024_2.platform.webservices.netsuite.com", &xml), OK);
    CHECK_RC(oauth1_token_passport_timestamp(passport, &ts), OK);
    CHECK_RC(oauth1_token_passport_nonce(passport, &nonce), OK);
    CHECK(signature && strcmp(signature, "FCghIZqXNetuZY8ILWOFH0ucdfzQOmAuL+q+kF21zPs=") == 0);
    CHECK(base && strncmp(base, "1234567&71cc02b7", 16) == 0);
    CHECK(contains(xml, "<tokenPassport xmlns=\"urn:messages_2024_2.platform.webservices.netsuite.com\"><account>1234567</account>"));
    CHECK(contains(xml, "<signature algorithm=\"HMAC-SHA256\">FCghIZqXNetuZY8ILWOFH0ucdfzQOmAuL+q+kF21zPs=</signature>"));
    CHECK(ts && strcmp(ts, "1439829974") == 0);
    CHECK(nonce && strcmp(nonce, "6obMKq0tmY8ylVOdEkA1") == 0);
    /* Fresh values; then an earlier fixed timestamp is refused; OMIT is refused. */
    oauth1_token_passport *fresh = NULL, *bad = NULL;
    CHECK_RC(oauth1_token_passport_signer_sign(signer, OAUTH1_GENERATED_AUTO, NULL, OAUTH1_GENERATED_AUTO, NULL, &fresh), OK);
    CHECK_RC(oauth1_token_passport_signer_sign(signer, OAUTH1_GENERATED_FIXED, "1439829973", OAUTH1_GENERATED_AUTO, NULL, &bad),
             OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK_RC(oauth1_token_passport_signer_sign(signer, OAUTH1_GENERATED_OMIT, NULL, OAUTH1_GENERATED_AUTO, NULL, &bad),
             OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK_RC(oauth1_token_passport_signer_sign(signer, OAUTH1_GENERATED_FIXED, NULL, OAUTH1_GENERATED_AUTO, NULL, &bad),
             OAUTH1_RESULT_NULL_PARAMETER);
    CHECK(bad == NULL);
    oauth1_string_free(signature);
    oauth1_string_free(base);
    oauth1_string_free(xml);
    oauth1_string_free(ts);
    oauth1_string_free(nonce);
    oauth1_token_passport_free(fresh);
    oauth1_token_passport_free(passport);
    oauth1_token_passport_signer_free(signer);
    oauth1_token_passport_signer_free(NULL);
    oauth1_token_passport_free(NULL);
}

int main(void) {
    size_t count = oauth1_profile_count();
    CHECK(count >= 13);
    const char *required[] = {"netsuite", "woocommerce", "magento2", "x", "trello", "garmin", "lti11",
                              "xero-legacy", "smugmug", "flickr", "tumblr", "discogs", "etsy-v2"};
    int found = 0;
    for (size_t i = 0; i < count; i++) {
        char *name = NULL, *summary = NULL, *docs = NULL;
        CHECK_RC(oauth1_profile_name(i, &name), OK);
        CHECK_RC(oauth1_profile_get(name, "summary", &summary), OK);
        CHECK_RC(oauth1_profile_get(name, "docs", &docs), OK);
        CHECK(summary && strlen(summary) > 10);
        CHECK(docs && strncmp(docs, "https://", 8) == 0);
        for (size_t r = 0; r < sizeof required / sizeof required[0]; r++)
            if (name && strcmp(name, required[r]) == 0) found++;
        if (name) round_trip(name);
        oauth1_string_free(name);
        oauth1_string_free(summary);
        oauth1_string_free(docs);
    }
    CHECK(found == 13);
    char *name = NULL;
    CHECK_RC(oauth1_profile_name(count, &name), OAUTH1_RESULT_NOT_FOUND);
    CHECK(name == NULL);
    CHECK_RC(oauth1_profile_get("lti11", "request_token_url", &name), OAUTH1_RESULT_NOT_FOUND);
    CHECK_RC(oauth1_profile_get("netsuite", "colour", &name), OAUTH1_RESULT_INVALID_PARAMETER);
    CHECK_RC(oauth1_profile_get("netsuite", "realm", &name), OK);
    CHECK(name && strcmp(name, "netsuite-account") == 0);
    oauth1_string_free(name);

    netsuite_contract();
    x_published_example();
    token_passport();

    printf("c profiles: %d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
