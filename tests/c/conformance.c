/*
 * The C conformance driver: runs every case of the conformance files found in
 * a folder through the C API (include/oauth1.h) and prints, per file,
 * "c vectors.json: N passed, M failed", with each failure's case id and the
 * first field that differs. A case it cannot run is a failure. Exits 1 on any
 * failure, or when the folder holds none of the files it knows.
 *
 * Usage: conformance DIR
 *        conformance --stateful DIR   (VERIFY.md's stateful checks on DIR's
 *                                      verify.json, the repository's vectors)
 *
 * Reading JSON is not OAuth logic: it uses jansson (Debian's libjansson-dev).
 * Each file kind is one runner function and one row in FILES below.
 */
#include <jansson.h>
#include <oauth1.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WHY_LEN 2048

/* A case's outcome: pass, or the reason it failed. */
typedef struct {
    int passed;
    char why[WHY_LEN];
} outcome;

static int fail(outcome *o, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(o->why, sizeof o->why, fmt, ap);
    va_end(ap);
    o->passed = 0;
    return 0;
}

/* The stable kind name of a result code, as in the files' expect.error. */
static const char *kind_name(oauth1_result r) {
    switch (r) {
    case OAUTH1_RESULT_OK: return "ok";
    case OAUTH1_RESULT_NULL_PARAMETER: return "null_parameter";
    case OAUTH1_RESULT_INVALID_UTF8: return "invalid_utf8";
    case OAUTH1_RESULT_PANIC: return "panic";
    case OAUTH1_RESULT_NOT_FOUND: return "not_found";
    case OAUTH1_RESULT_INTERIOR_NUL: return "interior_nul";
    case OAUTH1_RESULT_INVALID_URL: return "invalid_url";
    case OAUTH1_RESULT_INVALID_ENCODING: return "invalid_encoding";
    case OAUTH1_RESULT_UNSUPPORTED_SIGNATURE_METHOD: return "unsupported_signature_method";
    case OAUTH1_RESULT_INVALID_KEY: return "invalid_key";
    case OAUTH1_RESULT_INVALID_PARAMETER: return "invalid_parameter";
    case OAUTH1_RESULT_INVALID_RESPONSE: return "invalid_response";
    case OAUTH1_RESULT_VERIFICATION_FAILED: return "verification_failed";
    default: return "other";
    }
}

/* ---- reading a case ---------------------------------------------------- */

/* Reads object.field as a C string. required: absent or null is an error.
 * Sets *out to NULL for an allowed null. Returns 0 (and fills o) when the
 * field cannot be passed through the C API. */
static int get_string(json_t *obj, const char *where, const char *field, int required,
                      const char **out, outcome *o) {
    json_t *v = json_object_get(obj, field);
    *out = NULL;
    if (v == NULL || json_is_null(v)) {
        if (required) return fail(o, "cannot run: %s.%s is missing", where, field);
        return 1;
    }
    if (!json_is_string(v)) return fail(o, "cannot run: %s.%s is not a string", where, field);
    if (strlen(json_string_value(v)) != json_string_length(v))
        return fail(o, "cannot run: %s.%s holds a NUL byte, which a C string cannot carry", where,
                    field);
    *out = json_string_value(v);
    return 1;
}

/* The inputs of a signing case (vectors.json, errors.json). */
typedef struct {
    const char *method, *url, *body, *content_type;
    size_t body_len;
    const char *consumer_key, *consumer_secret, *token, *token_secret, *signature_method;
    const char *timestamp, *nonce, *version, *realm, *callback, *verifier, *rsa_pem;
    int body_hash;
    json_t *extra; /* object or NULL */
} sign_input;

