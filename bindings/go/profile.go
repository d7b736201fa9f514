package oauth1

/*
#include <oauth1.h>
*/
import "C"

import (
	"runtime"
	"strings"
)

// Profile is a provider profile's settings and facts (the library's
// crates/oauth1/profiles), read with oauth1_profile_get. The endpoint
// templates hold {account} or {store}; "" when the provider has none.
type Profile struct {
	Name                      string
	DisplayName               string
	Summary                   string
	SignatureMethods          []SignatureMethod
	DefaultSignatureMethod    SignatureMethod
	Transmission              string // header, query, form
	Account                   string // none, netsuite-account-id, store-url
	Realm                     string // none, netsuite-account
	BodyHash                  BodyHash
	Timestamp                 string // clock, monotonic
	CallbackConfirmedRequired bool
	RequestTokenURL           string
	AuthorizeURL              string
	AccessTokenURL            string
	APIBase                   string
	ResponseFields            []string
	Pitfalls                  string
	Docs                      []string
}

// ProfileField is one field of a profile as the library's text:
// display_name, summary, signature_methods (space-separated),
// default_signature_method, transmission, account, realm, body_hash,
// timestamp, callback_confirmed_required, request_token_url, authorize_url,
// access_token_url, api_base, response_fields, pitfalls, docs
// (newline-separated). ok is false for an endpoint the profile has not; an
// unknown profile or field is ErrInvalidParameter.
func ProfileField(name, field string) (value string, ok bool, err error) {
	var cs cargs
	n := cs.str(name, "profile")
	f := cs.str(field, "field")
	if cs.err != nil {
		return "", false, cs.err
	}
	return optString(func(out **C.char) C.oauth1_result { return C.oauth1_profile_get(n, f, out) })
}

// LookupProfile is the profile of that name (e.g. "netsuite"); an unknown
// name is ErrInvalidParameter, whose message lists the known ones.
func LookupProfile(name string) (Profile, error) {
	p := Profile{Name: name}
	var err error
	text := func(field string) string {
		if err != nil {
			return ""
		}
		var v string
		v, _, err = ProfileField(name, field)
		return v
	}
	p.DisplayName = text("display_name")
	p.Summary = text("summary")
	for _, m := range strings.Fields(text("signature_methods")) {
		p.SignatureMethods = append(p.SignatureMethods, SignatureMethod(m))
	}
	p.DefaultSignatureMethod = SignatureMethod(text("default_signature_method"))
	p.Transmission = text("transmission")
	p.Account = text("account")
	p.Realm = text("realm")
	p.BodyHash = BodyHash(text("body_hash"))
	p.Timestamp = text("timestamp")
	p.CallbackConfirmedRequired = text("callback_confirmed_required") == "true"
	p.RequestTokenURL = text("request_token_url")
	p.AuthorizeURL = text("authorize_url")
	p.AccessTokenURL = text("access_token_url")
	p.APIBase = text("api_base")
	p.ResponseFields = strings.Fields(text("response_fields"))
	p.Pitfalls = text("pitfalls")
	for _, d := range strings.Split(text("docs"), "\n") {
		if d != "" {
			p.Docs = append(p.Docs, d)
		}
	}
	if err != nil {
		return Profile{}, err
	}
	return p, nil
}

// Profiles is every profile the library holds, sorted by name.
func Profiles() ([]Profile, error) {
	n := int(C.oauth1_profile_count())
	profiles := make([]Profile, 0, n)
	for i := 0; i < n; i++ {
		name, err := getString(func(out **C.char) C.oauth1_result { return C.oauth1_profile_name(C.size_t(i), out) })
		if err != nil {
			return nil, err
		}
		p, err := LookupProfile(name)
		if err != nil {
			return nil, err
		}
		profiles = append(profiles, p)
	}
	return profiles, nil
}

// TokenPassportAlgorithm is the signature algorithm of every TokenPassport.
const TokenPassportAlgorithm = "HMAC-SHA256"

// TokenPassportSigner signs NetSuite SuiteTalk SOAP TokenPassports for one
// account, consumer and token; its timestamps never go backwards. Safe for
// concurrent use; Close frees it (and zeroes its secrets).
type TokenPassportSigner struct {
	ptr *C.oauth1_token_passport_signer
}

