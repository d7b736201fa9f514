/*
 * sign_request: signs one HTTP request with liboauth1 and prints the
 * Authorization header and a ready-to-run curl command.
 *
 *   sign_request [METHOD URL [FORM_BODY]]
 *
 * Credentials come from OAUTH1_CONSUMER_KEY, OAUTH1_CONSUMER_SECRET,
 * OAUTH1_TOKEN and OAUTH1_TOKEN_SECRET (demo values when unset); the
 * signature method from OAUTH1_SIGNATURE_METHOD (HMAC-SHA1 by default).
 * OAUTH1_TIMESTAMP and OAUTH1_NONCE fix those values (tests, replays).
 *
 * Build: cc sign_request.c $(pkg-config --cflags --libs oauth1) -o sign_request
 */
#include <oauth1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *env_or(const char *name, const char *fallback) {
    const char *v = getenv(name);
    return v != NULL ? v : fallback;
}

/* Prints why the last call failed and exits. */
static void fail(const char *what, oauth1_result r) {
    char detail[512];
    oauth1_last_error_message(detail, sizeof detail);
    fprintf(stderr, "%s: %s (%s)\n", what, oauth1_result_str(r), detail);
    exit(1);
}

/* Prints s in single quotes for a POSIX shell. */
static void print_quoted(const char *s) {
    putchar('\'');
    for (; *s; s++) {
        if (*s == '\'')
            fputs("'\\''", stdout);
        else
            putchar(*s);
    }
    putchar('\'');
}

int main(int argc, char **argv) {
    const char *method = argc > 2 ? argv[1] : "GET";
    const char *url = argc > 2 ? argv[2] : "https://api.example.com/v1/status?verbose=true";
    const char *body = argc > 3 ? argv[3] : NULL;

    oauth1_signer_builder *builder = NULL;
    oauth1_signer *signer = NULL;
    oauth1_sign_options *options = NULL;
    oauth1_signed *signed_request = NULL;
    char *header = NULL;
    oauth1_result r;

    r = oauth1_signer_builder_new(env_or("OAUTH1_CONSUMER_KEY", "demo-consumer-key"),
                                  env_or("OAUTH1_CONSUMER_SECRET", "demo-consumer-secret"),
                                  &builder);
    if (r != OAUTH1_RESULT_OK) fail("consumer", r);
    r = oauth1_signer_builder_set_token(builder, env_or("OAUTH1_TOKEN", "demo-token"),
                                        env_or("OAUTH1_TOKEN_SECRET", "demo-token-secret"));
    if (r != OAUTH1_RESULT_OK) fail("token", r);
    r = oauth1_signer_builder_set_signature_method(
        builder, env_or("OAUTH1_SIGNATURE_METHOD", "HMAC-SHA1"));
    if (r != OAUTH1_RESULT_OK) fail("signature method", r);
    r = oauth1_signer_builder_build(builder, &signer);
    oauth1_signer_builder_free(builder);
    if (r != OAUTH1_RESULT_OK) fail("building the signer", r);

    /* Fresh timestamp and nonce unless fixed from the environment. */
    r = oauth1_sign_options_new(&options);
    if (r == OAUTH1_RESULT_OK && getenv("OAUTH1_TIMESTAMP") != NULL)
        r = oauth1_sign_options_set_timestamp(options, OAUTH1_GENERATED_FIXED,
                                              getenv("OAUTH1_TIMESTAMP"));
    if (r == OAUTH1_RESULT_OK && getenv("OAUTH1_NONCE") != NULL)
        r = oauth1_sign_options_set_nonce(options, OAUTH1_GENERATED_FIXED, getenv("OAUTH1_NONCE"));
    if (r != OAUTH1_RESULT_OK) fail("options", r);

    r = oauth1_signer_sign(signer, method, url, (const uint8_t *)body, body ? strlen(body) : 0,
                           body ? "application/x-www-form-urlencoded" : NULL, options,
                           &signed_request);
    if (r != OAUTH1_RESULT_OK) fail("signing", r);
    r = oauth1_signed_authorization_header(signed_request, &header);
    if (r != OAUTH1_RESULT_OK) fail("header", r);

    printf("Authorization: %s\n\n", header);
    printf("curl -X %s ", method);
    fputs("-H ", stdout);
    {
        /* "Authorization: " + header, quoted as one argument. */
        size_t len = strlen("Authorization: ") + strlen(header) + 1;
        char *arg = malloc(len);
        if (arg == NULL) return 1;
        snprintf(arg, len, "Authorization: %s", header);
        print_quoted(arg);
        free(arg);
    }
    if (body != NULL) {
        fputs(" -H 'Content-Type: application/x-www-form-urlencoded' --data-raw ", stdout);
        print_quoted(body);
    }
    putchar(' ');
    print_quoted(url);
    putchar('\n');

    oauth1_string_free(header);
    oauth1_signed_free(signed_request);
    oauth1_sign_options_free(options);
    oauth1_signer_free(signer);
    return 0;
}
