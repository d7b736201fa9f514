/*
 * A provider checking one captured request with liboauth1: signature,
 * timestamp window, replay, credentials; on refusal it prints the response
 * to send (400 or 401, WWW-Authenticate and the Problem Reporting body).
 *
 *   verify_request [--replay] [METHOD URL AUTHORIZATION [BODY [CONTENT_TYPE]]]
 *
 * Without arguments it checks a request captured from a client (the
 * project's standard request, signed with HMAC-SHA256 at 1700000000). The
 * provider knows one consumer and one access token (below). OAUTH1_NOW
 * fixes the provider's clock (Unix seconds), as when replaying recorded
 * traffic; otherwise the system clock is used, and a request captured long
 * ago is refused with timestamp_refused. With --replay the provider receives
 * the request twice, as when an eavesdropper sends it again: the second time
 * it is refused with nonce_used.
 *
 * Exit status (of the last check): 0 accepted, 1 refused (the response is
 * printed), 2 error.
 *
 * Build: cc -std=c11 verify_request.c $(pkg-config --cflags --libs oauth1)
 */
#include <oauth1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the provider knows: issued when the consumer registered and when
 * the user authorized it. */
static const char *CONSUMER_KEY = "ck_5f4dcc3b5aa765d61d8327deb882cf99";
static const char *CONSUMER_SECRET = "cs_2c26b46b68ffc68ff99b453c1d30413413422d706";
static const char *TOKEN = "tk_6b86b273ff34fce19d6b804eff5a3f57";
static const char *TOKEN_SECRET = "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b";
static const char *REALM = "api.example.com";

/* The captured request. */
static const char *METHOD = "POST";
static const char *URL =
    "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait";
static const char *AUTHORIZATION =
    "OAuth realm=\"1234567_SB1\", oauth_consumer_key=\"ck_5f4dcc3b5aa765d61d8327deb882cf99\", "
    "oauth_token=\"tk_6b86b273ff34fce19d6b804eff5a3f57\", oauth_signature_method=\"HMAC-SHA256\", "
    "oauth_timestamp=\"1700000000\", oauth_nonce=\"kllo9940pd9333jh\", oauth_version=\"1.0\", "
    "oauth_signature=\"7YW4s%2FRtwCowc9nBLyiBo%2FEfsYqdRKwcZmi%2BE0%2BWDxI%3D\"";
static const char *BODY = "status=active&tags=a%2Cb&name=John+Doe";
static const char *CONTENT_TYPE = "application/x-www-form-urlencoded";

static int fail(const char *what, oauth1_result r) {
    char detail[512];
    oauth1_last_error_message(detail, sizeof detail);
    fprintf(stderr, "%s: %s: %s\n", what, oauth1_result_str(r), detail);
    return 2;
}

/* Prints the response for a refused request. */
static int print_refusal(const oauth1_problem *problem) {
    uint16_t status = 0;
    char *code = NULL, *www_authenticate = NULL, *body = NULL, *message = NULL;
    oauth1_result r = oauth1_problem_http_status(problem, &status);
    if (r == OAUTH1_RESULT_OK) r = oauth1_problem_code(problem, &code);
    if (r == OAUTH1_RESULT_OK) r = oauth1_problem_www_authenticate(problem, REALM, &www_authenticate);
    if (r == OAUTH1_RESULT_OK) r = oauth1_problem_body(problem, &body);
    if (r == OAUTH1_RESULT_OK) r = oauth1_problem_message(problem, &message);
    if (r == OAUTH1_RESULT_OK) {
        /* For the provider's log: why, in words (never a secret). */
        fprintf(stderr, "refused (%s): %s\n", code, message);
        printf("HTTP/1.1 %u %s\r\n", (unsigned)status, status == 401 ? "Unauthorized" : "Bad Request");
        if (status == 401) printf("WWW-Authenticate: %s\r\n", www_authenticate);
        printf("Content-Type: application/x-www-form-urlencoded\r\n");
        printf("Content-Length: %zu\r\n\r\n%s\n", strlen(body), body);
    }
    oauth1_string_free(code);
    oauth1_string_free(www_authenticate);
    oauth1_string_free(body);
    oauth1_string_free(message);
    return r == OAUTH1_RESULT_OK ? 1 : fail("reading the problem", r);
}