static int read_sign_input(json_t *c, sign_input *in, outcome *o) {
    memset(in, 0, sizeof *in);
    json_t *req = json_object_get(c, "request");
    json_t *oa = json_object_get(c, "oauth");
    if (!json_is_object(req)) return fail(o, "cannot run: no request object");
    if (!json_is_object(oa)) return fail(o, "cannot run: no oauth object");
    json_t *body = json_object_get(req, "body");
    if (body != NULL && !json_is_null(body)) {
        if (!json_is_string(body)) return fail(o, "cannot run: request.body is not a string");
        in->body = json_string_value(body);
        in->body_len = json_string_length(body); /* bodies may hold any byte */
    }
    if (!get_string(req, "request", "method", 1, &in->method, o) ||
        !get_string(req, "request", "url", 1, &in->url, o) ||
        !get_string(req, "request", "content_type", 0, &in->content_type, o) ||
        !get_string(oa, "oauth", "consumer_key", 1, &in->consumer_key, o) ||
        !get_string(oa, "oauth", "consumer_secret", 1, &in->consumer_secret, o) ||
        !get_string(oa, "oauth", "token", 0, &in->token, o) ||
        !get_string(oa, "oauth", "token_secret", 0, &in->token_secret, o) ||
        !get_string(oa, "oauth", "signature_method", 1, &in->signature_method, o) ||
        !get_string(oa, "oauth", "timestamp", 0, &in->timestamp, o) ||
        !get_string(oa, "oauth", "nonce", 0, &in->nonce, o) ||
        !get_string(oa, "oauth", "version", 0, &in->version, o) ||
        !get_string(oa, "oauth", "realm", 0, &in->realm, o) ||
        !get_string(oa, "oauth", "callback", 0, &in->callback, o) ||
        !get_string(oa, "oauth", "verifier", 0, &in->verifier, o) ||
        !get_string(oa, "oauth", "rsa_private_key_pem", 0, &in->rsa_pem, o))
        return 0;
    json_t *bh = json_object_get(oa, "body_hash");
    if (bh != NULL && !json_is_null(bh)) {
        if (!json_is_boolean(bh)) return fail(o, "cannot run: oauth.body_hash is not a boolean");
        in->body_hash = json_is_true(bh);
    }
    json_t *extra = json_object_get(oa, "extra_oauth_params");
    if (extra != NULL && !json_is_null(extra)) {
        if (!json_is_object(extra))
            return fail(o, "cannot run: oauth.extra_oauth_params is not an object");
        const char *name;
        json_t *value;
        json_object_foreach(extra, name, value) {
            if (!json_is_string(value))
                return fail(o, "cannot run: extra_oauth_params.%s is not a string", name);
        }
        in->extra = extra;
    }
    return 1;
}

/* ---- signing through the C API ----------------------------------------- */

/* Signs a case's input. On failure returns the result code and copies the
 * library's detailed message into msg. */
static oauth1_result sign_case(const sign_input *in, oauth1_signed **signed_out, char *msg,
                               size_t msg_len) {
    oauth1_signer_builder *b = NULL;
    oauth1_signer *signer = NULL;
    oauth1_sign_options *opts = NULL;
    oauth1_result r = oauth1_signer_builder_new(in->consumer_key, in->consumer_secret, &b);
    if (r == OAUTH1_RESULT_OK && in->token != NULL)
        r = oauth1_signer_builder_set_token(b, in->token,
                                            in->token_secret ? in->token_secret : "");
    if (r == OAUTH1_RESULT_OK)
        r = oauth1_signer_builder_set_signature_method(b, in->signature_method);
    if (r == OAUTH1_RESULT_OK) r = oauth1_signer_builder_set_include_version(b, in->version != NULL);
    if (r == OAUTH1_RESULT_OK) r = oauth1_signer_builder_set_body_hash(b, in->body_hash);
    if (r == OAUTH1_RESULT_OK && in->realm != NULL) r = oauth1_signer_builder_set_realm(b, in->realm);
    if (r == OAUTH1_RESULT_OK && in->rsa_pem != NULL)
        r = oauth1_signer_builder_set_rsa_private_key_pem(b, in->rsa_pem);
    if (r == OAUTH1_RESULT_OK) r = oauth1_signer_builder_build(b, &signer);

    if (r == OAUTH1_RESULT_OK) r = oauth1_sign_options_new(&opts);
    if (r == OAUTH1_RESULT_OK)
        r = oauth1_sign_options_set_timestamp(
            opts, in->timestamp ? OAUTH1_GENERATED_FIXED : OAUTH1_GENERATED_OMIT, in->timestamp);
    if (r == OAUTH1_RESULT_OK)
        r = oauth1_sign_options_set_nonce(
            opts, in->nonce ? OAUTH1_GENERATED_FIXED : OAUTH1_GENERATED_OMIT, in->nonce);
    if (r == OAUTH1_RESULT_OK) r = oauth1_sign_options_set_callback(opts, in->callback);
    if (r == OAUTH1_RESULT_OK) r = oauth1_sign_options_set_verifier(opts, in->verifier);
    if (r == OAUTH1_RESULT_OK && in->extra != NULL) {
        const char *name;
        json_t *value;
        json_object_foreach(in->extra, name, value) {
            r = oauth1_sign_options_add_extra_oauth_param(opts, name, json_string_value(value));
            if (r != OAUTH1_RESULT_OK) break;
        }
    }
    if (r == OAUTH1_RESULT_OK)
        r = oauth1_signer_sign(signer, in->method, in->url, (const uint8_t *)in->body,
                               in->body_len, in->content_type, opts, signed_out);
    if (r != OAUTH1_RESULT_OK) oauth1_last_error_message(msg, msg_len);
    oauth1_sign_options_free(opts);
    oauth1_signer_free(signer);
    oauth1_signer_builder_free(b);
    return r;
}

