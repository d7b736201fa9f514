/*
 * three_legged: the whole OAuth 1.0a flow (RFC 5849 s2) against a provider,
 * signing with liboauth1 and sending with libcurl. Each step is printed by
 * name with what was sent and what came back.
 *
 *   three_legged BASE_URL
 *
 * BASE_URL is the provider's, e.g. the first line `oauth1 serve --port 0
 * --auto-approve` prints. The consumer's credentials come from
 * OAUTH1_CONSUMER_KEY and OAUTH1_CONSUMER_SECRET (the local provider's demo
 * consumer when unset). It signs as a NetSuite connector does: the netsuite
 * profile (HMAC-SHA256, realm made from OAUTH1_ACCOUNT, default 1234567-sb1 ->
 * 1234567_SB1, monotonic timestamps). The provider must approve on its own
 * (auto-approve): the user-authorization step only follows the redirect.
 *
 * Exit status 0 only when every step succeeded.
 *
 * Build: cc three_legged.c $(pkg-config --cflags --libs oauth1 libcurl) -o three_legged
 */
#include <curl/curl.h>
#include <oauth1.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A growing buffer for response bodies. */
typedef struct {
    char *data;
    size_t len;
} buffer;

static size_t append_to_buffer(char *chunk, size_t size, size_t count, void *user) {
    buffer *b = user;
    size_t n = size * count;
    char *grown = realloc(b->data, b->len + n + 1);
    if (grown == NULL) return 0; /* libcurl reports the short write */
    memcpy(grown + b->len, chunk, n);
    b->data = grown;
    b->len += n;
    b->data[b->len] = '\0';
    return n;
}

/* One HTTP exchange. */
typedef struct {
    long status;
    char *body;     /* malloc'd, NUL-terminated, never NULL after http() succeeds */
    char *location; /* malloc'd, or NULL when there was no redirect */
} response;

static void response_free(response *r) {
    free(r->body);
    free(r->location);
    r->body = NULL;
    r->location = NULL;
}

static char *copy_string(const char *s) {
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c != NULL) memcpy(c, s, n);
    return c;
}

/* Sends METHOD URL with an optional Authorization header and body; never
 * follows redirects. Returns 0 on success (any HTTP status). */
static int http(const char *method, const char *url, const char *authorization,
                const char *content_type, const char *body, response *out) {
    CURL *curl = curl_easy_init();
    struct curl_slist *headers = NULL;
    buffer received = {NULL, 0};
    char line[4096];
    int rc = -1;
    CURLcode code;
    char *redirect = NULL;

    memset(out, 0, sizeof *out);
    if (curl == NULL) return -1;
    if (authorization != NULL) {
        snprintf(line, sizeof line, "Authorization: %s", authorization);
        headers = curl_slist_append(headers, line);
    }
    if (content_type != NULL) {
        snprintf(line, sizeof line, "Content-Type: %s", content_type);
        headers = curl_slist_append(headers, line);
    }
    headers = curl_slist_append(headers, "Expect:"); /* no 100-continue round trip */
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_NOPROXY, "*"); /* loopback: never a proxy */
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_to_buffer);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &received);
    if (body != NULL) {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    }
    code = curl_easy_perform(curl);
    if (code != CURLE_OK) {
        fprintf(stderr, "  HTTP error: %s\n", curl_easy_strerror(code));
        goto done;
    }
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out->status);
    if (curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &redirect) == CURLE_OK && redirect != NULL)
        out->location = copy_string(redirect);
    out->body = received.data != NULL ? received.data : copy_string("");
    received.data = NULL;
    rc = out->body != NULL ? 0 : -1;
done:
    free(received.data);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return rc;
}

static int steps_passed = 0;
static int steps_failed = 0;

static void step(const char *name) { printf("\n== %s ==\n", name); }

