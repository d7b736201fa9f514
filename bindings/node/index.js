'use strict';
// liboauth1 for Node.js: a thin koffi binding over the C ABI (include/oauth1.h).
// Every OAuth rule lives in the Rust core behind liboauth1.so; this file only
// moves strings and bytes across the boundary, turns result codes into
// exceptions carrying the library's message, and frees every handle (explicit
// close() plus a FinalizationRegistry for what is never closed).

const fs = require('node:fs');
const path = require('node:path');
const koffi = require('koffi');

// ---- loading the library ---------------------------------------------------

// OAUTH1_LIB names the library file; else the repository's build
// (target/c/lib, from `make c-lib`); else the system's (make install).
function libraryPath() {
  if (process.env.OAUTH1_LIB) return process.env.OAUTH1_LIB;
  const built = path.resolve(__dirname, '..', '..', 'target', 'c', 'lib', 'liboauth1.so');
  return fs.existsSync(built) ? built : 'liboauth1.so.0';
}

const lib = koffi.load(libraryPath());

for (const name of [
  'oauth1_signer_builder', 'oauth1_signer', 'oauth1_sign_options', 'oauth1_signed',
  'oauth1_token_response', 'oauth1_verifier', 'oauth1_credentials', 'oauth1_nonce_store',
  'oauth1_verified', 'oauth1_problem', 'oauth1_token_passport_signer', 'oauth1_token_passport',
]) {
  koffi.opaque(name);
}
koffi.struct('oauth1_header', { name: 'const char *', value: 'const char *' });

const stringFree = lib.func('void oauth1_string_free(void *s)');
// A string the library returned: decoded to a JS string, then freed (zeroed) at once.
koffi.disposable('oauth1_owned_str', 'str', stringFree);