/* ---- the runners ------------------------------------------------------- */

typedef oauth1_result (*getter)(const oauth1_signed *, char **);

static int check_field(const oauth1_signed *s, json_t *expect, const char *field, getter get,
                       outcome *o) {
    json_t *want = json_object_get(expect, field);
    if (!json_is_string(want)) return fail(o, "cannot run: case has no expect.%s", field);
    char *got = NULL;
    oauth1_result r = get(s, &got);
    if (r != OAUTH1_RESULT_OK) return fail(o, "%s: getter failed: %s", field, oauth1_result_str(r));
    int same = strcmp(got, json_string_value(want)) == 0;
    if (!same) fail(o, "%s: expected \"%s\", got \"%s\"", field, json_string_value(want), got);
    oauth1_string_free(got);
    return same;
}

/* vectors.json: signs, and compares normalized_parameters, base_string and
 * signature, in that order. */
static void run_vector(json_t *c, outcome *o) {
    sign_input in;
    if (!read_sign_input(c, &in, o)) return;
    json_t *expect = json_object_get(c, "expect");
    if (!json_is_object(expect)) {
        fail(o, "cannot run: no expect object");
        return;
    }
    oauth1_signed *s = NULL;
    char msg[1024] = "";
    oauth1_result r = sign_case(&in, &s, msg, sizeof msg);
    if (r != OAUTH1_RESULT_OK) {
        fail(o, "refused: %s", msg);
        return;
    }
    o->passed = check_field(s, expect, "normalized_parameters", oauth1_signed_normalized_parameters, o) &&
                check_field(s, expect, "base_string", oauth1_signed_base_string, o) &&
                check_field(s, expect, "signature", oauth1_signed_signature, o);
    oauth1_signed_free(s);
}

/* errors.json: the input must be refused with expect.error and no signature. */
static void run_error(json_t *c, outcome *o) {
    sign_input in;
    if (!read_sign_input(c, &in, o)) return;
    json_t *want = json_object_get(json_object_get(c, "expect"), "error");
    if (!json_is_string(want)) {
        fail(o, "cannot run: case has no expect.error");
        return;
    }
    oauth1_signed *s = NULL;
    char msg[1024] = "";
    oauth1_result r = sign_case(&in, &s, msg, sizeof msg);
    if (r == OAUTH1_RESULT_OK) {
        char *sig = NULL;
        oauth1_signed_signature(s, &sig);
        fail(o, "error: expected %s, got a signature \"%s\"", json_string_value(want),
             sig ? sig : "?");
        oauth1_string_free(sig);
        oauth1_signed_free(s);
        return;
    }
    if (strcmp(kind_name(r), json_string_value(want)) == 0) {
        o->passed = 1;
        return;
    }
    fail(o, "error: expected %s, got %s (%s)", json_string_value(want), kind_name(r), msg);
}


/* ---- verify.json: a provider receives a request ------------------------- */

/* A case's provider block, built through the C API: verifier settings,
 * credentials table and a nonce store seeded with its seen nonces. */
typedef struct {
    oauth1_verifier *verifier;
    oauth1_credentials *credentials;
    oauth1_nonce_store *nonces;
} provider;

