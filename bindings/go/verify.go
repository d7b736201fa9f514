package oauth1

/*
#include <stdlib.h>
#include <oauth1.h>
*/
import "C"

import (
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"unsafe"
)

// Credentials are the provider's consumers and tokens, held in memory by the
// library. Safe for concurrent use, changes included.
type Credentials struct {
	ptr *C.oauth1_credentials
}

// NewCredentials makes an empty table.
func NewCredentials() (*Credentials, error) {
	var ptr *C.oauth1_credentials
	if err := call(func() C.oauth1_result { return C.oauth1_credentials_new(&ptr) }); err != nil {
		return nil, err
	}
	return owned(&Credentials{ptr}, (*Credentials).Close), nil
}

// Close frees the table (zeroing its secrets). Closing twice is harmless.
func (c *Credentials) Close() {
	release(&c.ptr, func(h *C.oauth1_credentials) { C.oauth1_credentials_free(h) }, c)
}

func (c *Credentials) handle() (*C.oauth1_credentials, error) {
	if c == nil || c.ptr == nil {
		return nil, ErrClosed
	}
	return c.ptr, nil
}

// Consumer is what the provider knows of a consumer: its shared secret (nil:
// none, for an RSA-only consumer) and/or its RSA public key PEM ("": none).
type Consumer struct {
	Secret          *string
	RSAPublicKeyPEM string
}

// Secret is a helper for Consumer.Secret.
func Secret(s string) *string { return &s }

// AddConsumer adds or replaces a consumer.
func (c *Credentials) AddConsumer(consumerKey string, consumer Consumer) error {
	p, err := c.handle()
	if err != nil {
		return err
	}
	defer runtime.KeepAlive(c)
	k, err := cstr(consumerKey, "consumer key")
	if err != nil {
		return err
	}
	var s *C.char
	if consumer.Secret != nil {
		if s, err = cstr(*consumer.Secret, "consumer secret"); err != nil {
			return err
		}
	}
	pem, err := optCstr(consumer.RSAPublicKeyPEM, "RSA public key")
	if err != nil {
		return err
	}
	return call(func() C.oauth1_result { return C.oauth1_credentials_add_consumer(p, k, s, pem) })
}

// AddToken adds or replaces a token with its secret and the key of the consumer it was issued to.
func (c *Credentials) AddToken(token, secret, consumerKey string) error {
	p, err := c.handle()
	if err != nil {
		return err
	}
	defer runtime.KeepAlive(c)
	var cs cargs
	t := cs.str(token, "token")
	s := cs.str(secret, "token secret")
	k := cs.str(consumerKey, "consumer key")
	if cs.err != nil {
		return cs.err
	}
	return call(func() C.oauth1_result { return C.oauth1_credentials_add_token(p, t, s, k) })
}

// RemoveConsumer removes a consumer; false when it was not there.
func (c *Credentials) RemoveConsumer(consumerKey string) (bool, error) {
	p, err := c.handle()
	if err != nil {
		return false, err
	}
	defer runtime.KeepAlive(c)
	k, err := cstr(consumerKey, "consumer key")
	if err != nil {
		return false, err
	}
	return found(call(func() C.oauth1_result { return C.oauth1_credentials_remove_consumer(p, k) }))
}

// RemoveToken removes a token; false when it was not there.
func (c *Credentials) RemoveToken(token string) (bool, error) {
	p, err := c.handle()
	if err != nil {
		return false, err
	}
	defer runtime.KeepAlive(c)
	t, err := cstr(token, "token")
	if err != nil {
		return false, err
	}
	return found(call(func() C.oauth1_result { return C.oauth1_credentials_remove_token(p, t) }))
}

