package oauth1

/*
#include <oauth1.h>
*/
import "C"

import (
	"runtime"
	"strconv"
)

// SignatureMethod is a signature method's exact, case-sensitive name.
type SignatureMethod string

// The signature methods the library knows.
const (
	HMACSHA1   SignatureMethod = "HMAC-SHA1"
	HMACSHA256 SignatureMethod = "HMAC-SHA256"
	HMACSHA512 SignatureMethod = "HMAC-SHA512"
	PLAINTEXT  SignatureMethod = "PLAINTEXT"
	RSASHA1    SignatureMethod = "RSA-SHA1"
	RSASHA256  SignatureMethod = "RSA-SHA256"
	RSASHA512  SignatureMethod = "RSA-SHA512"
)

// SignatureMethods lists every method the library knows.
var SignatureMethods = []SignatureMethod{HMACSHA1, HMACSHA256, HMACSHA512, PLAINTEXT, RSASHA1, RSASHA256, RSASHA512}

// BodyHash is the name of a body-hash policy: which requests carry
// oauth_body_hash (the Request Body Hash extension; base64 SHA-1 of the
// body). The library checks the name.
type BodyHash string

const (
	// BodyHashOff never sends it (default).
	BodyHashOff BodyHash = "off"
	// BodyHashNonForm hashes a body that is neither empty nor form-encoded.
	BodyHashNonForm BodyHash = "non-form"
	// BodyHashAlways hashes every request's body (none is the empty body); a form body is refused.
	BodyHashAlways BodyHash = "always"
)

// SignerOption sets one of a signer's settings (see NewSigner and
// NewSignerForProfile).
type SignerOption func(c *signerConfig) error

// signerConfig collects the options: the account is needed to start a
// profile's builder, the settings apply to the builder once it exists.
type signerConfig struct {
	account    string
	hasAccount bool
	settings   []func(b *C.oauth1_signer_builder) error
}

// builderSetting is a SignerOption applied to the builder.
func builderSetting(f func(b *C.oauth1_signer_builder) error) SignerOption {
	return func(c *signerConfig) error {
		c.settings = append(c.settings, f)
		return nil
	}
}

// builderString is a setting that passes one string, value (named name in
// a refusal), to the builder.
func builderString(value, name string, set func(b *C.oauth1_signer_builder, v *C.char) C.oauth1_result) SignerOption {
	return builderSetting(func(b *C.oauth1_signer_builder) error {
		v, err := cstr(value, name)
		if err != nil {
			return err
		}
		return call(func() C.oauth1_result { return set(b, v) })
	})
}

// WithToken sets the token (request or access token) and its secret. An
// empty token is sent as oauth_token="", which some providers need.
func WithToken(token, secret string) SignerOption {
	return builderSetting(func(b *C.oauth1_signer_builder) error {
		var cs cargs
		t := cs.str(token, "token")
		s := cs.str(secret, "token secret")
		if cs.err != nil {
			return cs.err
		}
		return call(func() C.oauth1_result { return C.oauth1_signer_builder_set_token(b, t, s) })
	})
}

// WithSignatureMethod sets the signature method (default HMAC-SHA1).
func WithSignatureMethod(m SignatureMethod) SignerOption {
	return builderString(string(m), "signature method", func(b *C.oauth1_signer_builder, v *C.char) C.oauth1_result {
		return C.oauth1_signer_builder_set_signature_method(b, v)
	})
}

// WithRealm sets the Authorization header's realm (never signed).
func WithRealm(realm string) SignerOption {
	return builderString(realm, "realm", func(b *C.oauth1_signer_builder, v *C.char) C.oauth1_result {
		return C.oauth1_signer_builder_set_realm(b, v)
	})
}

// WithRSAPrivateKeyPEM sets the RSA private key (PKCS#8 or PKCS#1 PEM) for the RSA methods.
func WithRSAPrivateKeyPEM(pem string) SignerOption {
	return builderString(pem, "RSA private key", func(b *C.oauth1_signer_builder, v *C.char) C.oauth1_result {
		return C.oauth1_signer_builder_set_rsa_private_key_pem(b, v)
	})
}

// WithVersion says whether oauth_version=1.0 is sent (default true).
func WithVersion(include bool) SignerOption {
	return builderSetting(func(b *C.oauth1_signer_builder) error {
		return call(func() C.oauth1_result { return C.oauth1_signer_builder_set_include_version(b, C.bool(include)) })
	})
}