static void provider_free(provider *p) {
    oauth1_verifier_free(p->verifier);
    oauth1_credentials_free(p->credentials);
    oauth1_nonce_store_free(p->nonces);
    memset(p, 0, sizeof *p);
}

/* Fails o with what the last call said. */
static int fail_call(outcome *o, const char *what, oauth1_result r) {
    char msg[1024];
    oauth1_last_error_message(msg, sizeof msg);
    return fail(o, "cannot run: %s: %s (%s)", what, kind_name(r), msg);
}

/* Reads a JSON integer that fits in uint64_t. */
static int get_u64(json_t *v, const char *what, uint64_t *out, outcome *o) {
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return fail(o, "cannot run: %s is not a non-negative integer", what);
    *out = (uint64_t)json_integer_value(v);
    return 1;
}

/* Builds the provider of a case. Method names the library does not know
 * are left out of the allowed list, as the Rust runner does (no request
 * can use them anyway); anything else that cannot be set up fails the case. */
static int build_provider(json_t *pb, provider *p, outcome *o) {
    memset(p, 0, sizeof *p);
    if (!json_is_object(pb)) return fail(o, "cannot run: no provider object");
    uint64_t now = 0, window = 0;
    if (!get_u64(json_object_get(pb, "now"), "provider.now", &now, o) ||
        !get_u64(json_object_get(pb, "timestamp_window"), "provider.timestamp_window", &window, o))
        return 0;
    oauth1_result r = oauth1_verifier_new(&p->verifier);
    if (r == OAUTH1_RESULT_OK) r = oauth1_verifier_set_signature_methods(p->verifier, NULL, 0);
    if (r == OAUTH1_RESULT_OK) r = oauth1_verifier_set_timestamp_window(p->verifier, window);
    if (r == OAUTH1_RESULT_OK) r = oauth1_verifier_set_clock(p->verifier, now);
    if (r == OAUTH1_RESULT_OK) r = oauth1_credentials_new(&p->credentials);
    if (r == OAUTH1_RESULT_OK) r = oauth1_nonce_store_new(&p->nonces);
    if (r != OAUTH1_RESULT_OK) return fail_call(o, "setting up the provider", r);

    json_t *methods = json_object_get(pb, "signature_methods");
    if (!json_is_array(methods)) return fail(o, "cannot run: provider.signature_methods is not a list");
    size_t i;
    json_t *m;
    json_array_foreach(methods, i, m) {
        if (!json_is_string(m)) return fail(o, "cannot run: a signature method is not a string");
        r = oauth1_verifier_allow_signature_method(p->verifier, json_string_value(m));
        if (r != OAUTH1_RESULT_OK && r != OAUTH1_RESULT_UNSUPPORTED_SIGNATURE_METHOD)
            return fail_call(o, "allowing a signature method", r);
    }

    json_t *consumers = json_object_get(pb, "consumers");
    if (!json_is_object(consumers)) return fail(o, "cannot run: provider.consumers is not an object");
    const char *key;
    json_t *c;
    json_object_foreach(consumers, key, c) {
        const char *secret, *pem;
        if (!get_string(c, "consumer", "secret", 0, &secret, o) ||
            !get_string(c, "consumer", "rsa_public_key_pem", 0, &pem, o))
            return 0;
        r = oauth1_credentials_add_consumer(p->credentials, key, secret, pem);
        if (r != OAUTH1_RESULT_OK) return fail_call(o, "adding a consumer", r);
    }
    json_t *tokens = json_object_get(pb, "tokens");
    if (!json_is_object(tokens)) return fail(o, "cannot run: provider.tokens is not an object");
    json_object_foreach(tokens, key, c) {
        const char *secret, *owner;
        if (!get_string(c, "token", "secret", 1, &secret, o) ||
            !get_string(c, "token", "consumer_key", 1, &owner, o))
            return 0;
        r = oauth1_credentials_add_token(p->credentials, key, secret, owner);
        if (r != OAUTH1_RESULT_OK) return fail_call(o, "adding a token", r);
    }

    json_t *seen = json_object_get(pb, "seen_nonces");
    if (!json_is_array(seen)) return fail(o, "cannot run: provider.seen_nonces is not a list");
    json_t *entry;
    json_array_foreach(seen, i, entry) {
        json_t *ck = json_array_get(entry, 0), *tk = json_array_get(entry, 1);
        json_t *n = json_array_get(entry, 3);
        uint64_t ts = 0;
        if (json_array_size(entry) != 4 || !json_is_string(ck) || !json_is_string(tk) ||
            !json_is_string(n))
            return fail(o, "cannot run: seen_nonces[%zu] is not [key, token, timestamp, nonce]", i);
        if (!get_u64(json_array_get(entry, 2), "a seen nonce's timestamp", &ts, o)) return 0;
        bool fresh;
        r = oauth1_nonce_store_check_and_record(p->nonces, json_string_value(ck),
                                                json_string_value(tk), ts, json_string_value(n),
                                                now, window, &fresh);
        if (r != OAUTH1_RESULT_OK) return fail_call(o, "seeding the nonce store", r);
    }
    return 1;
}