/* Prints what the provider learns from an accepted request. */
static int print_accepted(const oauth1_verified *verified) {
    char *consumer = NULL, *token = NULL, *method = NULL;
    oauth1_result r = oauth1_verified_consumer_key(verified, &consumer);
    if (r == OAUTH1_RESULT_OK) r = oauth1_verified_signature_method(verified, &method);
    if (r == OAUTH1_RESULT_OK) {
        /* NOT_FOUND: a two-legged request, with no token. */
        oauth1_result t = oauth1_verified_token(verified, &token);
        if (t != OAUTH1_RESULT_OK && t != OAUTH1_RESULT_NOT_FOUND) r = t;
    }
    if (r == OAUTH1_RESULT_OK)
        printf("accepted: consumer %s, token %s, %s\n", consumer, token ? token : "(none)", method);
    oauth1_string_free(consumer);
    oauth1_string_free(token);
    oauth1_string_free(method);
    return r == OAUTH1_RESULT_OK ? 0 : fail("reading the verified request", r);
}

int main(int argc, char **argv) {
    int replay = argc > 1 && strcmp(argv[1], "--replay") == 0;
    if (replay) {
        argv++;
        argc--;
    }
    const char *method = argc > 3 ? argv[1] : METHOD;
    const char *url = argc > 3 ? argv[2] : URL;
    const char *authorization = argc > 3 ? argv[3] : AUTHORIZATION;
    const char *body = argc > 3 ? (argc > 4 ? argv[4] : NULL) : BODY;
    const char *content_type = argc > 3 ? (argc > 5 ? argv[5] : (body ? CONTENT_TYPE : NULL)) : CONTENT_TYPE;
    if (argc != 1 && (argc < 4 || argc > 6)) {
        fprintf(stderr, "usage: verify_request [--replay] [METHOD URL AUTHORIZATION [BODY [CONTENT_TYPE]]]\n");
        return 2;
    }

    /* Once, at start-up: the verifier's settings, the credentials and the
     * nonce store. All three may then be shared by every worker thread. */
    oauth1_verifier *verifier = NULL;
    oauth1_credentials *credentials = NULL;
    oauth1_nonce_store *nonces = NULL;
    oauth1_result r = oauth1_verifier_new(&verifier);
    const char *now = getenv("OAUTH1_NOW");
    if (r == OAUTH1_RESULT_OK && now != NULL)
        r = oauth1_verifier_set_clock(verifier, strtoull(now, NULL, 10));
    if (r == OAUTH1_RESULT_OK) r = oauth1_credentials_new(&credentials);
    if (r == OAUTH1_RESULT_OK)
        r = oauth1_credentials_add_consumer(credentials, CONSUMER_KEY, CONSUMER_SECRET, NULL);
    if (r == OAUTH1_RESULT_OK)
        r = oauth1_credentials_add_token(credentials, TOKEN, TOKEN_SECRET, CONSUMER_KEY);
    if (r == OAUTH1_RESULT_OK) r = oauth1_nonce_store_new(&nonces);
    int status = r == OAUTH1_RESULT_OK ? 0 : fail("setting up the provider", r);

    /* Per request: the headers as the server received them. */
    for (int round = 0; status == 0 && round < (replay ? 2 : 1); round++) {
        oauth1_header headers[3];
        size_t count = 0;
        headers[count++] = (oauth1_header){"Host", "api.example.com"};
        if (authorization[0] != '\0') headers[count++] = (oauth1_header){"Authorization", authorization};
        if (content_type != NULL) headers[count++] = (oauth1_header){"Content-Type", content_type};
        oauth1_verified *verified = NULL;
        oauth1_problem *problem = NULL;
        if (round > 0) printf("-- the same request again --\n");
        r = oauth1_verifier_verify_headers(verifier, credentials, nonces, method, url, headers, count,
                                           (const uint8_t *)body, body ? strlen(body) : 0, &verified,
                                           &problem);
        if (r == OAUTH1_RESULT_OK)
            status = print_accepted(verified);
        else if (r == OAUTH1_RESULT_VERIFICATION_FAILED)
            status = print_refusal(problem);
        else
            status = fail("verifying", r); /* a bad argument, not a bad request */
        oauth1_verified_free(verified);
        oauth1_problem_free(problem);
    }

    oauth1_nonce_store_free(nonces);
    oauth1_credentials_free(credentials);
    oauth1_verifier_free(verifier);
    return status;
}