func found(err error) (bool, error) {
	if errors.Is(err, ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// Counts are the numbers of consumers and tokens in the table.
func (c *Credentials) Counts() (consumers, tokens int, err error) {
	p, err := c.handle()
	if err != nil {
		return 0, 0, err
	}
	defer runtime.KeepAlive(c)
	var nc, nt C.size_t
	if err := call(func() C.oauth1_result { return C.oauth1_credentials_consumer_count(p, &nc) }); err != nil {
		return 0, 0, err
	}
	if err := call(func() C.oauth1_result { return C.oauth1_credentials_token_count(p, &nt) }); err != nil {
		return 0, 0, err
	}
	return int(nc), int(nt), nil
}

// MemoryNonceStore is the library's in-memory replay protection (one
// process; it forgets records once out of the timestamp window). Safe for
// concurrent use: a check and record is one atomic step.
type MemoryNonceStore struct {
	ptr *C.oauth1_nonce_store
}

// NewMemoryNonceStore makes an empty store.
func NewMemoryNonceStore() (*MemoryNonceStore, error) {
	var ptr *C.oauth1_nonce_store
	if err := call(func() C.oauth1_result { return C.oauth1_nonce_store_new(&ptr) }); err != nil {
		return nil, err
	}
	return owned(&MemoryNonceStore{ptr}, (*MemoryNonceStore).Close), nil
}

// Close frees the store. Closing twice is harmless.
func (n *MemoryNonceStore) Close() {
	release(&n.ptr, func(h *C.oauth1_nonce_store) { C.oauth1_nonce_store_free(h) }, n)
}

func (n *MemoryNonceStore) handle() (*C.oauth1_nonce_store, error) {
	if n == nil || n.ptr == nil {
		return nil, ErrClosed
	}
	return n.ptr, nil
}

// CheckAndRecord checks and records (consumerKey, token, timestamp, nonce)
// as the verifier does (token "" for none; now and window in seconds):
// true when it was new.
func (n *MemoryNonceStore) CheckAndRecord(consumerKey, token string, timestamp uint64, nonce string, now, window uint64) (bool, error) {
	return n.ask(consumerKey, token, nonce, func(p *C.oauth1_nonce_store, k, t, nc *C.char, fresh *C.bool) C.oauth1_result {
		return C.oauth1_nonce_store_check_and_record(p, k, t, C.uint64_t(timestamp), nc, C.uint64_t(now), C.uint64_t(window), fresh)
	})
}

// Contains says whether the store holds (consumerKey, token, timestamp, nonce).
func (n *MemoryNonceStore) Contains(consumerKey, token string, timestamp uint64, nonce string) (bool, error) {
	return n.ask(consumerKey, token, nonce, func(p *C.oauth1_nonce_store, k, t, nc *C.char, has *C.bool) C.oauth1_result {
		return C.oauth1_nonce_store_contains(p, k, t, C.uint64_t(timestamp), nc, has)
	})
}

// ask runs one yes/no call about a record, with its strings converted.
func (n *MemoryNonceStore) ask(consumerKey, token, nonce string, f func(p *C.oauth1_nonce_store, k, t, nc *C.char, out *C.bool) C.oauth1_result) (bool, error) {
	p, err := n.handle()
	if err != nil {
		return false, err
	}
	defer runtime.KeepAlive(n)
	var cs cargs
	k := cs.str(consumerKey, "consumer key")
	t := cs.str(token, "token")
	nc := cs.str(nonce, "nonce")
	if cs.err != nil {
		return false, cs.err
	}
	var answer C.bool
	err = call(func() C.oauth1_result { return f(p, k, t, nc, &answer) })
	return bool(answer), err
}

// Len is the number of records held.
func (n *MemoryNonceStore) Len() (int, error) {
	p, err := n.handle()
	if err != nil {
		return 0, err
	}
	defer runtime.KeepAlive(n)
	var l C.size_t
	err = call(func() C.oauth1_result { return C.oauth1_nonce_store_len(p, &l) })
	return int(l), err
}

// ForgetExpired drops every record whose timestamp has left the window at now.
func (n *MemoryNonceStore) ForgetExpired(now, window uint64) error {
	p, err := n.handle()
	if err != nil {
		return err
	}
	defer runtime.KeepAlive(n)
	return call(func() C.oauth1_result {
		return C.oauth1_nonce_store_forget_expired(p, C.uint64_t(now), C.uint64_t(window))
	})
}

// VerifierOption sets one of a verifier's settings (see NewVerifier).
type VerifierOption func(v *Verifier) error

// AllowSignatureMethods allows exactly these methods (default: every HMAC and
// RSA method; PLAINTEXT only when allowed, since it sends the secrets).
func AllowSignatureMethods(methods ...SignatureMethod) VerifierOption {
	return func(v *Verifier) error {
		names := (**C.char)(C.calloc(C.size_t(len(methods)+1), C.size_t(unsafe.Sizeof((*C.char)(nil)))))
		defer C.free(unsafe.Pointer(names))
		slots := unsafe.Slice(names, len(methods)+1)
		defer func() {
			for _, s := range slots {
				C.free(unsafe.Pointer(s))
			}
		}()
		for i, m := range methods {
			s, err := mallocCstr(string(m), "signature method")
			if err != nil {
				return err
			}
			slots[i] = s
		}
		var arg **C.char
		if len(methods) > 0 {
			arg = names
		}
		return call(func() C.oauth1_result {
			return C.oauth1_verifier_set_signature_methods(v.ptr, arg, C.size_t(len(methods)))
		})
	}
}

// AllowSignatureMethod allows one more method (e.g. PLAINTEXT).
func AllowSignatureMethod(m SignatureMethod) VerifierOption {
	return func(v *Verifier) error {
		name, err := cstr(string(m), "signature method")
		if err != nil {
			return err
		}
		return call(func() C.oauth1_result { return C.oauth1_verifier_allow_signature_method(v.ptr, name) })
	}
}

// WithTimestampWindow accepts timestamps up to seconds away from the clock, either way (default 300).
func WithTimestampWindow(seconds uint64) VerifierOption {
	return func(v *Verifier) error {
		return call(func() C.oauth1_result { return C.oauth1_verifier_set_timestamp_window(v.ptr, C.uint64_t(seconds)) })
	}
}

// WithClock uses a fixed clock (Unix seconds) instead of the system's: tests, replays.
func WithClock(now uint64) VerifierOption {
	return func(v *Verifier) error {
		return call(func() C.oauth1_result { return C.oauth1_verifier_set_clock(v.ptr, C.uint64_t(now)) })
	}
}

// WithProviderRealm is the realm of the WWW-Authenticate answered to refusals.
func WithProviderRealm(realm string) VerifierOption {
	return func(v *Verifier) error {
		v.realm = realm
		return nil
	}
}

// Verifier checks received requests against its credentials and nonce
// store. Set up once, then safe for concurrent use.
type Verifier struct {
	ptr         *C.oauth1_verifier
	credentials *Credentials
	nonces      *MemoryNonceStore
	realm       string
}

// NewVerifier makes a verifier over credentials and a nonce store; both
// stay in use until the verifier is closed (close them after it).
func NewVerifier(credentials *Credentials, nonces *MemoryNonceStore, opts ...VerifierOption) (*Verifier, error) {
	return newVerifier(func(out **C.oauth1_verifier) C.oauth1_result { return C.oauth1_verifier_new(out) }, credentials, nonces, opts)
}

// NewVerifierForProfile makes a verifier for the requests of a profile's
// consumers (e.g. a WooCommerce shop, an LTI 1.1 tool): exactly the
// profile's signature methods, then the options, as NewVerifier.
func NewVerifierForProfile(profile string, credentials *Credentials, nonces *MemoryNonceStore, opts ...VerifierOption) (*Verifier, error) {
	p, err := cstr(profile, "profile")
	if err != nil {
		return nil, err
	}
	return newVerifier(func(out **C.oauth1_verifier) C.oauth1_result { return C.oauth1_verifier_new_for_profile(p, out) }, credentials, nonces, opts)
}

func newVerifier(create func(out **C.oauth1_verifier) C.oauth1_result, credentials *Credentials, nonces *MemoryNonceStore, opts []VerifierOption) (*Verifier, error) {
	if credentials == nil || nonces == nil {
		return nil, &Error{Result: ResultNullParameter, Message: "credentials and nonce store are required"}
	}
	var ptr *C.oauth1_verifier
	if err := call(func() C.oauth1_result { return create(&ptr) }); err != nil {
		return nil, err
	}
	v := owned(&Verifier{ptr: ptr, credentials: credentials, nonces: nonces}, (*Verifier).Close)
	for _, opt := range opts {
		if err := opt(v); err != nil {
			v.Close()
			return nil, err
		}
	}
	return v, nil
}

// Close frees the verifier (not its credentials or nonce store). Closing twice is harmless.
func (v *Verifier) Close() {
	release(&v.ptr, func(h *C.oauth1_verifier) { C.oauth1_verifier_free(h) }, v)
}

// IsAllowed says whether the method is allowed.
func (v *Verifier) IsAllowed(m SignatureMethod) (bool, error) {
	if v.ptr == nil {
		return false, ErrClosed
	}
	defer runtime.KeepAlive(v)
	name, err := cstr(string(m), "signature method")
	if err != nil {
		return false, err
	}
	var ok C.bool
	err = call(func() C.oauth1_result { return C.oauth1_verifier_is_allowed(v.ptr, name, &ok) })
	return bool(ok), err
}

// Now is the time the checks use, Unix seconds.
func (v *Verifier) Now() (uint64, error) {
	if v.ptr == nil {
		return 0, ErrClosed
	}
	defer runtime.KeepAlive(v)
	var now C.uint64_t
	err := call(func() C.oauth1_result { return C.oauth1_verifier_now(v.ptr, &now) })
	return uint64(now), err
}

// Received is a request as the provider received it: the method, the
// absolute URL the client signed (see ReceivedURL), its headers
// (Authorization and Content-Type are used) and its body (nil: none).
type Received struct {
	Method string
	URL    string
	Header http.Header
	Body   []byte
}

// Verified is a request that passed every check.
type Verified struct {
	ConsumerKey     string
	Token           string // "" for a two-legged request
	SignatureMethod SignatureMethod
	Realm           string
	HasRealm        bool
	Nonce           string
	Timestamp       uint64
	HasTimestamp    bool
	// ParameterLocation is where the protocol parameters were: header, body or query.
	ParameterLocation string
	OAuthParameters   []Param
}

// VerificationError is a refusal: the oauth_problem and what to answer. It
// unwraps to the *Error with ResultVerificationFailed and the library's message.
type VerificationError struct {
	Err *Error
	// Problem is the oauth_problem code, e.g. signature_invalid.
	Problem string
	// Parameters are the names concerned (absent or rejected ones).
	Parameters []string
	// HTTPStatus is 400 or 401.
	HTTPStatus int
	// WWWAuthenticate is the header value, for the verifier's realm.
	WWWAuthenticate string
	// Body is the form-encoded response body.
	Body string
	// AcceptableTimestamps is the accepted range, for timestamp_refused.
	AcceptableTimestamps *[2]uint64
}

func (e *VerificationError) Error() string { return e.Err.Error() }

// Unwrap gives the underlying *Error (errors.Is(err, ErrVerificationFailed) holds).
func (e *VerificationError) Unwrap() error { return e.Err }

// headerArray copies headers into C memory (the array holds pointers, so it
// cannot live in Go memory); free with the returned function.
func headerArray(first []Param, h http.Header) (*C.oauth1_header, C.size_t, func(), error) {
	n := len(first)
	for _, vs := range h {
		n += len(vs)
	}
	if n == 0 {
		return nil, 0, func() {}, nil
	}
	arr := (*C.oauth1_header)(C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof(C.oauth1_header{}))))
	slots := unsafe.Slice(arr, n)
	free := func() {
		for _, s := range slots {
			C.free(unsafe.Pointer(s.name))
			C.free(unsafe.Pointer(s.value))
		}
		C.free(unsafe.Pointer(arr))
	}
	i := 0
	add := func(name, value string) error {
		var err error
		if slots[i].name, err = mallocCstr(name, "header name"); err != nil {
			return err
		}
		if slots[i].value, err = mallocCstr(value, fmt.Sprintf("header %s", name)); err != nil {
			return err
		}
		i++
		return nil
	}
	for _, p := range first {
		if err := add(p.Name, p.Value); err != nil {
			free()
			return nil, 0, nil, err
		}
	}
	for name, vs := range h {
		for _, value := range vs {
			if err := add(name, value); err != nil {
				free()
				return nil, 0, nil, err
			}
		}
	}
	return arr, C.size_t(n), free, nil
}