// WithBodyHash sets the body-hash policy (default BodyHashOff).
func WithBodyHash(policy BodyHash) SignerOption {
	return builderString(string(policy), "body hash policy", func(b *C.oauth1_signer_builder, v *C.char) C.oauth1_result {
		return C.oauth1_signer_builder_set_body_hash_policy(b, v)
	})
}

// WithNonce sets the nonce length (1-256) and alphabet ("" keeps letters and digits).
func WithNonce(length int, alphabet string) SignerOption {
	return builderSetting(func(b *C.oauth1_signer_builder) error {
		a, err := optCstr(alphabet, "nonce alphabet")
		if err != nil {
			return err
		}
		if length < 0 {
			length = 0 // refused by the library, with its message
		}
		return call(func() C.oauth1_result { return C.oauth1_signer_builder_set_nonce(b, C.size_t(length), a) })
	})
}

// WithMonotonicTimestamps says whether timestamps never go backwards
// (NetSuite's rule): each signer sends the clock's time or, if the clock went
// back, its last timestamp, and refuses a fixed timestamp earlier than its
// last one. On for the netsuite profile, off otherwise.
func WithMonotonicTimestamps(enabled bool) SignerOption {
	return builderSetting(func(b *C.oauth1_signer_builder) error {
		return call(func() C.oauth1_result { return C.oauth1_signer_builder_set_monotonic_timestamps(b, C.bool(enabled)) })
	})
}

// WithAccount is a profile's account (NewSignerForProfile only): a NetSuite
// account id such as 1234567-sb1, which makes the realm 1234567_SB1, or a
// store URL.
func WithAccount(account string) SignerOption {
	return func(c *signerConfig) error {
		c.account, c.hasAccount = account, true
		return nil
	}
}

// Signer signs requests with one set of credentials. Immutable once built,
// safe for concurrent use; Close frees it (and zeroes its secrets).
type Signer struct {
	ptr *C.oauth1_signer
}

func newSigner(ptr *C.oauth1_signer) *Signer {
	return owned(&Signer{ptr}, (*Signer).Close)
}

// NewSigner builds a signer for the consumer's credentials and the options.
func NewSigner(consumerKey, consumerSecret string, opts ...SignerOption) (*Signer, error) {
	c, err := collect(opts)
	if err != nil {
		return nil, err
	}
	if c.hasAccount {
		return nil, &Error{Result: ResultInvalidParameter, Message: "WithAccount is an option of NewSignerForProfile (a provider profile's account)"}
	}
	var cs cargs
	k := cs.str(consumerKey, "consumer key")
	s := cs.str(consumerSecret, "consumer secret")
	if cs.err != nil {
		return nil, cs.err
	}
	var b *C.oauth1_signer_builder
	if err := call(func() C.oauth1_result { return C.oauth1_signer_builder_new(k, s, &b) }); err != nil {
		return nil, err
	}
	return build(b, c)
}

// NewSignerForProfile builds a signer with a provider profile's settings
// (see Profiles): its signature method, oauth_version, body-hash policy,
// nonces and timestamp rule (NetSuite: monotonic), then the options
// (WithAccount for the profile's account). Building refuses a signature
// method the provider does not accept, and a NetSuite signer without an
// account or realm.
func NewSignerForProfile(profile, consumerKey, consumerSecret string, opts ...SignerOption) (*Signer, error) {
	c, err := collect(opts)
	if err != nil {
		return nil, err
	}
	var cs cargs
	p := cs.str(profile, "profile")
	k := cs.str(consumerKey, "consumer key")
	s := cs.str(consumerSecret, "consumer secret")
	if cs.err != nil {
		return nil, cs.err
	}
	var account *C.char
	if c.hasAccount {
		if account, err = cstr(c.account, "account"); err != nil {
			return nil, err
		}
	}
	var b *C.oauth1_signer_builder
	if err := call(func() C.oauth1_result { return C.oauth1_signer_builder_new_for_profile(p, k, s, account, &b) }); err != nil {
		return nil, err
	}
	return build(b, c)
}