/* What verifying a request gave. */
typedef struct {
    oauth1_result result;
    oauth1_verified *verified;
    oauth1_problem *problem;
    char message[WHY_LEN];
} verdict;

static void verdict_free(verdict *v) {
    oauth1_verified_free(v->verified);
    oauth1_problem_free(v->problem);
    v->verified = NULL;
    v->problem = NULL;
}

/* Verifies a case's request against p. The request goes in as a server has
 * it: its Content-Type first, then every header. Returns 0 (and fills o)
 * when the request cannot be passed through the C API. */
static int verify_request(const provider *p, json_t *req, verdict *v, outcome *o) {
    memset(v, 0, sizeof *v);
    if (!json_is_object(req)) return fail(o, "cannot run: no request object");
    const char *method, *url, *content_type;
    if (!get_string(req, "request", "method", 1, &method, o) ||
        !get_string(req, "request", "url", 1, &url, o) ||
        !get_string(req, "request", "content_type", 0, &content_type, o))
        return 0;
    const char *body = NULL;
    size_t body_len = 0;
    json_t *b = json_object_get(req, "body");
    if (b != NULL && !json_is_null(b)) {
        if (!json_is_string(b)) return fail(o, "cannot run: request.body is not a string");
        body = json_string_value(b);
        body_len = json_string_length(b); /* bodies may hold any byte */
    }
    json_t *hs = json_object_get(req, "headers");
    if (hs != NULL && !json_is_null(hs) && !json_is_object(hs))
        return fail(o, "cannot run: request.headers is not an object");
    size_t count = 0;
    oauth1_header *headers = calloc(json_object_size(hs) + 1, sizeof *headers);
    if (headers == NULL) return fail(o, "cannot run: out of memory");
    if (content_type != NULL) headers[count++] = (oauth1_header){"Content-Type", content_type};
    const char *name;
    json_t *value;
    json_object_foreach(hs, name, value) {
        const char *text;
        if (!get_string(hs, "request.headers", name, 1, &text, o)) {
            free(headers);
            return 0;
        }
        headers[count++] = (oauth1_header){name, text};
    }
    v->result = oauth1_verifier_verify_headers(p->verifier, p->credentials, p->nonces, method, url,
                                               headers, count, (const uint8_t *)body, body_len,
                                               &v->verified, &v->problem);
    oauth1_last_error_message(v->message, sizeof v->message);
    free(headers);
    return 1;
}

/* The problem's parameter names as a JSON-like list, e.g. ["a", "b"]. */
static void problem_parameters(const oauth1_problem *pr, char *out, size_t len) {
    size_t n = 0, used = 0;
    out[0] = '\0';
    used += (size_t)snprintf(out, len, "[");
    oauth1_problem_parameter_count(pr, &n);
    for (size_t i = 0; i < n && used < len; i++) {
        char *name = NULL;
        if (oauth1_problem_parameter(pr, i, &name) != OAUTH1_RESULT_OK) break;
        used += (size_t)snprintf(out + used, len - used, "%s\"%s\"", i ? ", " : "", name);
        oauth1_string_free(name);
    }
    if (used < len) snprintf(out + used, len - used, "]");
}