// Verify checks a received request: a *Verified, or an error that is a
// *VerificationError when the request is refused.
func (v *Verifier) Verify(req Received) (*Verified, error) {
	return v.verify(req, nil)
}

// VerifyOrdered is Verify with headers in a given order (e.g. as read from
// the wire; of several OAuth Authorization headers the request is refused).
func (v *Verifier) VerifyOrdered(method, url string, headers []Param, reqBody []byte) (*Verified, error) {
	return v.verify(Received{Method: method, URL: url, Body: reqBody}, headers)
}

func (v *Verifier) verify(req Received, ordered []Param) (*Verified, error) {
	if v.ptr == nil {
		return nil, ErrClosed
	}
	creds, err := v.credentials.handle()
	if err != nil {
		return nil, err
	}
	nonces, err := v.nonces.handle()
	if err != nil {
		return nil, err
	}
	defer runtime.KeepAlive(v)
	defer runtime.KeepAlive(v.credentials)
	defer runtime.KeepAlive(v.nonces)
	var cs cargs
	m := cs.str(req.Method, "method")
	u := cs.str(req.URL, "url")
	if cs.err != nil {
		return nil, cs.err
	}
	hs, hn, free, err := headerArray(ordered, req.Header)
	if err != nil {
		return nil, err
	}
	defer free()
	b, n := body(req.Body)
	var verified *C.oauth1_verified
	var problem *C.oauth1_problem
	err = call(func() C.oauth1_result {
		return C.oauth1_verifier_verify_headers(v.ptr, creds, nonces, m, u, hs, hn, b, n, &verified, &problem)
	})
	if err != nil {
		var e *Error
		if errors.As(err, &e) && e.Result == ResultVerificationFailed && problem != nil {
			defer C.oauth1_problem_free(problem)
			return nil, v.problemError(problem, e)
		}
		return nil, err
	}
	defer C.oauth1_verified_free(verified)
	return readVerified(verified)
}