/* Ends a step: passed when the status is the expected one. */
static int check_status(const response *r, long expected) {
    printf("  received: HTTP %ld\n", r->status);
    if (r->location != NULL) printf("            Location: %s\n", r->location);
    if (r->body != NULL && r->body[0] != '\0') printf("            %s\n", r->body);
    if (r->status != expected) {
        printf("  FAILED: expected HTTP %ld\n", expected);
        steps_failed++;
        return -1;
    }
    printf("  ok\n");
    steps_passed++;
    return 0;
}

/* Prints the last liboauth1 error and counts a failed step. */
static int library_failed(const char *what, oauth1_result r) {
    char detail[512];
    oauth1_last_error_message(detail, sizeof detail);
    printf("  FAILED: %s: %s (%s)\n", what, oauth1_result_str(r), detail);
    steps_failed++;
    return -1;
}

/* Sends a request with its Authorization header; passes when the status is `expected`. */
static int send_signed(const char *method, const char *url, const char *header,
                       const char *content_type, const char *body, long expected,
                       response *out) {
    printf("  sent:     %s %s\n            Authorization: %s\n", method, url, header);
    if (content_type != NULL) printf("            Content-Type: %s\n", content_type);
    if (body != NULL) printf("            %s\n", body);
    if (http(method, url, header, content_type, body, out) != 0) {
        steps_failed++;
        return -1;
    }
    return check_status(out, expected);
}

/* Signs and sends one request with `signer`; `expected` is the status
 * that makes the step pass. */
static int signed_call(const oauth1_signer *signer, const char *method, const char *url,
                       const char *content_type, const char *body, long expected,
                       response *out) {
    oauth1_signed *signed_request = NULL;
    char *header = NULL;
    oauth1_result r = oauth1_signer_sign(signer, method, url, (const uint8_t *)body,
                                         body != NULL ? strlen(body) : 0, content_type, NULL,
                                         &signed_request);
    int rc;
    if (r == OAUTH1_RESULT_OK) r = oauth1_signed_authorization_header(signed_request, &header);
    oauth1_signed_free(signed_request);
    if (r != OAUTH1_RESULT_OK) return library_failed("signing", r);
    rc = send_signed(method, url, header, content_type, body, expected, out);
    oauth1_string_free(header);
    return rc;
}

/* Sends an already signed token request (POST, parameters in the header). */
static int token_call(oauth1_signed *signed_request, const char *url, response *out) {
    char *header = NULL;
    oauth1_result r = oauth1_signed_authorization_header(signed_request, &header);
    int rc;
    oauth1_signed_free(signed_request);
    if (r != OAUTH1_RESULT_OK) return library_failed("rendering the header", r);
    printf("  sent:     POST %s\n            Authorization: %s\n", url, header);
    rc = http("POST", url, header, NULL, NULL, out);
    oauth1_string_free(header);
    if (rc != 0) {
        steps_failed++;
        return -1;
    }
    return check_status(out, 200);
}

/* Reads a token response into a token and its secret (new strings). */
static int read_tokens(const response *resp, bool request_token, char **token, char **secret) {
    oauth1_token_response *parsed = NULL;
    oauth1_result r = oauth1_parse_token_response((const uint8_t *)resp->body, strlen(resp->body),
                                                  request_token, &parsed);
    if (r == OAUTH1_RESULT_OK) r = oauth1_token_response_token(parsed, token);
    if (r == OAUTH1_RESULT_OK) r = oauth1_token_response_token_secret(parsed, secret);
    oauth1_token_response_free(parsed);
    if (r != OAUTH1_RESULT_OK) {
        steps_passed--;
        return library_failed("parsing the token response", r);
    }
    return 0;
}