func collect(opts []SignerOption) (*signerConfig, error) {
	c := &signerConfig{}
	for _, opt := range opts {
		if err := opt(c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// build applies the settings to b, builds the signer and frees b.
func build(b *C.oauth1_signer_builder, c *signerConfig) (*Signer, error) {
	defer C.oauth1_signer_builder_free(b)
	for _, set := range c.settings {
		if err := set(b); err != nil {
			return nil, err
		}
	}
	var ptr *C.oauth1_signer
	if err := call(func() C.oauth1_result { return C.oauth1_signer_builder_build(b, &ptr) }); err != nil {
		return nil, err
	}
	return newSigner(ptr), nil
}

// Close frees the signer; later calls fail with ErrClosed. Closing twice is harmless.
func (s *Signer) Close() { release(&s.ptr, func(h *C.oauth1_signer) { C.oauth1_signer_free(h) }, s) }

func (s *Signer) handle() (*C.oauth1_signer, error) {
	if s == nil || s.ptr == nil {
		return nil, ErrClosed
	}
	return s.ptr, nil
}

func (s *Signer) getString(f func(*C.oauth1_signer, **C.char) C.oauth1_result) (string, bool, error) {
	p, err := s.handle()
	if err != nil {
		return "", false, err
	}
	defer runtime.KeepAlive(s)
	return optString(func(out **C.char) C.oauth1_result { return f(p, out) })
}

// ConsumerKey is the consumer key.
func (s *Signer) ConsumerKey() (string, error) {
	v, _, err := s.getString(func(p *C.oauth1_signer, out **C.char) C.oauth1_result { return C.oauth1_signer_consumer_key(p, out) })
	return v, err
}

// Token is the token; ok is false when the signer has none.
func (s *Signer) Token() (token string, ok bool, err error) {
	return s.getString(func(p *C.oauth1_signer, out **C.char) C.oauth1_result { return C.oauth1_signer_token(p, out) })
}

// SignatureMethod is the signature method's name.
func (s *Signer) SignatureMethod() (SignatureMethod, error) {
	v, _, err := s.getString(func(p *C.oauth1_signer, out **C.char) C.oauth1_result {
		return C.oauth1_signer_signature_method(p, out)
	})
	return SignatureMethod(v), err
}

// Realm is the realm; ok is false when the signer has none.
func (s *Signer) Realm() (realm string, ok bool, err error) {
	return s.getString(func(p *C.oauth1_signer, out **C.char) C.oauth1_result { return C.oauth1_signer_realm(p, out) })
}

// WithToken is a new signer with the same consumer and settings and this
// token (e.g. the access token after the exchange); s is unchanged.
func (s *Signer) WithToken(token, secret string) (*Signer, error) {
	p, err := s.handle()
	if err != nil {
		return nil, err
	}
	defer runtime.KeepAlive(s)
	var cs cargs
	t := cs.str(token, "token")
	sec := cs.str(secret, "token secret")
	if cs.err != nil {
		return nil, cs.err
	}
	var ptr *C.oauth1_signer
	if err := call(func() C.oauth1_result { return C.oauth1_signer_with_token(p, t, sec, &ptr) }); err != nil {
		return nil, err
	}
	return newSigner(ptr), nil
}

// Request is what is signed: the HTTP method, the absolute URL (query
// included), and the body with its Content-Type. A nil Body is no body; only
// a form-encoded body (application/x-www-form-urlencoded) is signed as
// parameters, any other only feeds the body hash.
type Request struct {
	Method      string
	URL         string
	Body        []byte
	ContentType string
}

// Sign signs a request. opts may be nil: a fresh timestamp and nonce.
func (s *Signer) Sign(req Request, opts *SignOptions) (*Signed, error) {
	p, err := s.handle()
	if err != nil {
		return nil, err
	}
	defer runtime.KeepAlive(s)
	var cs cargs
	m := cs.str(req.Method, "method")
	u := cs.str(req.URL, "url")
	ct := cs.opt(req.ContentType, "content type")
	if cs.err != nil {
		return nil, cs.err
	}
	var o *C.oauth1_sign_options
	if opts != nil {
		if o, err = opts.handle(); err != nil {
			return nil, err
		}
		defer runtime.KeepAlive(opts)
	}
	b, n := body(req.Body)
	var out *C.oauth1_signed
	if err := call(func() C.oauth1_result { return C.oauth1_signer_sign(p, m, u, b, n, ct, o, &out) }); err != nil {
		return nil, err
	}
	return newSigned(out), nil
}

// RequestTokenRequest signs the temporary-credentials request: POST url with
// oauth_callback (oob when callback is "").
func (s *Signer) RequestTokenRequest(url, callback string) (*Signed, error) {
	var cs cargs
	u := cs.str(url, "url")
	cb := cs.opt(callback, "callback")
	return s.signedBy(&cs, func(p *C.oauth1_signer, out **C.oauth1_signed) C.oauth1_result {
		return C.oauth1_signer_request_token_request(p, u, cb, out)
	})
}

// AccessTokenRequest signs the token-credentials request: POST url with
// oauth_verifier. The signer must hold the request token (WithToken).
func (s *Signer) AccessTokenRequest(url, verifier string) (*Signed, error) {
	var cs cargs
	u := cs.str(url, "url")
	v := cs.str(verifier, "verifier")
	return s.signedBy(&cs, func(p *C.oauth1_signer, out **C.oauth1_signed) C.oauth1_result {
		return C.oauth1_signer_access_token_request(p, u, v, out)
	})
}

// signedBy runs one signing call with the arguments cs converted: ErrClosed
// first, then the first refused argument, then the library's answer.
func (s *Signer) signedBy(cs *cargs, f func(p *C.oauth1_signer, out **C.oauth1_signed) C.oauth1_result) (*Signed, error) {
	p, err := s.handle()
	if err != nil {
		return nil, err
	}
	defer runtime.KeepAlive(s)
	if cs.err != nil {
		return nil, cs.err
	}
	var out *C.oauth1_signed
	if err := call(func() C.oauth1_result { return f(p, &out) }); err != nil {
		return nil, err
	}
	return newSigned(out), nil
}

// Generated says how oauth_timestamp or oauth_nonce is made: Auto (fresh,
// the zero value), Omit, or Fixed(value).
type Generated struct {
	mode  uint32
	value string
}

var (
	// Auto makes the value fresh for each request (the clock, the OS CSPRNG).
	Auto = Generated{mode: C.OAUTH1_GENERATED_AUTO}
	// Omit leaves the parameter out (PLAINTEXT allows it).
	Omit = Generated{mode: C.OAUTH1_GENERATED_OMIT}
)

// Fixed uses value as given (tests, replays).
func Fixed(value string) Generated { return Generated{mode: C.OAUTH1_GENERATED_FIXED, value: value} }

// FixedTimestamp is Fixed with Unix seconds.
func FixedTimestamp(unix int64) Generated { return Fixed(strconv.FormatInt(unix, 10)) }

// SignParams are per-request protocol parameters: "" means none for
// Callback and Verifier.
type SignParams struct {
	Timestamp, Nonce Generated
	Callback         string
	Verifier         string
	// ExtraOAuthParams are further protocol parameters (names start with oauth_).
	ExtraOAuthParams []Param
}

// SignOptions are SignParams held by the library, reusable for many requests.
type SignOptions struct {
	ptr *C.oauth1_sign_options
}

// NewSignOptions makes reusable sign options.
func NewSignOptions(params SignParams) (*SignOptions, error) {
	var ptr *C.oauth1_sign_options
	if err := call(func() C.oauth1_result { return C.oauth1_sign_options_new(&ptr) }); err != nil {
		return nil, err
	}
	o := owned(&SignOptions{ptr}, (*SignOptions).Close)
	if err := o.set(params); err != nil {
		o.Close()
		return nil, err
	}
	return o, nil
}

func (o *SignOptions) set(params SignParams) error {
	setGen := func(g Generated, name string, f func(*C.oauth1_sign_options, C.uint32_t, *C.char) C.oauth1_result) error {
		var v *C.char
		if g.mode == C.OAUTH1_GENERATED_FIXED {
			var err error
			if v, err = cstr(g.value, name); err != nil {
				return err
			}
		}
		return call(func() C.oauth1_result { return f(o.ptr, C.uint32_t(g.mode), v) })
	}
	if err := setGen(params.Timestamp, "timestamp", func(p *C.oauth1_sign_options, m C.uint32_t, v *C.char) C.oauth1_result {
		return C.oauth1_sign_options_set_timestamp(p, m, v)
	}); err != nil {
		return err
	}
	if err := setGen(params.Nonce, "nonce", func(p *C.oauth1_sign_options, m C.uint32_t, v *C.char) C.oauth1_result {
		return C.oauth1_sign_options_set_nonce(p, m, v)
	}); err != nil {
		return err
	}
	cb, err := optCstr(params.Callback, "callback")
	if err != nil {
		return err
	}
	if err := call(func() C.oauth1_result { return C.oauth1_sign_options_set_callback(o.ptr, cb) }); err != nil {
		return err
	}
	v, err := optCstr(params.Verifier, "verifier")
	if err != nil {
		return err
	}
	if err := call(func() C.oauth1_result { return C.oauth1_sign_options_set_verifier(o.ptr, v) }); err != nil {
		return err
	}
	for _, p := range params.ExtraOAuthParams {
		var cs cargs
		n := cs.str(p.Name, "extra parameter name")
		val := cs.str(p.Value, p.Name)
		if cs.err != nil {
			return cs.err
		}
		if err := call(func() C.oauth1_result { return C.oauth1_sign_options_add_extra_oauth_param(o.ptr, n, val) }); err != nil {
			return err
		}
	}
	return nil
}

func (o *SignOptions) handle() (*C.oauth1_sign_options, error) {
	if o.ptr == nil {
		return nil, ErrClosed
	}
	return o.ptr, nil
}

// Close frees the options. Closing twice is harmless.
func (o *SignOptions) Close() {
	release(&o.ptr, func(h *C.oauth1_sign_options) { C.oauth1_sign_options_free(h) }, o)
}

// SignWith signs a request with one-off params (a temporary SignOptions).
func (s *Signer) SignWith(req Request, params SignParams) (*Signed, error) {
	o, err := NewSignOptions(params)
	if err != nil {
		return nil, err
	}
	defer o.Close()
	return s.Sign(req, o)
}

// Signed is a signed request: every transmission (Authorization header,
// signed URL, signed form body) and the explanation. Close frees it.
type Signed struct {
	ptr *C.oauth1_signed
}

func newSigned(ptr *C.oauth1_signed) *Signed {
	return owned(&Signed{ptr}, (*Signed).Close)
}

// Close frees the signed request. Closing twice is harmless.
func (s *Signed) Close() { release(&s.ptr, func(h *C.oauth1_signed) { C.oauth1_signed_free(h) }, s) }

func (s *Signed) get(f func(*C.oauth1_signed, **C.char) C.oauth1_result) (string, error) {
	if s.ptr == nil {
		return "", ErrClosed
	}
	p := s.ptr
	defer runtime.KeepAlive(s)
	return getString(func(out **C.char) C.oauth1_result { return f(p, out) })
}

// AuthorizationHeader is the Authorization header value: `OAuth realm="...", oauth_consumer_key="...", ...`.
func (s *Signed) AuthorizationHeader() (string, error) {
	return s.get(func(p *C.oauth1_signed, o **C.char) C.oauth1_result {
		return C.oauth1_signed_authorization_header(p, o)
	})
}

// Signature is oauth_signature, not percent-encoded.
func (s *Signed) Signature() (string, error) {
	return s.get(func(p *C.oauth1_signed, o **C.char) C.oauth1_result { return C.oauth1_signed_signature(p, o) })
}

// BaseString is the signature base string (RFC 5849 s3.4.1.1).
func (s *Signed) BaseString() (string, error) {
	return s.get(func(p *C.oauth1_signed, o **C.char) C.oauth1_result { return C.oauth1_signed_base_string(p, o) })
}

// NormalizedParameters are the normalized request parameters (RFC 5849 s3.4.1.3.2).
func (s *Signed) NormalizedParameters() (string, error) {
	return s.get(func(p *C.oauth1_signed, o **C.char) C.oauth1_result {
		return C.oauth1_signed_normalized_parameters(p, o)
	})
}

// URL is the URL with the protocol parameters in its query (RFC 5849 s3.5.3).
func (s *Signed) URL() (string, error) {
	return s.get(func(p *C.oauth1_signed, o **C.char) C.oauth1_result { return C.oauth1_signed_url(p, o) })
}

// FormBody is the form body with the protocol parameters appended (RFC 5849
// s3.5.2); ErrInvalidParameter for a body that is not a form.
func (s *Signed) FormBody() (string, error) {
	return s.get(func(p *C.oauth1_signed, o **C.char) C.oauth1_result { return C.oauth1_signed_form_body(p, o) })
}

// OAuthQuery is the protocol parameters as one encoded string, oauth_signature last.
func (s *Signed) OAuthQuery() (string, error) {
	return s.get(func(p *C.oauth1_signed, o **C.char) C.oauth1_result { return C.oauth1_signed_oauth_query(p, o) })
}

// OAuthParameters are the protocol parameters sent, decoded, in order (oauth_signature last).
func (s *Signed) OAuthParameters() ([]Param, error) {
	if s.ptr == nil {
		return nil, ErrClosed
	}
	p := s.ptr
	defer runtime.KeepAlive(s)
	return getParams(
		func(n *C.size_t) C.oauth1_result { return C.oauth1_signed_oauth_parameter_count(p, n) },
		func(i C.size_t, name, value **C.char) C.oauth1_result {
			return C.oauth1_signed_oauth_parameter(p, i, name, value)
		},
	)
}