func (v *Verifier) problemError(p *C.oauth1_problem, e *Error) error {
	ve := &VerificationError{Err: e}
	var err error
	if ve.Problem, err = getString(func(o **C.char) C.oauth1_result { return C.oauth1_problem_code(p, o) }); err != nil {
		return err
	}
	var status C.uint16_t
	if err := call(func() C.oauth1_result { return C.oauth1_problem_http_status(p, &status) }); err != nil {
		return err
	}
	ve.HTTPStatus = int(status)
	var count C.size_t
	if err := call(func() C.oauth1_result { return C.oauth1_problem_parameter_count(p, &count) }); err != nil {
		return err
	}
	ve.Parameters = []string{}
	for i := C.size_t(0); i < count; i++ {
		name, err := getString(func(o **C.char) C.oauth1_result { return C.oauth1_problem_parameter(p, i, o) })
		if err != nil {
			return err
		}
		ve.Parameters = append(ve.Parameters, name)
	}
	realm, err := cstr(v.realm, "realm")
	if err != nil {
		return err
	}
	if ve.WWWAuthenticate, err = getString(func(o **C.char) C.oauth1_result { return C.oauth1_problem_www_authenticate(p, realm, o) }); err != nil {
		return err
	}
	if ve.Body, err = getString(func(o **C.char) C.oauth1_result { return C.oauth1_problem_body(p, o) }); err != nil {
		return err
	}
	var lo, hi C.uint64_t
	switch err := call(func() C.oauth1_result { return C.oauth1_problem_acceptable_timestamps(p, &lo, &hi) }); {
	case err == nil:
		ve.AcceptableTimestamps = &[2]uint64{uint64(lo), uint64(hi)}
	case !errors.Is(err, ErrNotFound):
		return err
	}
	return ve
}

