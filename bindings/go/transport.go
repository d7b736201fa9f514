package oauth1

import (
	"bytes"
	"io"
	"net/http"
)

// Transport is an http.RoundTripper that signs every request with Signer,
// in the Authorization header, then sends it with Base
// (http.DefaultTransport when nil):
//
//	client := &http.Client{Transport: &oauth1.Transport{Signer: signer}}
//
// The request's body is read to be signed (a form body as parameters, any
// other for the body hash when the signer has one) and sent as read. The
// caller's request is not changed.
type Transport struct {
	Signer *Signer
	Base   http.RoundTripper
}

// RoundTrip signs and sends one request.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	var reqBody []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, err
		}
		reqBody = b
	}
	method := req.Method
	if method == "" {
		method = http.MethodGet // net/http's meaning of an empty method
	}
	signed, err := t.Signer.Sign(Request{
		Method:      method,
		URL:         req.URL.String(),
		Body:        reqBody,
		ContentType: req.Header.Get("Content-Type"),
	}, nil)
	if err != nil {
		return nil, err
	}
	header, err := signed.AuthorizationHeader()
	signed.Close()
	if err != nil {
		return nil, err
	}
	out := req.Clone(req.Context())
	out.Header.Set("Authorization", header)
	if reqBody != nil {
		out.Body = io.NopCloser(bytes.NewReader(reqBody))
		out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(reqBody)), nil }
		out.ContentLength = int64(len(reqBody))
	}
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	return base.RoundTrip(out)
}
