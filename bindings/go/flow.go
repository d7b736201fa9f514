package oauth1

/*
#include <oauth1.h>
*/
import "C"

import "errors"

// AuthorizationURL is the resource-owner authorization URL: authorizeURL
// with oauth_token added to its query.
func AuthorizationURL(authorizeURL, requestToken string) (string, error) {
	var cs cargs
	a := cs.str(authorizeURL, "authorize URL")
	t := cs.str(requestToken, "request token")
	if cs.err != nil {
		return "", cs.err
	}
	return getString(func(out **C.char) C.oauth1_result { return C.oauth1_authorization_url(a, t, out) })
}

// ParseCallback reads oauth_token and oauth_verifier from the callback the
// provider redirected to (a whole URL or its query); ErrInvalidResponse
// when either is missing or the provider reported an oauth_problem.
func ParseCallback(urlOrQuery string) (token, verifier string, err error) {
	u, err := cstr(urlOrQuery, "callback")
	if err != nil {
		return "", "", err
	}
	var t, v *C.char
	if err := call(func() C.oauth1_result { return C.oauth1_parse_callback(u, &t, &v) }); err != nil {
		return "", "", err
	}
	return goString(t), goString(v), nil
}

// ParseCallbackFor is ParseCallback for the request token this consumer is
// waiting for: a callback naming another token (stale or forged) is refused
// with ErrInvalidResponse too.
func ParseCallbackFor(urlOrQuery, requestToken string) (token, verifier string, err error) {
	var cs cargs
	u := cs.str(urlOrQuery, "callback")
	rt := cs.str(requestToken, "request token")
	if cs.err != nil {
		return "", "", cs.err
	}
	var t, v *C.char
	if err := call(func() C.oauth1_result { return C.oauth1_parse_callback_for(u, rt, &t, &v) }); err != nil {
		return "", "", err
	}
	return goString(t), goString(v), nil
}

// TokenResponse is a parsed token response.
type TokenResponse struct {
	Token, TokenSecret string
	// CallbackConfirmed is nil when the response did not send oauth_callback_confirmed.
	CallbackConfirmed *bool
	// Extra holds every other field, in the order received.
	Extra []Param
}

// Get is the first other field of that name.
func (r *TokenResponse) Get(name string) (string, bool) {
	for _, p := range r.Extra {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// ParseTokenResponse parses a form-encoded token response body. With
// requireCallbackConfirmed (the request-token response of OAuth 1.0a),
// oauth_callback_confirmed must be true.
func ParseTokenResponse(responseBody []byte, requireCallbackConfirmed bool) (*TokenResponse, error) {
	b, n := body(responseBody)
	var r *C.oauth1_token_response
	if err := call(func() C.oauth1_result {
		return C.oauth1_parse_token_response(b, n, C.bool(requireCallbackConfirmed), &r)
	}); err != nil {
		return nil, err
	}
	defer C.oauth1_token_response_free(r)
	token, err := getString(func(out **C.char) C.oauth1_result { return C.oauth1_token_response_token(r, out) })
	if err != nil {
		return nil, err
	}
	secret, err := getString(func(out **C.char) C.oauth1_result { return C.oauth1_token_response_token_secret(r, out) })
	if err != nil {
		return nil, err
	}
	resp := &TokenResponse{Token: token, TokenSecret: secret}
	var confirmed C.bool
	switch err := call(func() C.oauth1_result { return C.oauth1_token_response_callback_confirmed(r, &confirmed) }); {
	case err == nil:
		c := bool(confirmed)
		resp.CallbackConfirmed = &c
	case !errors.Is(err, ErrNotFound):
		return nil, err
	}
	resp.Extra, err = getParams(
		func(n *C.size_t) C.oauth1_result { return C.oauth1_token_response_extra_count(r, n) },
		func(i C.size_t, name, value **C.char) C.oauth1_result {
			return C.oauth1_token_response_extra(r, i, name, value)
		},
	)
	if err != nil {
		return nil, err
	}
	return resp, nil
}
