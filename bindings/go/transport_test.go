package oauth1_test

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	oauth1 "example.invalid/liboauth1/bindings/go"
)

// The Transport against a loopback server that verifies each request with
// the binding's Verifier, as a provider would.
func TestTransportSignsEveryRequest(t *testing.T) {
	p := newProvider(t)
	// The server's clock is the system's: the transport signs with fresh timestamps.
	v := must(oauth1.NewVerifier(p.creds, p.nonces, oauth1.WithProviderRealm("loopback")))
	defer v.Close()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got, err := v.VerifyHTTP(r, body)
		var ve *oauth1.VerificationError
		if errors.As(err, &ve) {
			w.Header().Set("WWW-Authenticate", ve.WWWAuthenticate)
			w.WriteHeader(ve.HTTPStatus)
			_, _ = io.WriteString(w, ve.Body)
			return
		}
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		params := map[string]string{}
		for _, p := range got.OAuthParameters {
			params[p.Name] = p.Value
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"token": got.Token, "params": params, "body": string(body)})
	}))
	srv.Listener.Close()
	srv.Listener = must(net.Listen("tcp", "127.0.0.1:0"))
	srv.Start()
	defer srv.Close()

	s := signer(t, "ck", "cs", oauth1.WithToken("tk", "ts"), oauth1.WithBodyHash(oauth1.BodyHashNonForm))
	client := &http.Client{Transport: &oauth1.Transport{Signer: s}}
	decode := func(resp *http.Response) map[string]any {
		t.Helper()
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			b, _ := io.ReadAll(resp.Body)
			t.Fatalf("HTTP %d: %s", resp.StatusCode, b)
		}
		var m map[string]any
		check(t, json.NewDecoder(resp.Body).Decode(&m))
		return m
	}
	if m := decode(must(client.Get(srv.URL + "/me?fields=a%2Cb"))); m["token"] != "tk" {
		t.Fatal(m)
	}
	m := decode(must(client.PostForm(srv.URL+"/records", url.Values{"title": {"Hi there"}, "tag": {"a,b"}})))
	if _, hashed := m["params"].(map[string]any)["oauth_body_hash"]; hashed || m["body"] != "tag=a%2Cb&title=Hi+there" {
		t.Fatal("a form is signed as parameters, sent unchanged", m)
	}
	req := must(http.NewRequest("PUT", srv.URL+"/records/1", strings.NewReader(`{"done":true}`)))
	req.Header.Set("Content-Type", "application/json")
	m = decode(must(client.Do(req)))
	if _, hashed := m["params"].(map[string]any)["oauth_body_hash"]; !hashed || req.Header.Get("Authorization") != "" {
		t.Fatal("no body hash, or the caller's request was changed", m)
	}
	// The same signed request twice: the second is a replay.
	signed := must(s.Sign(oauth1.Request{Method: "GET", URL: srv.URL + "/me"}, nil))
	h := must(signed.AuthorizationHeader())
	for i, want := range []int{200, 401} {
		r := must(http.NewRequest("GET", srv.URL+"/me", nil))
		r.Header.Set("Authorization", h)
		resp := must(http.DefaultClient.Do(r))
		resp.Body.Close()
		if resp.StatusCode != want || (i == 1 && resp.Header.Get("WWW-Authenticate") != `OAuth realm="loopback"`) {
			t.Fatalf("send %d: HTTP %d %s", i, resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
		}
	}
}