func readVerified(p *C.oauth1_verified) (*Verified, error) {
	out := &Verified{}
	var err error
	if out.ConsumerKey, err = getString(func(o **C.char) C.oauth1_result { return C.oauth1_verified_consumer_key(p, o) }); err != nil {
		return nil, err
	}
	if out.Token, _, err = optString(func(o **C.char) C.oauth1_result { return C.oauth1_verified_token(p, o) }); err != nil {
		return nil, err
	}
	method, err := getString(func(o **C.char) C.oauth1_result { return C.oauth1_verified_signature_method(p, o) })
	if err != nil {
		return nil, err
	}
	out.SignatureMethod = SignatureMethod(method)
	if out.Realm, out.HasRealm, err = optString(func(o **C.char) C.oauth1_result { return C.oauth1_verified_realm(p, o) }); err != nil {
		return nil, err
	}
	if out.Nonce, _, err = optString(func(o **C.char) C.oauth1_result { return C.oauth1_verified_nonce(p, o) }); err != nil {
		return nil, err
	}
	var ts C.uint64_t
	switch err := call(func() C.oauth1_result { return C.oauth1_verified_timestamp(p, &ts) }); {
	case err == nil:
		out.Timestamp, out.HasTimestamp = uint64(ts), true
	case !errors.Is(err, ErrNotFound):
		return nil, err
	}
	if out.ParameterLocation, err = getString(func(o **C.char) C.oauth1_result { return C.oauth1_verified_parameter_location(p, o) }); err != nil {
		return nil, err
	}
	out.OAuthParameters, err = getParams(
		func(n *C.size_t) C.oauth1_result { return C.oauth1_verified_oauth_parameter_count(p, n) },
		func(i C.size_t, name, value **C.char) C.oauth1_result {
			return C.oauth1_verified_oauth_parameter(p, i, name, value)
		},
	)
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ReceivedURL rebuilds the absolute URL the client signed from the request
// target and the Host header, and from Forwarded / X-Forwarded-* only with
// trustProxyHeaders (when your own proxy sets them and strips the client's).
func ReceivedURL(tls bool, target string, header http.Header, trustProxyHeaders bool) (string, error) {
	t, err := cstr(target, "target")
	if err != nil {
		return "", err
	}
	hs, hn, free, err := headerArray(nil, header)
	if err != nil {
		return "", err
	}
	defer free()
	return getString(func(out **C.char) C.oauth1_result {
		return C.oauth1_received_url(C.bool(tls), t, hs, hn, C.bool(trustProxyHeaders), out)
	})
}

// VerifyHTTP verifies an *http.Request as a server received it (its body
// already read into reqBody): the URL comes from ReceivedURL with the Host
// header (r.Host) and no proxy headers trusted.
func (v *Verifier) VerifyHTTP(r *http.Request, reqBody []byte) (*Verified, error) {
	header := r.Header.Clone()
	if header == nil {
		header = http.Header{}
	}
	header.Set("Host", r.Host)
	url, err := ReceivedURL(r.TLS != nil, r.RequestURI, header, false)
	if err != nil {
		return nil, err
	}
	return v.Verify(Received{Method: r.Method, URL: url, Header: r.Header, Body: reqBody})
}