// Every declaration is the header's, with `char **` outputs as owned strings.
const C = {};
for (const decl of [
  'const char *oauth1_version(void)',
  'size_t oauth1_last_error_message(_Out_ uint8_t *buf, size_t len)',
  'const char *oauth1_result_str(uint32_t result)',
  'uint32_t oauth1_authorization_url(const char *authorize_url, const char *request_token, _Out_ oauth1_owned_str *url_out)',
  'uint32_t oauth1_parse_callback(const char *url_or_query, _Out_ oauth1_owned_str *token_out, _Out_ oauth1_owned_str *verifier_out)',
  'uint32_t oauth1_parse_callback_for(const char *url_or_query, const char *request_token, _Out_ oauth1_owned_str *token_out, _Out_ oauth1_owned_str *verifier_out)',
  'uint32_t oauth1_parse_token_response(const uint8_t *body, size_t body_len, bool require_callback_confirmed, _Out_ oauth1_token_response **out)',
  'void oauth1_token_response_free(oauth1_token_response *r)',
  'uint32_t oauth1_token_response_token(const oauth1_token_response *r, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_token_response_token_secret(const oauth1_token_response *r, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_token_response_callback_confirmed(const oauth1_token_response *r, _Out_ bool *out)',
  'uint32_t oauth1_token_response_extra_count(const oauth1_token_response *r, _Out_ size_t *out)',
  'uint32_t oauth1_token_response_extra(const oauth1_token_response *r, size_t index, _Out_ oauth1_owned_str *name_out, _Out_ oauth1_owned_str *value_out)',
  'void oauth1_signed_free(oauth1_signed *s)',
  'uint32_t oauth1_signed_signature(const oauth1_signed *s, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_signed_base_string(const oauth1_signed *s, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_signed_normalized_parameters(const oauth1_signed *s, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_signed_authorization_header(const oauth1_signed *s, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_signed_url(const oauth1_signed *s, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_signed_form_body(const oauth1_signed *s, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_signed_oauth_query(const oauth1_signed *s, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_signed_oauth_parameter_count(const oauth1_signed *s, _Out_ size_t *out)',
  'uint32_t oauth1_signed_oauth_parameter(const oauth1_signed *s, size_t index, _Out_ oauth1_owned_str *name_out, _Out_ oauth1_owned_str *value_out)',
  'uint32_t oauth1_signer_builder_new(const char *consumer_key, const char *consumer_secret, _Out_ oauth1_signer_builder **out)',
  'void oauth1_signer_builder_free(oauth1_signer_builder *b)',
  'uint32_t oauth1_signer_builder_set_token(oauth1_signer_builder *b, const char *token, const char *token_secret)',
  'uint32_t oauth1_signer_builder_set_signature_method(oauth1_signer_builder *b, const char *name)',
  'uint32_t oauth1_signer_builder_set_realm(oauth1_signer_builder *b, const char *realm)',
  'uint32_t oauth1_signer_builder_set_rsa_private_key_pem(oauth1_signer_builder *b, const char *pem)',
  'uint32_t oauth1_signer_builder_set_include_version(oauth1_signer_builder *b, bool include)',
  'uint32_t oauth1_signer_builder_set_body_hash_policy(oauth1_signer_builder *b, const char *policy)',
  'uint32_t oauth1_signer_builder_set_nonce(oauth1_signer_builder *b, size_t length, const char *alphabet)',
  'uint32_t oauth1_signer_builder_build(const oauth1_signer_builder *b, _Out_ oauth1_signer **out)',
  'void oauth1_signer_free(oauth1_signer *s)',
  'uint32_t oauth1_signer_with_token(const oauth1_signer *s, const char *token, const char *token_secret, _Out_ oauth1_signer **out)',
  'uint32_t oauth1_signer_consumer_key(const oauth1_signer *s, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_signer_token(const oauth1_signer *s, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_signer_signature_method(const oauth1_signer *s, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_signer_realm(const oauth1_signer *s, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_signer_sign(const oauth1_signer *s, const char *method, const char *url, const uint8_t *body, size_t body_len, const char *content_type, const oauth1_sign_options *options, _Out_ oauth1_signed **out)',
  'uint32_t oauth1_signer_request_token_request(const oauth1_signer *s, const char *url, const char *callback, _Out_ oauth1_signed **out)',
  'uint32_t oauth1_signer_access_token_request(const oauth1_signer *s, const char *url, const char *verifier, _Out_ oauth1_signed **out)',
  'uint32_t oauth1_sign_options_new(_Out_ oauth1_sign_options **out)',
  'void oauth1_sign_options_free(oauth1_sign_options *o)',
  'uint32_t oauth1_sign_options_set_timestamp(oauth1_sign_options *o, uint32_t mode, const char *value)',
  'uint32_t oauth1_sign_options_set_nonce(oauth1_sign_options *o, uint32_t mode, const char *value)',
  'uint32_t oauth1_sign_options_set_callback(oauth1_sign_options *o, const char *callback)',
  'uint32_t oauth1_sign_options_set_verifier(oauth1_sign_options *o, const char *verifier)',
  'uint32_t oauth1_sign_options_add_extra_oauth_param(oauth1_sign_options *o, const char *name, const char *value)',
  'uint32_t oauth1_verifier_new(_Out_ oauth1_verifier **out)',
  'void oauth1_verifier_free(oauth1_verifier *v)',
  'uint32_t oauth1_verifier_set_signature_methods(oauth1_verifier *v, const char **names, size_t names_count)',
  'uint32_t oauth1_verifier_allow_signature_method(oauth1_verifier *v, const char *name)',
  'uint32_t oauth1_verifier_is_allowed(const oauth1_verifier *v, const char *name, _Out_ bool *out)',
  'uint32_t oauth1_verifier_set_timestamp_window(oauth1_verifier *v, uint64_t seconds)',
  'uint32_t oauth1_verifier_timestamp_window(const oauth1_verifier *v, _Out_ uint64_t *out)',
  'uint32_t oauth1_verifier_set_clock(oauth1_verifier *v, uint64_t now)',
  'uint32_t oauth1_verifier_use_system_clock(oauth1_verifier *v)',
  'uint32_t oauth1_verifier_now(const oauth1_verifier *v, _Out_ uint64_t *out)',
  'uint32_t oauth1_verifier_verify_headers(const oauth1_verifier *v, const oauth1_credentials *c, const oauth1_nonce_store *n, const char *method, const char *url, const oauth1_header *headers, size_t headers_count, const uint8_t *body, size_t body_len, _Out_ oauth1_verified **verified_out, _Out_ oauth1_problem **problem_out)',
  'uint32_t oauth1_received_url(bool tls, const char *target, const oauth1_header *headers, size_t headers_count, bool trust_proxy_headers, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_credentials_new(_Out_ oauth1_credentials **out)',
  'void oauth1_credentials_free(oauth1_credentials *c)',
  'uint32_t oauth1_credentials_add_consumer(const oauth1_credentials *c, const char *key, const char *secret, const char *rsa_public_key_pem)',
  'uint32_t oauth1_credentials_add_token(const oauth1_credentials *c, const char *token, const char *secret, const char *consumer_key)',
  'uint32_t oauth1_credentials_remove_consumer(const oauth1_credentials *c, const char *key)',
  'uint32_t oauth1_credentials_remove_token(const oauth1_credentials *c, const char *token)',
  'uint32_t oauth1_credentials_consumer_count(const oauth1_credentials *c, _Out_ size_t *out)',
  'uint32_t oauth1_credentials_token_count(const oauth1_credentials *c, _Out_ size_t *out)',
  'uint32_t oauth1_nonce_store_new(_Out_ oauth1_nonce_store **out)',
  'void oauth1_nonce_store_free(oauth1_nonce_store *n)',
  'uint32_t oauth1_nonce_store_check_and_record(const oauth1_nonce_store *n, const char *consumer_key, const char *token, uint64_t timestamp, const char *nonce, uint64_t now, uint64_t window, _Out_ bool *out)',
  'uint32_t oauth1_nonce_store_contains(const oauth1_nonce_store *n, const char *consumer_key, const char *token, uint64_t timestamp, const char *nonce, _Out_ bool *out)',
  'uint32_t oauth1_nonce_store_len(const oauth1_nonce_store *n, _Out_ size_t *out)',
  'uint32_t oauth1_nonce_store_forget_expired(const oauth1_nonce_store *n, uint64_t now, uint64_t window)',
  'void oauth1_verified_free(oauth1_verified *v)',
  'uint32_t oauth1_verified_consumer_key(const oauth1_verified *v, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_verified_token(const oauth1_verified *v, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_verified_signature_method(const oauth1_verified *v, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_verified_realm(const oauth1_verified *v, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_verified_nonce(const oauth1_verified *v, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_verified_timestamp(const oauth1_verified *v, _Out_ uint64_t *out)',
  'uint32_t oauth1_verified_parameter_location(const oauth1_verified *v, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_verified_oauth_parameter_count(const oauth1_verified *v, _Out_ size_t *out)',
  'uint32_t oauth1_verified_oauth_parameter(const oauth1_verified *v, size_t index, _Out_ oauth1_owned_str *name_out, _Out_ oauth1_owned_str *value_out)',
  'void oauth1_problem_free(oauth1_problem *p)',
  'uint32_t oauth1_problem_code(const oauth1_problem *p, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_problem_http_status(const oauth1_problem *p, _Out_ uint16_t *out)',
  'uint32_t oauth1_problem_parameter_count(const oauth1_problem *p, _Out_ size_t *out)',
  'uint32_t oauth1_problem_parameter(const oauth1_problem *p, size_t index, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_problem_message(const oauth1_problem *p, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_problem_www_authenticate(const oauth1_problem *p, const char *realm, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_problem_body(const oauth1_problem *p, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_problem_acceptable_timestamps(const oauth1_problem *p, _Out_ uint64_t *min_out, _Out_ uint64_t *max_out)',
  'uint32_t oauth1_signer_builder_new_for_profile(const char *profile, const char *consumer_key, const char *consumer_secret, const char *account, _Out_ oauth1_signer_builder **out)',
  'uint32_t oauth1_signer_builder_set_monotonic_timestamps(oauth1_signer_builder *b, bool enabled)',
  'uint32_t oauth1_verifier_new_for_profile(const char *profile, _Out_ oauth1_verifier **out)',
  'size_t oauth1_profile_count(void)',
  'uint32_t oauth1_profile_name(size_t index, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_profile_get(const char *profile, const char *field, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_token_passport_signer_new(const char *account, const char *consumer_key, const char *consumer_secret, const char *token, const char *token_secret, _Out_ oauth1_token_passport_signer **out)',
  'void oauth1_token_passport_signer_free(oauth1_token_passport_signer *s)',
  'uint32_t oauth1_token_passport_signer_sign(const oauth1_token_passport_signer *s, uint32_t timestamp_mode, const char *timestamp, uint32_t nonce_mode, const char *nonce, _Out_ oauth1_token_passport **out)',
  'void oauth1_token_passport_free(oauth1_token_passport *p)',
  'uint32_t oauth1_token_passport_signature(const oauth1_token_passport *p, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_token_passport_base_string(const oauth1_token_passport *p, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_token_passport_timestamp(const oauth1_token_passport *p, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_token_passport_nonce(const oauth1_token_passport *p, _Out_ oauth1_owned_str *out)',
  'uint32_t oauth1_token_passport_xml(const oauth1_token_passport *p, const char *xml_namespace, _Out_ oauth1_owned_str *out)',
]) {
  const fn = lib.func(decl);
  C[decl.match(/(oauth1_\w+)\(/)[1]] = fn;
}


// ---- errors -----------------------------------------------------------------

/** The stable kind name of each oauth1_result number (the header's enum). */
const RESULT_KINDS = Object.freeze([
  'ok', 'null_parameter', 'invalid_utf8', 'panic', 'not_found', 'interior_nul', 'invalid_url',
  'invalid_encoding', 'unsupported_signature_method', 'invalid_key', 'invalid_parameter',
  'invalid_response', 'other', 'verification_failed',
]);
const OK = 0;
const NOT_FOUND = 4;
const INTERIOR_NUL = 5;
const INVALID_UTF8 = 2;
const VERIFICATION_FAILED = 13;

/**
 * Every failure of the library: `kind` is the result's stable name (e.g.
 * `invalid_url`), `result` its number in the C ABI, and `message` the
 * library's detailed message naming the offending input.
 */
class OAuth1Error extends Error {
  constructor(result, message) {
    super(message);
    this.name = 'OAuth1Error';
    this.result = result;
    this.kind = RESULT_KINDS[result] || 'other';
  }
}

// The calling thread's last error message (thread-local in the library; JS
// calls run on one thread, so it is read right after the failing call).
function lastErrorMessage() {
  const len = Number(C.oauth1_last_error_message(null, 0));
  if (len === 0) return '';
  const buf = Buffer.alloc(len + 1);
  C.oauth1_last_error_message(buf, buf.length);
  return buf.toString('utf8', 0, len);
}

function check(result) {
  if (result !== OK) {
    throw new OAuth1Error(result, lastErrorMessage() || C.oauth1_result_str(result));
  }
}

// ---- strings and bytes in ----------------------------------------------------

// A JS string for a `const char *` parameter: NUL-terminated UTF-8, so a NUL
// inside, or a lone surrogate (no UTF-8 for it), is refused here instead of
// being cut or replaced on the way.
function cstr(value, name) {
  if (typeof value !== 'string') {
    throw new TypeError(`${name} must be a string, not ${value === null ? 'null' : typeof value}`);
  }
  const nul = value.indexOf('\0');
  if (nul !== -1) {
    throw new OAuth1Error(INTERIOR_NUL, `${name} holds a NUL character at index ${nul}, which a C string cannot carry`);
  }
  if (!value.isWellFormed()) {
    throw new OAuth1Error(INVALID_UTF8, `${name} holds a lone UTF-16 surrogate, which has no UTF-8 form`);
  }
  return value;
}

function optCstr(value, name) {
  return value === undefined || value === null ? null : cstr(value, name);
}

const EMPTY = Buffer.alloc(1); // a non-NULL pointer for an empty body (NULL is "no body")

// A body for a (ptr, len) parameter: [bytes, length]; a string is sent as UTF-8.
function bytes(value, name) {
  if (value === undefined || value === null) return [null, 0];
  let buf;
  if (typeof value === 'string') {
    if (!value.isWellFormed()) {
      throw new OAuth1Error(INVALID_UTF8, `${name} holds a lone UTF-16 surrogate, which has no UTF-8 form`);
    }
    buf = Buffer.from(value, 'utf8');
  } else if (value instanceof Uint8Array) {
    buf = value; // Buffers included: passed as they are
  } else if (ArrayBuffer.isView(value)) {
    buf = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  } else if (value instanceof ArrayBuffer) {
    buf = Buffer.from(value);
  } else {
    throw new TypeError(`${name} must be a string, Buffer, Uint8Array or ArrayBuffer`);
  }
  return buf.byteLength === 0 ? [EMPTY, 0] : [buf, buf.byteLength];
}

// Headers as [{name, value}] for `const oauth1_header *`: a plain object, a
// Headers instance, a Map or an array of [name, value] pairs.
function headerArray(headers, name) {
  if (headers === undefined || headers === null) return [];
  const pairs = Array.isArray(headers) ? headers
    : typeof headers.entries === 'function' ? Array.from(headers.entries())
      : Object.entries(headers);
  return pairs.map(([n, v]) => ({ name: cstr(n, `${name} name`), value: cstr(String(v), `${name}[${n}]`) }));
}

function u64(value, name) {
  if (typeof value === 'bigint') {
    if (value < 0n) throw new RangeError(`${name} must not be negative`);
    return value;
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer`);
  }
  return value;
}

// ---- handles -------------------------------------------------------------------

// What is never closed is freed once garbage-collected.
const finalizers = new FinalizationRegistry(({ free, ptr }) => free(ptr));

// Owns one library handle: close() frees it now (and twice is harmless);
// otherwise the finalizer frees it once the object is unreachable.
class Handle {
  constructor(ptr, free) {
    this._ptr = ptr;
    this._free = free;
    finalizers.register(this, { free, ptr }, this);
  }

  get _handle() {
    if (this._ptr === null) throw new Error(`this ${this.constructor.name} is closed`);
    return this._ptr;
  }

  /** Frees the library's handle now; using the object afterwards throws. */
  close() {
    if (this._ptr !== null) {
      finalizers.unregister(this);
      this._free(this._ptr);
      this._ptr = null;
    }
  }

}
// `using` (explicit resource management) closes a handle where the runtime has it.
if (typeof Symbol.dispose === 'symbol') {
  Handle.prototype[Symbol.dispose] = function dispose() { this.close(); };
}

// Calls a getter with one owned-string output; null for NOT_FOUND when allowed.
function getString(fn, ptr, optional = false) {
  const out = [null];
  const r = fn(ptr, out);
  if (optional && r === NOT_FOUND) return null;
  check(r);
  return out[0];
}

function getNumber(fn, ptr, optional = false) {
  const out = [null];
  const r = fn(ptr, out);
  if (optional && r === NOT_FOUND) return null;
  check(r);
  return typeof out[0] === 'bigint' ? Number(out[0]) : out[0];
}

function pairs(countFn, getFn, ptr) {
  const n = getNumber(countFn, ptr);
  const result = [];
  for (let i = 0; i < n; i++) {
    const name = [null];
    const value = [null];
    check(getFn(ptr, i, name, value));
    result.push([name[0], value[0]]);
  }
  return result;
}

// ---- signing ---------------------------------------------------------------------

/** Pass as `timestamp` or `nonce` to leave the parameter out (PLAINTEXT allows it). */
const OMIT = Symbol('oauth1.OMIT');

const SIGNATURE_METHODS = Object.freeze([
  'HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT', 'RSA-SHA1', 'RSA-SHA256', 'RSA-SHA512',
]);

/** The body-hash policies' names (the library checks them). */
const BODY_HASH_POLICIES = Object.freeze(['off', 'non-form', 'always']);

const GENERATED_AUTO = 0;
const GENERATED_FIXED = 1;
const GENERATED_OMIT = 2;

function setGenerated(fn, ptr, value, name) {
  if (value === undefined || value === null) {
    check(fn(ptr, GENERATED_AUTO, null));
  } else if (value === OMIT) {
    check(fn(ptr, GENERATED_OMIT, null));
  } else {
    const text = typeof value === 'number' || typeof value === 'bigint' ? String(value) : value;
    check(fn(ptr, GENERATED_FIXED, cstr(text, name)));
  }
}

/**
 * Per-request protocol parameters, made once and reusable for many requests
 * (e.g. a fixed timestamp and nonce for tests and benchmarks).
 */
class SignOptions extends Handle {
  constructor({ timestamp, nonce, callback, verifier, extraOAuthParams } = {}) {
    const out = [null];
    check(C.oauth1_sign_options_new(out));
    super(out[0], C.oauth1_sign_options_free);
    const ptr = this._ptr;
    setGenerated(C.oauth1_sign_options_set_timestamp, ptr, timestamp, 'timestamp');
    setGenerated(C.oauth1_sign_options_set_nonce, ptr, nonce, 'nonce');
    if (callback !== undefined && callback !== null) {
      check(C.oauth1_sign_options_set_callback(ptr, cstr(callback, 'callback')));
    }
    if (verifier !== undefined && verifier !== null) {
      check(C.oauth1_sign_options_set_verifier(ptr, cstr(verifier, 'verifier')));
    }
    const extra = extraOAuthParams instanceof Map ? extraOAuthParams.entries() : Object.entries(extraOAuthParams || {});
    for (const [name, value] of extra) {
      check(C.oauth1_sign_options_add_extra_oauth_param(ptr, cstr(name, 'extra parameter name'), cstr(value, name)));
    }
  }
}

const OPTION_NAMES = ['timestamp', 'nonce', 'callback', 'verifier', 'extraOAuthParams'];

/**
 * A signed request: every transmission (Authorization header, signed URL,
 * signed form body) and the explanation (base string, normalized
 * parameters). Each is fetched from the library once, when first read.
 */
class SignedRequest extends Handle {
  constructor(ptr) {
    super(ptr, C.oauth1_signed_free);
    this._cache = new Map();
  }

  _get(fn) {
    let v = this._cache.get(fn);
    if (v === undefined) {
      v = getString(fn, this._handle);
      this._cache.set(fn, v);
    }
    return v;
  }

  /** The `Authorization` header value: `OAuth realm="...", oauth_consumer_key="...", ...`. */
  get authorizationHeader() { return this._get(C.oauth1_signed_authorization_header); }

  /** `oauth_signature`, not percent-encoded. */
  get signature() { return this._get(C.oauth1_signed_signature); }

  /** The signature base string (RFC 5849 s3.4.1.1). */
  get baseString() { return this._get(C.oauth1_signed_base_string); }

  /** The normalized request parameters (RFC 5849 s3.4.1.3.2). */
  get normalizedParameters() { return this._get(C.oauth1_signed_normalized_parameters); }

  /** The URL with the protocol parameters in its query (RFC 5849 s3.5.3). */
  get url() { return this._get(C.oauth1_signed_url); }

  /** The form body with the protocol parameters appended (RFC 5849 s3.5.2); throws for a non-form body. */
  get formBody() { return this._get(C.oauth1_signed_form_body); }

  /** The protocol parameters as one encoded `oauth_...=...&...` string, `oauth_signature` last. */
  get oauthQuery() { return this._get(C.oauth1_signed_oauth_query); }

  /** The protocol parameters sent, decoded, in order (`oauth_signature` last), as [name, value] pairs. */
  get oauthParameters() {
    return pairs(C.oauth1_signed_oauth_parameter_count, C.oauth1_signed_oauth_parameter, this._handle);
  }
}

function signed(fn, ...args) {
  const out = [null];
  check(fn(...args, out));
  return new SignedRequest(out[0]);
}

// Applies the options to builder `b`, builds the signer and frees the builder
// (also on failure): the oauth1_signer pointer.
function buildSigner(b, options) {
  const {
    token, tokenSecret, signatureMethod, realm, rsaPrivateKey, includeVersion, bodyHash, nonceLength,
    nonceAlphabet, monotonicTimestamps,
  } = options;
  const out = [null];
  try {
    if (token !== undefined && token !== null) {
      check(C.oauth1_signer_builder_set_token(b, cstr(token, 'token'), cstr(tokenSecret ?? '', 'tokenSecret')));
    }
    if (signatureMethod !== undefined) {
      check(C.oauth1_signer_builder_set_signature_method(b, cstr(signatureMethod, 'signatureMethod')));
    }
    if (realm !== undefined && realm !== null) check(C.oauth1_signer_builder_set_realm(b, cstr(realm, 'realm')));
    if (rsaPrivateKey !== undefined && rsaPrivateKey !== null) {
      check(C.oauth1_signer_builder_set_rsa_private_key_pem(b, cstr(rsaPrivateKey, 'rsaPrivateKey')));
    }
    if (includeVersion !== undefined) check(C.oauth1_signer_builder_set_include_version(b, Boolean(includeVersion)));
    if (bodyHash !== undefined) check(C.oauth1_signer_builder_set_body_hash_policy(b, bodyHashPolicy(bodyHash)));
    if (nonceLength !== undefined || nonceAlphabet !== undefined) {
      check(C.oauth1_signer_builder_set_nonce(b, nonceLength ?? 32, optCstr(nonceAlphabet, 'nonceAlphabet')));
    }
    if (monotonicTimestamps !== undefined) {
      check(C.oauth1_signer_builder_set_monotonic_timestamps(b, Boolean(monotonicTimestamps)));
    }
    check(C.oauth1_signer_builder_build(b, out));
  } finally {
    C.oauth1_signer_builder_free(b);
  }
  return out[0];
}

/**
 * Signs requests with one set of credentials (immutable; the key state is
 * prepared once). Options: token, tokenSecret, signatureMethod (exact name,
 * default HMAC-SHA1), realm, rsaPrivateKey (PEM), includeVersion (default
 * true), bodyHash ('off' default, 'non-form', 'always', or a boolean: true
 * is 'always'), nonceLength and nonceAlphabet, monotonicTimestamps
 * (timestamps that never go backwards; off unless the profile says so).
 */
class Signer extends Handle {
  constructor(consumerKey, consumerSecret, options = {}) {
    if (consumerKey === Signer._wrap) {
      super(consumerSecret, C.oauth1_signer_free); // internal: wraps a signer pointer
      return;
    }
    const builder = [null];
    check(C.oauth1_signer_builder_new(cstr(consumerKey, 'consumerKey'), cstr(consumerSecret, 'consumerSecret'), builder));
    super(buildSigner(builder[0], options), C.oauth1_signer_free);
  }

  /**
   * A signer with a provider profile's settings (see profiles()): its
   * signature method, oauth_version, body-hash policy, nonces and timestamp
   * rule (NetSuite: monotonic). Options are the constructor's plus `account`
   * (a NetSuite account id such as `1234567-sb1`, which makes the realm
   * `1234567_SB1`, or a store URL) and `monotonicTimestamps`. Building
   * refuses a signature method the provider does not accept, and a NetSuite
   * signer without an account or realm.
   */
  static forProfile(profile, consumerKey, consumerSecret, options = {}) {
    const { account, ...rest } = options;
    const builder = [null];
    check(C.oauth1_signer_builder_new_for_profile(cstr(profile, 'profile'), cstr(consumerKey, 'consumerKey'),
      cstr(consumerSecret, 'consumerSecret'), optCstr(account, 'account'), builder));
    return new Signer(Signer._wrap, buildSigner(builder[0], rest));
  }

  /** The consumer key. */
  get consumerKey() { return getString(C.oauth1_signer_consumer_key, this._handle); }

  /** The token, or null. */
  get token() { return getString(C.oauth1_signer_token, this._handle, true); }

  /** The signature method's name, e.g. `HMAC-SHA256`. */
  get signatureMethod() { return getString(C.oauth1_signer_signature_method, this._handle); }

  /** The realm, or null. */
  get realm() { return getString(C.oauth1_signer_realm, this._handle, true); }

  /** A new signer with the same consumer and settings and this token (e.g. after the token exchange). */
  withToken(token, tokenSecret) {
    const out = [null];
    check(C.oauth1_signer_with_token(this._handle, cstr(token, 'token'), cstr(tokenSecret, 'tokenSecret'), out));
    return new Signer(Signer._wrap, out[0]);
  }

  /**
   * Signs a request, synchronously. `body` (string, sent as UTF-8, or bytes)
   * is signed as parameters only when `contentType` is a form; any other body
   * only feeds the body hash. `timestamp` / `nonce`: undefined for fresh ones,
   * a fixed value, or OMIT. `options` may be a reusable SignOptions instead.
   */
  sign(method, url, init) {
    return new SignedRequest(this._sign(method, url, init));
  }

  /**
   * Signs like sign() and returns just the `Authorization` header value,
   * freeing the signed request at once (no handle is kept: the fast path
   * for HTTP clients).
   */
  authorizationHeader(method, url, init) {
    const ptr = this._sign(method, url, init);
    try {
      return getString(C.oauth1_signed_authorization_header, ptr);
    } finally {
      C.oauth1_signed_free(ptr);
    }
  }

  // Signs and returns the oauth1_signed pointer, owned by the caller.
  _sign(method, url, init = {}) {
    const { body, contentType, options } = init;
    const [buf, len] = bytes(body, 'body');
    const m = cstr(method, 'method');
    const u = cstr(url, 'url');
    const ct = optCstr(contentType, 'contentType');
    const out = [null];
    if (options !== undefined) {
      if (!(options instanceof SignOptions)) throw new TypeError('options must be a SignOptions');
      check(C.oauth1_signer_sign(this._handle, m, u, buf, len, ct, options._handle, out));
      return out[0];
    }
    let inline = false;
    for (const key in init) {
      if (key === 'body' || key === 'contentType') continue;
      if (!OPTION_NAMES.includes(key)) throw new TypeError(`unknown sign option ${key}`);
      if (init[key] !== undefined) inline = true;
    }
    if (!inline) {
      check(C.oauth1_signer_sign(this._handle, m, u, buf, len, ct, null, out));
      return out[0];
    }
    const once = new SignOptions(init);
    try {
      check(C.oauth1_signer_sign(this._handle, m, u, buf, len, ct, once._handle, out));
      return out[0];
    } finally {
      once.close();
    }
  }

  /** The temporary-credentials request: `POST url` with `oauth_callback` (`oob` when none). */
  requestTokenRequest(url, { callback } = {}) {
    return signed(C.oauth1_signer_request_token_request, this._handle, cstr(url, 'url'), optCstr(callback, 'callback'));
  }

  /** The token-credentials request: `POST url` with `oauth_verifier`; the signer must hold the request token. */
  accessTokenRequest(url, { verifier }) {
    return signed(C.oauth1_signer_access_token_request, this._handle, cstr(url, 'url'), cstr(verifier, 'verifier'));
  }
}
Signer._wrap = Symbol('wrap');

// A policy name for the library (which refuses unknown names); true and
// false are the C API's own meaning of its boolean setter.
function bodyHashPolicy(value) {
  if (value === true) return 'always';
  if (value === false) return 'off';
  if (typeof value === 'string') return cstr(value, 'bodyHash');
  throw new TypeError(`bodyHash must be a policy name ('off', 'non-form', 'always') or a boolean, not ${typeof value}`);
}

// ---- the token flow -------------------------------------------------------------

/** The resource-owner authorization URL: `authorizeUrl` with `oauth_token` added. */
function authorizationUrl(authorizeUrl, requestToken) {
  const out = [null];
  check(C.oauth1_authorization_url(cstr(authorizeUrl, 'authorizeUrl'), cstr(requestToken, 'requestToken'), out));
  return out[0];
}

/**
 * `oauth_token` and `oauth_verifier` of the callback the provider redirected
 * to (a URL or its query). With `requestToken`, a callback naming another
 * token is refused too (a stale or forged callback).
 */
function parseCallback(urlOrQuery, { requestToken } = {}) {
  const token = [null];
  const verifier = [null];
  const u = cstr(urlOrQuery, 'urlOrQuery');
  if (requestToken === undefined || requestToken === null) {
    check(C.oauth1_parse_callback(u, token, verifier));
  } else {
    check(C.oauth1_parse_callback_for(u, cstr(requestToken, 'requestToken'), token, verifier));
  }
  return { token: token[0], verifier: verifier[0] };
}

/**
 * Parses a form-encoded token response: { token, tokenSecret,
 * callbackConfirmed (null when not sent), extra: [[name, value]] }.
 * requireCallbackConfirmed (default true) is the request-token response's rule.
 */
function parseTokenResponse(body, { requireCallbackConfirmed = true } = {}) {
  const [buf, len] = bytes(body, 'body');
  const out = [null];
  check(C.oauth1_parse_token_response(buf, len, Boolean(requireCallbackConfirmed), out));
  const r = out[0];
  try {
    const extra = pairs(C.oauth1_token_response_extra_count, C.oauth1_token_response_extra, r);
    return {
      token: getString(C.oauth1_token_response_token, r),
      tokenSecret: getString(C.oauth1_token_response_token_secret, r),
      callbackConfirmed: getNumber(C.oauth1_token_response_callback_confirmed, r, true),
      extra,
      get(name) {
        const hit = extra.find(([n]) => n === name);
        return hit ? hit[1] : null;
      },
    };
  } finally {
    C.oauth1_token_response_free(r);
  }
}

// ---- verification ------------------------------------------------------------------

/** The provider's consumers and tokens, held in memory (thread-safe in the library). */
class Credentials extends Handle {
  constructor() {
    const out = [null];
    check(C.oauth1_credentials_new(out));
    super(out[0], C.oauth1_credentials_free);
  }

  /** Adds or replaces a consumer: its shared secret and/or RSA public key (PEM). */
  addConsumer(consumerKey, secret, { rsaPublicKey } = {}) {
    check(C.oauth1_credentials_add_consumer(this._handle, cstr(consumerKey, 'consumerKey'), optCstr(secret, 'secret'),
      optCstr(rsaPublicKey, 'rsaPublicKey')));
    return this;
  }

  /** Adds or replaces a token with its secret and the consumer it was issued to. */
  addToken(token, secret, consumerKey) {
    check(C.oauth1_credentials_add_token(this._handle, cstr(token, 'token'), cstr(secret, 'secret'), cstr(consumerKey, 'consumerKey')));
    return this;
  }

  /** Removes a consumer; false when it was not there. */
  removeConsumer(consumerKey) {
    const r = C.oauth1_credentials_remove_consumer(this._handle, cstr(consumerKey, 'consumerKey'));
    if (r === NOT_FOUND) return false;
    check(r);
    return true;
  }

  /** Removes a token; false when it was not there. */
  removeToken(token) {
    const r = C.oauth1_credentials_remove_token(this._handle, cstr(token, 'token'));
    if (r === NOT_FOUND) return false;
    check(r);
    return true;
  }

  get consumerCount() { return getNumber(C.oauth1_credentials_consumer_count, this._handle); }

  get tokenCount() { return getNumber(C.oauth1_credentials_token_count, this._handle); }
}

/** Replay protection in memory: one process; forgets records once out of the window. */
class MemoryNonceStore extends Handle {
  constructor() {
    const out = [null];
    check(C.oauth1_nonce_store_new(out));
    super(out[0], C.oauth1_nonce_store_free);
  }

  /** Checks and records (consumerKey, token, timestamp, nonce): true when it was new. */
  checkAndRecord(consumerKey, token, timestamp, nonce, { now, window }) {
    const out = [null];
    check(C.oauth1_nonce_store_check_and_record(this._handle, cstr(consumerKey, 'consumerKey'), cstr(token ?? '', 'token'),
      u64(timestamp, 'timestamp'), cstr(nonce, 'nonce'), u64(now, 'now'), u64(window, 'window'), out));
    return out[0];
  }

  /** Whether the store holds (consumerKey, token, timestamp, nonce). */
  contains(consumerKey, token, timestamp, nonce) {
    const out = [null];
    check(C.oauth1_nonce_store_contains(this._handle, cstr(consumerKey, 'consumerKey'), cstr(token ?? '', 'token'),
      u64(timestamp, 'timestamp'), cstr(nonce, 'nonce'), out));
    return out[0];
  }

  /** How many records the store holds. */
  get size() { return getNumber(C.oauth1_nonce_store_len, this._handle); }

  /** Drops every record whose timestamp has left the window at `now`. */
  forgetExpired({ now, window }) {
    check(C.oauth1_nonce_store_forget_expired(this._handle, u64(now, 'now'), u64(window, 'window')));
  }
}

/**
 * A refused request: `problem` (the `oauth_problem` code), `parameters` (the
 * names concerned), `httpStatus`, and the response to send: `wwwAuthenticate`
 * (for the verifier's realm) and `body`; `acceptableTimestamps` [min, max]
 * for `timestamp_refused`. `message` is the library's.
 */
class VerificationError extends OAuth1Error {
  constructor(message, fields) {
    super(VERIFICATION_FAILED, message);
    this.name = 'VerificationError';
    Object.assign(this, fields);
  }
}

// Reads a problem handle into a VerificationError (the handle is freed by the caller).
function problemError(p, message, realm) {
  const parameters = [];
  const n = getNumber(C.oauth1_problem_parameter_count, p);
  for (let i = 0; i < n; i++) {
    const out = [null];
    check(C.oauth1_problem_parameter(p, i, out));
    parameters.push(out[0]);
  }
  const min = [null];
  const max = [null];
  const r = C.oauth1_problem_acceptable_timestamps(p, min, max);
  if (r !== NOT_FOUND) check(r);
  const www = [null];
  check(C.oauth1_problem_www_authenticate(p, realm, www));
  return new VerificationError(message, {
    problem: getString(C.oauth1_problem_code, p),
    parameters,
    httpStatus: getNumber(C.oauth1_problem_http_status, p),
    wwwAuthenticate: www[0],
    body: getString(C.oauth1_problem_body, p),
    acceptableTimestamps: r === OK ? [Number(min[0]), Number(max[0])] : null,
  });
}

/**
 * Checks received requests against `credentials` and `nonceStore`. Options:
 * signatureMethods (default: the library's, PLAINTEXT off), timestampWindow
 * (seconds, default 300), now (a fixed clock, Unix seconds), realm (the
 * provider's, for the WWW-Authenticate of refusals).
 */
class Verifier extends Handle {
  constructor(credentials, { nonceStore, signatureMethods, timestampWindow, now, realm } = {}) {
    if (!(credentials instanceof Credentials)) throw new TypeError('credentials must be a Credentials');
    if (!(nonceStore instanceof MemoryNonceStore)) throw new TypeError('nonceStore must be a MemoryNonceStore');
    const out = [null];
    const profile = arguments[2]; // internal: set by Verifier.forProfile
    check(profile === undefined ? C.oauth1_verifier_new(out) : C.oauth1_verifier_new_for_profile(cstr(profile, 'profile'), out));
    super(out[0], C.oauth1_verifier_free);
    // Held so that neither is freed while this verifier may use it.
    this.credentials = credentials;
    this.nonceStore = nonceStore;
    this.realm = realm === undefined ? '' : cstr(realm, 'realm');
    if (signatureMethods !== undefined) {
      const names = Array.from(signatureMethods, (m) => cstr(m, 'signature method'));
      check(C.oauth1_verifier_set_signature_methods(this._ptr, names.length ? names : null, names.length));
    }
    if (timestampWindow !== undefined) check(C.oauth1_verifier_set_timestamp_window(this._ptr, u64(timestampWindow, 'timestampWindow')));
    if (now !== undefined && now !== null) check(C.oauth1_verifier_set_clock(this._ptr, u64(now, 'now')));
  }

  /**
   * A verifier for the requests of a profile's consumers (e.g. a WooCommerce
   * shop, an LTI 1.1 tool): exactly the profile's signature methods; the
   * other options are the constructor's.
   */
  static forProfile(profile, credentials, options = {}) {
    return new Verifier(credentials, options, cstr(profile, 'profile'));
  }

  /** Allows one more signature method (e.g. PLAINTEXT). */
  allowSignatureMethod(name) {
    check(C.oauth1_verifier_allow_signature_method(this._handle, cstr(name, 'name')));
  }

  isAllowed(name) {
    const out = [null];
    check(C.oauth1_verifier_is_allowed(this._handle, cstr(name, 'name'), out));
    return out[0];
  }

  get timestampWindow() { return getNumber(C.oauth1_verifier_timestamp_window, this._handle); }

  /** The time the checks use, Unix seconds. */
  get now() { return getNumber(C.oauth1_verifier_now, this._handle); }

  /** Uses a fixed clock (Unix seconds), or the system clock again with null. */
  setClock(now) {
    check(now === null ? C.oauth1_verifier_use_system_clock(this._handle) : C.oauth1_verifier_set_clock(this._handle, u64(now, 'now')));
  }

  /**
   * Verifies a received request: returns a VerifiedRequest, or throws a
   * VerificationError with the `oauth_problem` and the response to send.
   * `headers` as the server has them (Authorization and Content-Type are
   * used); `authorization` and `contentType` are shortcuts for those two.
   */
  verify(method, url, { headers, authorization, contentType, body } = {}) {
    const hs = headerArray(headers, 'headers');
    if (contentType !== undefined && contentType !== null) hs.unshift({ name: 'Content-Type', value: cstr(contentType, 'contentType') });
    if (authorization !== undefined && authorization !== null) hs.unshift({ name: 'Authorization', value: cstr(authorization, 'authorization') });
    const [buf, len] = bytes(body, 'body');
    const verified = [null];
    const problem = [null];
    const r = C.oauth1_verifier_verify_headers(this._handle, this.credentials._handle, this.nonceStore._handle,
      cstr(method, 'method'), cstr(url, 'url'), hs.length ? hs : null, hs.length, buf, len, verified, problem);
    if (r === VERIFICATION_FAILED) {
      const message = lastErrorMessage();
      const p = problem[0];
      try {
        throw problemError(p, message, this.realm);
      } finally {
        C.oauth1_problem_free(p);
      }
    }
    check(r);
    const v = verified[0];
    try {
      return Object.freeze({
        consumerKey: getString(C.oauth1_verified_consumer_key, v),
        token: getString(C.oauth1_verified_token, v, true),
        signatureMethod: getString(C.oauth1_verified_signature_method, v),
        realm: getString(C.oauth1_verified_realm, v, true),
        nonce: getString(C.oauth1_verified_nonce, v, true),
        timestamp: getNumber(C.oauth1_verified_timestamp, v, true),
        parameterLocation: getString(C.oauth1_verified_parameter_location, v),
        oauthParameters: pairs(C.oauth1_verified_oauth_parameter_count, C.oauth1_verified_oauth_parameter, v),
      });
    } finally {
      C.oauth1_verified_free(v);
    }
  }
}

/**
 * The absolute URL the client signed, rebuilt from the request target and
 * the Host header (and the Forwarded / X-Forwarded-* headers only with
 * trustProxyHeaders).
 */
function receivedUrl(target, headers, { tls = false, trustProxyHeaders = false } = {}) {
  const hs = headerArray(headers, 'headers');
  const out = [null];
  check(C.oauth1_received_url(Boolean(tls), cstr(target, 'target'), hs.length ? hs : null, hs.length, Boolean(trustProxyHeaders), out));
  return out[0];
}

// ---- provider profiles ------------------------------------------------------------

// The profile fields read through oauth1_profile_get, by their JS name, and
// how each is read: text, a list (space- or newline-separated), a boolean,
// or an optional endpoint (null when the provider has none).
const PROFILE_FIELDS = [
  ['displayName', 'display_name', 'text'],
  ['summary', 'summary', 'text'],
  ['signatureMethods', 'signature_methods', 'words'],
  ['defaultSignatureMethod', 'default_signature_method', 'text'],
  ['transmission', 'transmission', 'text'],
  ['account', 'account', 'text'],
  ['realm', 'realm', 'text'],
  ['bodyHash', 'body_hash', 'text'],
  ['timestamp', 'timestamp', 'text'],
  ['callbackConfirmedRequired', 'callback_confirmed_required', 'bool'],
  ['requestTokenUrl', 'request_token_url', 'optional'],
  ['authorizeUrl', 'authorize_url', 'optional'],
  ['accessTokenUrl', 'access_token_url', 'optional'],
  ['apiBase', 'api_base', 'optional'],
  ['responseFields', 'response_fields', 'words'],
  ['pitfalls', 'pitfalls', 'text'],
  ['docs', 'docs', 'lines'],
];

/** One field of a profile as the library's text (`display_name`, `signature_methods`, ...); null for an endpoint it has not. */
function profileField(name, field) {
  const out = [null];
  const r = C.oauth1_profile_get(cstr(name, 'profile'), cstr(field, 'field'), out);
  if (r === NOT_FOUND) return null;
  check(r);
  return out[0];
}

/**
 * A provider profile's settings and facts, as a frozen object: name,
 * displayName, summary, signatureMethods, defaultSignatureMethod,
 * transmission, account, realm, bodyHash, timestamp,
 * callbackConfirmedRequired, the endpoint templates (null when absent),
 * responseFields, pitfalls and docs. An unknown name is refused
 * (invalid_parameter, the message lists the known ones).
 */
function profile(name) {
  const result = { name: cstr(name, 'profile') };
  for (const [key, field, kind] of PROFILE_FIELDS) {
    const text = profileField(name, field);
    if (kind === 'words') result[key] = text ? text.split(' ').filter(Boolean) : [];
    else if (kind === 'lines') result[key] = text ? text.split('\n').filter(Boolean) : [];
    else if (kind === 'bool') result[key] = text === 'true';
    else result[key] = text;
  }
  return Object.freeze(result);
}

/** Every profile the library holds, sorted by name. */
function profiles() {
  const n = Number(C.oauth1_profile_count());
  const result = [];
  for (let i = 0; i < n; i++) {
    const out = [null];
    check(C.oauth1_profile_name(i, out));
    result.push(profile(out[0]));
  }
  return result;
}

// ---- NetSuite's SOAP TokenPassport --------------------------------------------------

/**
 * One signed `TokenPassport` (NetSuite SuiteTalk SOAP, HMAC-SHA256):
 * signature (base64), baseString, timestamp, nonce, and toXml(namespace)
 * for the SOAP header.
 */
class TokenPassport extends Handle {
  constructor(ptr) {
    super(ptr, C.oauth1_token_passport_free);
  }

  /** The signature algorithm, always HMAC-SHA256. */
  get algorithm() { return 'HMAC-SHA256'; }

  /** The base64 signature. */
  get signature() { return getString(C.oauth1_token_passport_signature, this._handle); }

  /** The signed base string, `account&consumerKey&token&nonce&timestamp`. */
  get baseString() { return getString(C.oauth1_token_passport_base_string, this._handle); }

  /** The timestamp sent (Unix seconds, as text). */
  get timestamp() { return getString(C.oauth1_token_passport_timestamp, this._handle); }

  /** The nonce sent. */
  get nonce() { return getString(C.oauth1_token_passport_nonce, this._handle); }

  /**
   * The `<tokenPassport>` element; `namespace` (optional) is declared as its
   * default namespace, e.g. `urn:messages_2024_2.platform.webservices.netsuite.com`.
   */
  toXml(namespace) {
    const out = [null];
    check(C.oauth1_token_passport_xml(this._handle, optCstr(namespace, 'namespace'), out));
    return out[0];
  }
}

/**
 * Signs NetSuite `TokenPassport`s for one account, consumer and token.
 * `account` is `1234567`, `1234567_SB1` or `1234567-sb1` (sent as
 * `1234567_SB1`). Timestamps never go backwards.
 */
class TokenPassportSigner extends Handle {
  constructor(account, consumerKey, consumerSecret, token, tokenSecret) {
    const out = [null];
    check(C.oauth1_token_passport_signer_new(cstr(account, 'account'), cstr(consumerKey, 'consumerKey'),
      cstr(consumerSecret, 'consumerSecret'), cstr(token, 'token'), cstr(tokenSecret, 'tokenSecret'), out));
    super(out[0], C.oauth1_token_passport_signer_free);
  }

  /**
   * Signs a TokenPassport: `timestamp` (Unix seconds) and `nonce` (6-64
   * letters and digits) fixed, or fresh when undefined. A fixed timestamp
   * earlier than the last one is refused (invalid_parameter).
   */
  sign({ timestamp, nonce } = {}) {
    const fixed = (v) => {
      if (typeof v === 'symbol') throw new TypeError('a TokenPassport always carries its timestamp and nonce (OMIT is for requests)');
      return v !== undefined && v !== null;
    };
    const ts = fixed(timestamp) ? cstr(String(timestamp), 'timestamp') : null;
    const n = fixed(nonce) ? cstr(nonce, 'nonce') : null;
    const out = [null];
    check(C.oauth1_token_passport_signer_sign(this._handle, ts === null ? GENERATED_AUTO : GENERATED_FIXED, ts,
      n === null ? GENERATED_AUTO : GENERATED_FIXED, n, out));
    return new TokenPassport(out[0]);
  }
}

// ---- fetch / undici ---------------------------------------------------------------

// The body of a fetch init as what is signed: [bytes or string or null, content type].
function fetchBody(body, contentType) {
  if (body === undefined || body === null) return [null, contentType];
  if (body instanceof URLSearchParams) {
    // fetch sends URLSearchParams as this media type; signed as it is sent.
    return [body.toString(), contentType ?? 'application/x-www-form-urlencoded;charset=UTF-8'];
  }
  if (typeof body === 'string' || ArrayBuffer.isView(body) || body instanceof ArrayBuffer) return [body, contentType];
  throw new TypeError('a signed fetch body must be a string, URLSearchParams, Buffer, typed array or ArrayBuffer (streams, Blob and FormData cannot be signed before they are sent)');
}

/**
 * A fetch init with the `Authorization` header added, signed synchronously
 * for `url`, `init.method` (default GET), `init.body` and its Content-Type.
 * `sign` holds further sign options (e.g. a fixed timestamp).
 */
function authorize(signer, url, init = {}, sign = {}) {
  const headers = new Headers(init.headers);
  const method = (init.method || 'GET');
  const [body, contentType] = fetchBody(init.body, headers.get('content-type') ?? undefined);
  if (contentType !== undefined && !headers.has('content-type')) headers.set('content-type', contentType);
  headers.set('authorization', signer.authorizationHeader(method, String(url), { body, contentType, ...sign }));
  return { ...init, method, headers, body: init.body instanceof URLSearchParams ? body : init.body };
}

/**
 * A fetch (global fetch or undici's) that signs every request with `signer`,
 * in the Authorization header: `const f = withOAuth1(fetch, signer); await f(url, init)`.
 */
function withOAuth1(fetchImpl, signer) {
  if (typeof fetchImpl !== 'function') throw new TypeError('fetchImpl must be a fetch function');
  return async function signedFetch(input, init = {}) {
    if (typeof Request !== 'undefined' && input instanceof Request) {
      const body = input.body === null ? undefined : Buffer.from(await input.clone().arrayBuffer());
      return fetchImpl(input.url, authorize(signer, input.url, { method: input.method, headers: input.headers, body, ...init }));
    }
    return fetchImpl(input, authorize(signer, input, init));
  };
}

/** The library's version, e.g. "0.1.0". */
const version = C.oauth1_version();

module.exports = {
  version,
  OMIT,
  SIGNATURE_METHODS,
  BODY_HASH_POLICIES,
  RESULT_KINDS,
  OAuth1Error,
  VerificationError,
  Signer,
  SignOptions,
  SignedRequest,
  authorizationUrl,
  parseCallback,
  parseTokenResponse,
  Credentials,
  MemoryNonceStore,
  Verifier,
  receivedUrl,
  profile,
  profiles,
  profileField,
  TokenPassportSigner,
  TokenPassport,
  authorize,
  withOAuth1,
};