/* Compares a verdict with a case's expect block: the first difference. */
static int compare_verify(json_t *expect, const verdict *v, outcome *o) {
    if (!json_is_object(expect)) return fail(o, "cannot run: no expect object");
    json_t *ok = json_object_get(expect, "ok");
    if (!json_is_boolean(ok)) return fail(o, "cannot run: expect.ok is not a boolean");
    json_t *want_problem = json_object_get(expect, "problem");
    json_t *want_params = json_object_get(expect, "parameters");
    char want_list[1024] = "[";
    if (json_is_array(want_params)) {
        size_t i, used = 1;
        json_t *n;
        json_array_foreach(want_params, i, n) {
            if (!json_is_string(n)) return fail(o, "cannot run: expect.parameters holds a non-string");
            if (used < sizeof want_list)
                used += (size_t)snprintf(want_list + used, sizeof want_list - used, "%s\"%s\"",
                                         i ? ", " : "", json_string_value(n));
        }
    } else if (want_params != NULL && !json_is_null(want_params)) {
        return fail(o, "cannot run: expect.parameters is not a list");
    }
    strncat(want_list, "]", sizeof want_list - strlen(want_list) - 1);

    if (json_is_true(ok)) {
        if (v->result == OAUTH1_RESULT_OK) return 1;
        return fail(o, "expected ok, got %s: %s", kind_name(v->result), v->message);
    }
    if (!json_is_string(want_problem)) return fail(o, "cannot run: case has no expect.problem");
    const char *want = json_string_value(want_problem);
    if (v->result == OAUTH1_RESULT_OK)
        return fail(o, "expected %s %s, got ok", want, want_list);
    if (v->result != OAUTH1_RESULT_VERIFICATION_FAILED || v->problem == NULL)
        return fail(o, "expected %s %s, got %s (%s)", want, want_list, kind_name(v->result),
                    v->message);
    char *code = NULL;
    oauth1_result r = oauth1_problem_code(v->problem, &code);
    if (r != OAUTH1_RESULT_OK) return fail_call(o, "oauth1_problem_code", r);
    int same = strcmp(code, want) == 0;
    oauth1_string_free(code);
    if (!same) return fail(o, "problem: expected %s, got %s", want, v->message);
    char got_list[1024];
    problem_parameters(v->problem, got_list, sizeof got_list);
    if (strcmp(got_list, want_list) != 0)
        return fail(o, "parameters: expected %s, got %s (%s)", want_list, got_list, v->message);
    return 1;
}

/* verify.json: each case against a fresh provider of its own. */
static void run_verify(json_t *c, outcome *o) {
    provider p;
    verdict v;
    if (build_provider(json_object_get(c, "provider"), &p, o) &&
        verify_request(&p, json_object_get(c, "request"), &v, o)) {
        o->passed = compare_verify(json_object_get(c, "expect"), &v, o);
        verdict_free(&v);
    }
    provider_free(&p);
}

/* ---- VERIFY.md's stateful checks, on the repository's vectors ----------- */

static int stateful_passed, stateful_failed;

static void stateful_check(int ok, const char *what, const char *why) {
    if (ok) {
        stateful_passed++;
    } else {
        stateful_failed++;
        printf("  FAIL c verify.json stateful: %s: %s\n", what, why);
    }
}

static json_t *find_case(json_t *cases, const char *id) {
    size_t i;
    json_t *c;
    json_array_foreach(cases, i, c) {
        if (json_is_string(json_object_get(c, "id")) &&
            strcmp(json_string_value(json_object_get(c, "id")), id) == 0)
            return c;
    }
    return NULL;
}

/* Verifies case c's request against p and compares with its expect block;
 * on a difference, reports it under `what`. Returns whether it matched,
 * and leaves the verdict in *v (freed by the caller). */
static int replay(const provider *p, json_t *c, verdict *v, const char *what) {
    outcome o = {0, ""};
    if (!verify_request(p, json_object_get(c, "request"), v, &o)) {
        stateful_check(0, what, o.why);
        return 0;
    }
    int same = compare_verify(json_object_get(c, "expect"), v, &o);
    if (!same) stateful_check(0, what, o.why);
    return same;
}