// NewTokenPassportSigner makes a TokenPassport signer. account is the
// NetSuite account id (1234567, 1234567_SB1 or 1234567-sb1; sent as
// 1234567_SB1).
func NewTokenPassportSigner(account, consumerKey, consumerSecret, token, tokenSecret string) (*TokenPassportSigner, error) {
	var args [5]*C.char
	for i, a := range []struct{ value, name string }{
		{account, "account"}, {consumerKey, "consumer key"}, {consumerSecret, "consumer secret"},
		{token, "token"}, {tokenSecret, "token secret"},
	} {
		var err error
		if args[i], err = cstr(a.value, a.name); err != nil {
			return nil, err
		}
	}
	var ptr *C.oauth1_token_passport_signer
	if err := call(func() C.oauth1_result {
		return C.oauth1_token_passport_signer_new(args[0], args[1], args[2], args[3], args[4], &ptr)
	}); err != nil {
		return nil, err
	}
	return owned(&TokenPassportSigner{ptr}, (*TokenPassportSigner).Close), nil
}

// Close frees the signer; later calls fail with ErrClosed. Closing twice is harmless.
func (s *TokenPassportSigner) Close() {
	release(&s.ptr, func(h *C.oauth1_token_passport_signer) { C.oauth1_token_passport_signer_free(h) }, s)
}

// Sign signs a TokenPassport. timestamp and nonce are Auto (the clock, a
// fresh 20-character nonce) or Fixed (Unix seconds; 6-64 letters and
// digits). A fixed timestamp earlier than the signer's last one is
// ErrInvalidParameter.
func (s *TokenPassportSigner) Sign(timestamp, nonce Generated) (*TokenPassport, error) {
	if s == nil || s.ptr == nil {
		return nil, ErrClosed
	}
	defer runtime.KeepAlive(s)
	var ts, n *C.char
	var err error
	if timestamp.mode == C.OAUTH1_GENERATED_FIXED {
		if ts, err = cstr(timestamp.value, "timestamp"); err != nil {
			return nil, err
		}
	}
	if nonce.mode == C.OAUTH1_GENERATED_FIXED {
		if n, err = cstr(nonce.value, "nonce"); err != nil {
			return nil, err
		}
	}
	var ptr *C.oauth1_token_passport
	if err := call(func() C.oauth1_result {
		return C.oauth1_token_passport_signer_sign(s.ptr, C.uint32_t(timestamp.mode), ts, C.uint32_t(nonce.mode), n, &ptr)
	}); err != nil {
		return nil, err
	}
	return owned(&TokenPassport{ptr}, (*TokenPassport).Close), nil
}

// TokenPassport is one signed TokenPassport. Close frees it.
type TokenPassport struct {
	ptr *C.oauth1_token_passport
}

// Close frees the passport. Closing twice is harmless.
func (p *TokenPassport) Close() {
	release(&p.ptr, func(h *C.oauth1_token_passport) { C.oauth1_token_passport_free(h) }, p)
}

func (p *TokenPassport) get(f func(*C.oauth1_token_passport, **C.char) C.oauth1_result) (string, error) {
	if p == nil || p.ptr == nil {
		return "", ErrClosed
	}
	defer runtime.KeepAlive(p)
	return getString(func(out **C.char) C.oauth1_result { return f(p.ptr, out) })
}

// Signature is the base64 signature.
func (p *TokenPassport) Signature() (string, error) {
	return p.get(func(t *C.oauth1_token_passport, out **C.char) C.oauth1_result {
		return C.oauth1_token_passport_signature(t, out)
	})
}

// BaseString is the signed base string, account&consumerKey&token&nonce&timestamp.
func (p *TokenPassport) BaseString() (string, error) {
	return p.get(func(t *C.oauth1_token_passport, out **C.char) C.oauth1_result {
		return C.oauth1_token_passport_base_string(t, out)
	})
}

// Timestamp is the timestamp sent (Unix seconds, as text).
func (p *TokenPassport) Timestamp() (string, error) {
	return p.get(func(t *C.oauth1_token_passport, out **C.char) C.oauth1_result {
		return C.oauth1_token_passport_timestamp(t, out)
	})
}

// Nonce is the nonce sent.
func (p *TokenPassport) Nonce() (string, error) {
	return p.get(func(t *C.oauth1_token_passport, out **C.char) C.oauth1_result {
		return C.oauth1_token_passport_nonce(t, out)
	})
}

// XML is the <tokenPassport> element for the SOAP header; namespace ("" for
// none) is declared as its default namespace, e.g.
// urn:messages_2024_2.platform.webservices.netsuite.com.
func (p *TokenPassport) XML(namespace string) (string, error) {
	ns, err := optCstr(namespace, "namespace")
	if err != nil {
		return "", err
	}
	return p.get(func(t *C.oauth1_token_passport, out **C.char) C.oauth1_result {
		return C.oauth1_token_passport_xml(t, ns, out)
	})
}