int main(int argc, char **argv) {
    const char *base = argc > 1 ? argv[1] : getenv("OAUTH1_PROVIDER");
    const char *consumer_key = getenv("OAUTH1_CONSUMER_KEY");
    const char *consumer_secret = getenv("OAUTH1_CONSUMER_SECRET");
    const char *account = getenv("OAUTH1_ACCOUNT");
    char url[1024], callback[1024], authorize[1024];
    oauth1_signer_builder *builder = NULL;
    oauth1_signer *consumer = NULL, *with_request_token = NULL, *with_access_token = NULL,
                  *hashing_access = NULL;
    oauth1_signed *signed_request = NULL;
    oauth1_result r;
    response resp = {0, NULL, NULL};
    char *request_token = NULL, *request_secret = NULL, *authorize_url = NULL;
    char *callback_token = NULL, *verifier = NULL, *access_token = NULL, *access_secret = NULL;
    char *me_header = NULL; /* kept to replay step 5 in step 8 */
    long record_id = 0;
    const char *id_field;

    if (base == NULL) {
        fprintf(stderr, "usage: three_legged BASE_URL   (e.g. http://127.0.0.1:8080)\n");
        return 2;
    }
    if (consumer_key == NULL) consumer_key = "demo-consumer";
    if (consumer_secret == NULL) consumer_secret = "demo-consumer-secret";
    if (account == NULL) account = "1234567-sb1";
    printf("C client (liboauth1 %s, libcurl %s) against %s as consumer %s\n", oauth1_version(),
           curl_version_info(CURLVERSION_NOW)->version, base, consumer_key);
    curl_global_init(CURL_GLOBAL_DEFAULT);

    /* HMAC-SHA256 and a NetSuite-style realm, as the platform's NetSuite connectors sign. */
    r = oauth1_signer_builder_new_for_profile("netsuite", consumer_key, consumer_secret, account, &builder);
    if (r == OAUTH1_RESULT_OK) r = oauth1_signer_builder_build(builder, &consumer);
    oauth1_signer_builder_free(builder);
    if (r != OAUTH1_RESULT_OK) {
        library_failed("building the signer", r);
        goto finish;
    }
    printf("  signing: HMAC-SHA256, realm from account %s (the netsuite profile)\n", account);

    /* 1. Temporary credentials. */
    step("1. request token");
    snprintf(url, sizeof url, "%s/oauth/request_token", base);
    snprintf(callback, sizeof callback, "%s/callback", base);
    printf("  oauth_callback: %s\n", callback);
    r = oauth1_signer_request_token_request(consumer, url, callback, &signed_request);
    if (r != OAUTH1_RESULT_OK) {
        library_failed("signing", r);
        goto finish;
    }
    if (token_call(signed_request, url, &resp) != 0 ||
        read_tokens(&resp, true, &request_token, &request_secret) != 0)
        goto finish;
    response_free(&resp);

    /* 2. The user authorizes (the provider approves on its own). */
    step("2. user authorization");
    snprintf(authorize, sizeof authorize, "%s/oauth/authorize", base);
    r = oauth1_authorization_url(authorize, request_token, &authorize_url);
    if (r != OAUTH1_RESULT_OK) {
        library_failed("authorization URL", r);
        goto finish;
    }
    printf("  sent:     GET %s\n", authorize_url);
    if (http("GET", authorize_url, NULL, NULL, NULL, &resp) != 0 || check_status(&resp, 302) != 0)
        goto finish;

    /* 3. The callback carries the request token and the verifier. */
    step("3. callback with verifier");
    if (resp.location == NULL) {
        printf("  FAILED: no redirect to the callback\n");
        steps_failed++;
        goto finish;
    }
    /* _for also refuses a callback that names another request token. */
    r = oauth1_parse_callback_for(resp.location, request_token, &callback_token, &verifier);
    if (r != OAUTH1_RESULT_OK) {
        library_failed("parsing the callback", r);
        goto finish;
    }
    printf("  callback: %s\n  oauth_token=%s oauth_verifier=%s\n", resp.location, callback_token,
           verifier);
    printf("  ok\n");
    steps_passed++;
    response_free(&resp);

    /* 4. Token credentials, signed with the request token's secret. */
    step("4. access token");
    snprintf(url, sizeof url, "%s/oauth/access_token", base);
    r = oauth1_signer_with_token(consumer, request_token, request_secret, &with_request_token);
    if (r == OAUTH1_RESULT_OK)
        r = oauth1_signer_access_token_request(with_request_token, url, verifier, &signed_request);
    if (r != OAUTH1_RESULT_OK) {
        library_failed("signing", r);
        goto finish;
    }
    if (token_call(signed_request, url, &resp) != 0 ||
        read_tokens(&resp, false, &access_token, &access_secret) != 0)
        goto finish;
    response_free(&resp);
    r = oauth1_signer_with_token(consumer, access_token, access_secret, &with_access_token);
    if (r != OAUTH1_RESULT_OK) {
        library_failed("access-token signer", r);
        goto finish;
    }

    /* 5-7. Protected resources. */
    step("5. GET with query");
    snprintf(url, sizeof url, "%s/api/me?fields=name%%2Cemail&lang=en", base);
    r = oauth1_signer_sign(with_access_token, "GET", url, NULL, 0, NULL, NULL, &signed_request);
    if (r == OAUTH1_RESULT_OK) r = oauth1_signed_authorization_header(signed_request, &me_header);
    oauth1_signed_free(signed_request);
    signed_request = NULL;
    if (r != OAUTH1_RESULT_OK) {
        library_failed("signing", r);
        goto finish;
    }
    if (send_signed("GET", url, me_header, NULL, NULL, 200, &resp) != 0) goto finish;
    response_free(&resp);

    step("6. POST with form");
    snprintf(url, sizeof url, "%s/api/records", base);
    if (signed_call(with_access_token, "POST", url, "application/x-www-form-urlencoded",
                    "title=Hello+from+C&tags=demo%2Cc", 201, &resp) != 0)
        goto finish;
    id_field = strstr(resp.body, "\"id\":");
    record_id = id_field != NULL ? strtol(id_field + 5, NULL, 10) : 0;
    response_free(&resp);
    if (record_id <= 0) {
        printf("  FAILED: no record id in the answer\n");
        steps_failed++;
        goto finish;
    }

    step("7. PUT with JSON + body hash");
    r = oauth1_signer_to_builder(with_access_token, &builder);
    if (r == OAUTH1_RESULT_OK) r = oauth1_signer_builder_set_body_hash(builder, true);
    if (r == OAUTH1_RESULT_OK) r = oauth1_signer_builder_build(builder, &hashing_access);
    oauth1_signer_builder_free(builder);
    if (r != OAUTH1_RESULT_OK) {
        library_failed("body-hash signer", r);
        goto finish;
    }
    snprintf(url, sizeof url, "%s/api/records/%ld", base, record_id);
    if (signed_call(hashing_access, "PUT", url, "application/json",
                    "{\"title\":\"Hello again from C\",\"done\":true}", 200, &resp) != 0)
        goto finish;
    response_free(&resp);

    step("8. replayed GET is refused");
    printf("  the request of step 5 again, same nonce and signature:\n");
    snprintf(url, sizeof url, "%s/api/me?fields=name%%2Cemail&lang=en", base);
    if (send_signed("GET", url, me_header, NULL, NULL, 401, &resp) != 0) goto finish;
    if (strncmp(resp.body, "oauth_problem=nonce_used", 24) != 0) {
        printf("  FAILED: expected oauth_problem=nonce_used\n");
        steps_passed--;
        steps_failed++;
        goto finish;
    }

finish:
    response_free(&resp);
    oauth1_string_free(request_token);
    oauth1_string_free(request_secret);
    oauth1_string_free(authorize_url);
    oauth1_string_free(callback_token);
    oauth1_string_free(verifier);
    oauth1_string_free(access_token);
    oauth1_string_free(access_secret);
    oauth1_string_free(me_header);
    oauth1_signer_free(consumer);
    oauth1_signer_free(with_request_token);
    oauth1_signer_free(with_access_token);
    oauth1_signer_free(hashing_access);
    curl_global_cleanup();
    printf("\nC flow: %d passed, %d failed\n", steps_passed, steps_failed);
    return steps_failed == 0 && steps_passed == 8 ? 0 : 1;
}