/* Whether a verdict is a refusal with this oauth_problem code. */
static int refused_with(const verdict *v, const char *code) {
    char *got = NULL;
    int same = v->result == OAUTH1_RESULT_VERIFICATION_FAILED &&
               oauth1_problem_code(v->problem, &got) == OAUTH1_RESULT_OK && strcmp(got, code) == 0;
    oauth1_string_free(got);
    return same;
}

static int run_stateful(const char *dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/verify.json", dir);
    json_error_t err;
    json_t *cases = json_load_file(path, JSON_ALLOW_NUL, &err);
    const char *genuine_id = "valid-hmac-sha1-get-query-realm";
    const char *forgeries[] = {"fault-signature-tampered-hmac-sha1", "fault-query-value-tampered",
                               "fault-signature-not-base64-hmac"};
    json_t *genuine = json_is_array(cases) ? find_case(cases, genuine_id) : NULL;
    if (genuine == NULL) {
        printf("c verify.json stateful: cannot read %s or it lacks %s\n", path, genuine_id);
        json_decref(cases);
        return 1;
    }
    json_t *common = json_object_get(genuine, "provider");
    provider p;
    verdict v;
    outcome o = {0, ""};
    char what[512];

    /* A failed request records no nonce: each forgery, then the genuine
     * request with the same consumer, token, timestamp and nonce. */
    for (size_t f = 0; f < sizeof forgeries / sizeof forgeries[0]; f++) {
        json_t *fault = find_case(cases, forgeries[f]);
        snprintf(what, sizeof what, "%s, then %s", forgeries[f], genuine_id);
        if (fault == NULL || !build_provider(common, &p, &o)) {
            stateful_check(0, what, fault ? o.why : "no such case");
            continue;
        }
        if (replay(&p, fault, &v, what)) {
            verdict_free(&v);
            if (replay(&p, genuine, &v, what)) stateful_check(1, what, "");
        }
        verdict_free(&v);
        provider_free(&p);
    }
    /* All three forgeries in a row burn nothing either. */
    snprintf(what, sizeof what, "three forgeries in a row, then %s", genuine_id);
    if (build_provider(common, &p, &o)) {
        size_t before = 0, after = 0;
        oauth1_nonce_store_len(p.nonces, &before);
        int all = 1;
        for (size_t f = 0; f < sizeof forgeries / sizeof forgeries[0]; f++) {
            json_t *fault = find_case(cases, forgeries[f]);
            all = all && fault != NULL && replay(&p, fault, &v, what);
            verdict_free(&v);
        }
        oauth1_nonce_store_len(p.nonces, &after);
        if (all && after != before) stateful_check(0, what, "the forgeries recorded nonces");
        else if (all && replay(&p, genuine, &v, what)) stateful_check(1, what, "");
        verdict_free(&v);
    } else {
        stateful_check(0, what, o.why);
    }
    provider_free(&p);

    /* A success records the nonce: every valid vector, twice, against its
     * own provider; the replay of one that carries a nonce is nonce_used
     * (401), and one without a nonce (PLAINTEXT) has nothing to record. */
    size_t i;
    json_t *c;
    int replayed = 0;
    json_array_foreach(cases, i, c) {
        if (!json_is_true(json_object_get(json_object_get(c, "expect"), "ok"))) continue;
        const char *id = json_string_value(json_object_get(c, "id"));
        snprintf(what, sizeof what, "%s replayed", id ? id : "?");
        if (!build_provider(json_object_get(c, "provider"), &p, &o)) {
            stateful_check(0, what, o.why);
            continue;
        }
        if (replay(&p, c, &v, what)) {
            char *nonce = NULL;
            int has_nonce = oauth1_verified_nonce(v.verified, &nonce) == OAUTH1_RESULT_OK;
            oauth1_string_free(nonce);
            verdict_free(&v);
            outcome ignored = {0, ""};
            if (verify_request(&p, json_object_get(c, "request"), &v, &ignored)) {
                uint16_t status = 0;
                if (has_nonce) {
                    oauth1_problem_http_status(v.problem, &status);
                    stateful_check(refused_with(&v, "nonce_used") && status == 401, what, v.message);
                    replayed++;
                } else {
                    stateful_check(v.result == OAUTH1_RESULT_OK, what, v.message);
                }
            } else {
                stateful_check(0, what, ignored.why);
            }
        }
        verdict_free(&v);
        provider_free(&p);
    }
    stateful_check(replayed >= 20, "valid vectors carrying a nonce", "fewer than 20");

    /* Every vector of the shared provider block, in file order, against one
     * provider; then every accepted one that carries a nonce again: all
     * nonce_used. */
    if (build_provider(common, &p, &o)) {
        json_t *accepted = json_array();
        int sharing = 0, all = 1;
        json_array_foreach(cases, i, c) {
            if (!json_equal(json_object_get(c, "provider"), common)) continue;
            sharing++;
            const char *id = json_string_value(json_object_get(c, "id"));
            snprintf(what, sizeof what, "%s against the shared provider", id ? id : "?");
            if (!replay(&p, c, &v, what)) all = 0;
            char *nonce = NULL;
            if (v.result == OAUTH1_RESULT_OK &&
                oauth1_verified_nonce(v.verified, &nonce) == OAUTH1_RESULT_OK)
                json_array_append(accepted, c);
            oauth1_string_free(nonce);
            verdict_free(&v);
        }
        stateful_check(all && sharing > 40, "the shared provider's vectors in file order",
                       "a vector differed, or fewer than 40 share the provider");
        json_array_foreach(accepted, i, c) {
            const char *id = json_string_value(json_object_get(c, "id"));
            snprintf(what, sizeof what, "%s again on the shared provider", id ? id : "?");
            outcome ignored = {0, ""};
            if (verify_request(&p, json_object_get(c, "request"), &v, &ignored))
                stateful_check(refused_with(&v, "nonce_used"), what, v.message);
            else
                stateful_check(0, what, ignored.why);
            verdict_free(&v);
        }
        json_decref(accepted);
    } else {
        stateful_check(0, "the shared provider", o.why);
    }
    provider_free(&p);

    printf("c verify.json stateful: %d passed, %d failed\n", stateful_passed, stateful_failed);
    json_decref(cases);
    return stateful_failed ? 1 : 0;
}

typedef void (*runner)(json_t *, outcome *);

static const struct {
    const char *file;
    runner run;
} FILES[] = {
    {"vectors.json", run_vector},
    {"errors.json", run_error},
    {"verify.json", run_verify},
};

/* Runs one file; returns the number of failures (a file that cannot be read
 * counts as one). */
static int run_file(const char *dir, const char *file, runner run, int *found) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "rb");
    if (f == NULL) return 0; /* not in this folder */
    fclose(f);
    *found = 1;
    json_error_t err;
    json_t *cases = json_load_file(path, JSON_ALLOW_NUL, &err);
    if (!json_is_array(cases)) {
        printf("  FAIL c %s: cannot read: %s (line %d)\n", file,
               cases ? "not a JSON list" : err.text, err.line);
        printf("c %s: 0 passed, 1 failed\n", file);
        json_decref(cases);
        return 1;
    }
    int passed = 0, failed = 0;
    size_t i;
    json_t *c;
    json_array_foreach(cases, i, c) {
        char id[256];
        json_t *idv = json_object_get(c, "id");
        if (json_is_string(idv))
            snprintf(id, sizeof id, "%s", json_string_value(idv));
        else
            snprintf(id, sizeof id, "#%zu", i);
        outcome o = {0, ""};
        if (!json_is_object(c))
            fail(&o, "cannot run: case is not an object");
        else
            run(c, &o);
        if (o.passed) {
            passed++;
        } else {
            failed++;
            printf("  FAIL c %s %s: %s\n", file, id, o.why);
        }
    }
    printf("c %s: %d passed, %d failed\n", file, passed, failed);
    json_decref(cases);
    return failed;
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 1 && strcmp(argv[1], "--stateful") == 0)
        return run_stateful(argc > 2 ? argv[2] : "tests/conformance/vectors");
    const char *dir = argc > 1 ? argv[1] : "tests/conformance/vectors";
    int failures = 0, found = 0;
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++)
        failures += run_file(dir, FILES[i].file, FILES[i].run, &found);
    if (!found) {
        printf("c: no vector file found in %s\n", dir);
        return 1;
    }
    return failures ? 1 : 0;
}
