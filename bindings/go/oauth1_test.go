package oauth1_test

import (
	"crypto"
	"crypto/sha1"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	oauth1 "example.invalid/liboauth1/bindings/go"
)

// The project's standard request (crates/oauth1/benches/common/mod.rs).
const (
	stdURL       = "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait"
	stdBody      = "status=active&tags=a%2Cb&name=John+Doe"
	stdCK        = "ck_5f4dcc3b5aa765d61d8327deb882cf99"
	stdCS        = "cs_2c26b46b68ffc68ff99b453c1d30413413422d706"
	stdTK        = "tk_6b86b273ff34fce19d6b804eff5a3f57"
	stdTS        = "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b"
	stdSignature = "7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI="
	form         = "application/x-www-form-urlencoded"
)

var fixed = oauth1.SignParams{Timestamp: oauth1.Fixed("1700000000"), Nonce: oauth1.Fixed("kllo9940pd9333jh")}

// must is v, panicking (a failed test, with its stack) on an unexpected error.
func must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("unexpected error: %v", err))
	}
	return v
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func signer(t *testing.T, key, secret string, opts ...oauth1.SignerOption) *oauth1.Signer {
	t.Helper()
	s := must(oauth1.NewSigner(key, secret, opts...))
	t.Cleanup(s.Close)
	return s
}

func param(t *testing.T, s *oauth1.Signed, name string) (string, bool) {
	t.Helper()
	for _, p := range must(s.OAuthParameters()) {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

func wantKind(t *testing.T, err error, sentinel *oauth1.Error, contains string) {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("expected %s, got %v", sentinel.Result.Kind(), err)
	}
	if !strings.Contains(err.Error(), contains) {
		t.Fatalf("expected the message to name %q, got %q", contains, err.Error())
	}
}

func TestStandardRequest(t *testing.T) {
	s := signer(t, stdCK, stdCS, oauth1.WithToken(stdTK, stdTS), oauth1.WithSignatureMethod(oauth1.HMACSHA256), oauth1.WithRealm("1234567_SB1"))
	signed := must(s.SignWith(oauth1.Request{Method: "POST", URL: stdURL, Body: []byte(stdBody), ContentType: form}, fixed))
	defer signed.Close()
	if got := must(signed.Signature()); got != stdSignature {
		t.Fatalf("signature %s", got)
	}
	if h := must(signed.AuthorizationHeader()); !strings.HasPrefix(h, `OAuth realm="1234567_SB1", oauth_consumer_key="ck_5f4dcc3b5aa765d61d8327deb882cf99", `) {
		t.Fatalf("header %s", h)
	}
	if b := must(signed.BaseString()); !strings.HasPrefix(b, "POST&https%3A%2F%2Fapi.example.com%2Fv1%2Frecords%2Fsearch&") {
		t.Fatalf("base string %s", b)
	}
	if k := must(s.ConsumerKey()); k != stdCK {
		t.Fatal(k)
	}
	if tok, ok, _ := s.Token(); !ok || tok != stdTK {
		t.Fatal(tok)
	}
	if r, ok, _ := s.Realm(); !ok || r != "1234567_SB1" {
		t.Fatal(r)
	}
	if m := must(s.SignatureMethod()); m != oauth1.HMACSHA256 {
		t.Fatal(m)
	}
}

func TestEveryHMACMethodAndPlaintext(t *testing.T) {
	lengths := map[oauth1.SignatureMethod]int{oauth1.HMACSHA1: 28, oauth1.HMACSHA256: 44, oauth1.HMACSHA512: 88}
	for _, m := range []oauth1.SignatureMethod{oauth1.HMACSHA1, oauth1.HMACSHA256, oauth1.HMACSHA512, oauth1.PLAINTEXT} {
		s := signer(t, "ck", "cs", oauth1.WithSignatureMethod(m), oauth1.WithToken("t", "ts"))
		signed := must(s.SignWith(oauth1.Request{Method: "GET", URL: "http://example.com/r?b=2&a=1"}, fixed))
		sig := must(signed.Signature())
		if m == oauth1.PLAINTEXT && sig != "cs&ts" || m != oauth1.PLAINTEXT && len(sig) != lengths[m] {
			t.Fatalf("%s: %s", m, sig)
		}
	}
}

type vectorCase struct {
	ID      string `json:"id"`
	Request struct {
		Method, URL string
		Body        *string `json:"body"`
		ContentType *string `json:"content_type"`
	} `json:"request"`
	OAuth struct {
		ConsumerKey    string  `json:"consumer_key"`
		ConsumerSecret string  `json:"consumer_secret"`
		Token          *string `json:"token"`
		TokenSecret    *string `json:"token_secret"`
		Timestamp      string  `json:"timestamp"`
		Nonce          string  `json:"nonce"`
		Version        *string `json:"version"`
		RSAPrivateKey  string  `json:"rsa_private_key_pem"`
	} `json:"oauth"`
	Expect struct {
		BaseString string `json:"base_string"`
		Signature  string `json:"signature"`
	} `json:"expect"`
}

func rsaVector(t *testing.T) vectorCase {
	data := must(os.ReadFile("../../tests/conformance/vectors/vectors.json"))
	var cases []vectorCase
	check(t, json.Unmarshal(data, &cases))
	for _, c := range cases {
		if c.ID == "oauth-wiki-testcases-rsa-sha1" {
			return c
		}
	}
	t.Fatal("no vector oauth-wiki-testcases-rsa-sha1")
	return vectorCase{}
}

// Vector oauth-wiki-testcases-rsa-sha1 through the binding, then RSA-SHA1/256/512 verified with the public key.
func TestRSA(t *testing.T) {
	c := rsaVector(t)
	opts := []oauth1.SignerOption{oauth1.WithSignatureMethod(oauth1.RSASHA1), oauth1.WithRSAPrivateKeyPEM(c.OAuth.RSAPrivateKey), oauth1.WithVersion(c.OAuth.Version != nil)}
	if c.OAuth.Token != nil {
		opts = append(opts, oauth1.WithToken(*c.OAuth.Token, ""))
	}
	s := signer(t, c.OAuth.ConsumerKey, c.OAuth.ConsumerSecret, opts...)
	signed := must(s.SignWith(oauth1.Request{Method: c.Request.Method, URL: c.Request.URL},
		oauth1.SignParams{Timestamp: oauth1.Fixed(c.OAuth.Timestamp), Nonce: oauth1.Fixed(c.OAuth.Nonce)}))
	if got := must(signed.Signature()); got != c.Expect.Signature {
		t.Fatalf("signature %s, want %s", got, c.Expect.Signature)
	}

	block, _ := pem.Decode([]byte(c.OAuth.RSAPrivateKey))
	key := must(x509.ParsePKCS8PrivateKey(block.Bytes))
	der := must(x509.MarshalPKIXPublicKey(key.(crypto.Signer).Public()))
	pub := string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: der}))
	creds := must(oauth1.NewCredentials())
	defer creds.Close()
	check(t, creds.AddConsumer("ck-rsa", oauth1.Consumer{RSAPublicKeyPEM: pub}))
	nonces := must(oauth1.NewMemoryNonceStore())
	defer nonces.Close()
	v := must(oauth1.NewVerifier(creds, nonces, oauth1.WithClock(1700000000)))
	defer v.Close()
	for _, m := range []oauth1.SignatureMethod{oauth1.RSASHA1, oauth1.RSASHA256, oauth1.RSASHA512} {
		rs := signer(t, "ck-rsa", "", oauth1.WithSignatureMethod(m), oauth1.WithRSAPrivateKeyPEM(c.OAuth.RSAPrivateKey))
		signed := must(rs.SignWith(oauth1.Request{Method: "GET", URL: "https://api.example.com/x"},
			oauth1.SignParams{Timestamp: oauth1.FixedTimestamp(1700000000), Nonce: oauth1.Fixed("n-" + string(m))}))
		h := must(signed.AuthorizationHeader())
		got := must(v.Verify(oauth1.Received{Method: "GET", URL: "https://api.example.com/x", Header: map[string][]string{"Authorization": {h}}}))
		if got.SignatureMethod != m {
			t.Fatal(got.SignatureMethod)
		}
	}
	_, err := oauth1.NewSigner("ck", "", oauth1.WithSignatureMethod(oauth1.RSASHA256), oauth1.WithRSAPrivateKeyPEM("not a key"))
	wantKind(t, err, oauth1.ErrInvalidKey, "key")
}

func TestThreeTransmissions(t *testing.T) {
	s := signer(t, "ck", "cs")
	signed := must(s.SignWith(oauth1.Request{Method: "POST", URL: "https://h.example/p?x=1", Body: []byte("a=1&b=2"), ContentType: form}, fixed))
	if h := must(signed.AuthorizationHeader()); !strings.HasPrefix(h, `OAuth oauth_consumer_key="ck", `) {
		t.Fatal(h)
	}
	if u := must(signed.URL()); !strings.HasPrefix(u, "https://h.example/p?x=1&oauth_consumer_key=ck&") || !strings.Contains(u, "&oauth_signature=") {
		t.Fatal(u)
	}
	if b := must(signed.FormBody()); !strings.HasPrefix(b, "a=1&b=2&oauth_consumer_key=ck&") || !strings.Contains(b, "&oauth_signature=") {
		t.Fatal(b)
	}
	if q := must(signed.OAuthQuery()); !strings.HasPrefix(q, "oauth_consumer_key=ck&") {
		t.Fatal(q)
	}
	jsonSigned := must(s.Sign(oauth1.Request{Method: "POST", URL: "https://h.example/p", Body: []byte("{}"), ContentType: "application/json"}, nil))
	_, err := jsonSigned.FormBody()
	wantKind(t, err, oauth1.ErrInvalidParameter, "form")
}

func TestRealm(t *testing.T) {
	s := signer(t, "ck", "cs", oauth1.WithRealm("Photos"))
	signed := must(s.SignWith(oauth1.Request{Method: "GET", URL: "http://h.example/"}, fixed))
	if h := must(signed.AuthorizationHeader()); !strings.HasPrefix(h, `OAuth realm="Photos", `) {
		t.Fatal(h)
	}
	if b := must(signed.BaseString()); strings.Contains(b, "realm") {
		t.Fatal("realm signed")
	}
	_, err := oauth1.NewSigner("ck", "cs", oauth1.WithRealm("a\nb"))
	wantKind(t, err, oauth1.ErrInvalidParameter, "realm")
}

func TestBodyHashPolicies(t *testing.T) {
	hash := func(policy oauth1.BodyHash, body []byte, ct string) (string, bool, error) {
		s := signer(t, "ck", "cs", oauth1.WithBodyHash(policy))
		signed, err := s.Sign(oauth1.Request{Method: "POST", URL: "http://h.example/", Body: body, ContentType: ct}, nil)
		if err != nil {
			return "", false, err
		}
		v, ok := param(t, signed, "oauth_body_hash")
		return v, ok, nil
	}
	json := []byte(`{"a":1}`)
	cases := []struct {
		policy oauth1.BodyHash
		body   []byte
		ct     string
		want   string
	}{
		{oauth1.BodyHashOff, json, "application/json", ""},
		{oauth1.BodyHashNonForm, json, "application/json", "n4nHQM60bXQYySSnisV5QdXpZSA="},
		{oauth1.BodyHashNonForm, nil, "", ""},
		{oauth1.BodyHashNonForm, []byte("a=1"), form, ""},
		{oauth1.BodyHashAlways, nil, "", "2jmj7l5rSw0yVb/vlWAYkK/YBwk="},
		{oauth1.BodyHashAlways, []byte{}, "application/json", "2jmj7l5rSw0yVb/vlWAYkK/YBwk="},
		{oauth1.BodyHashAlways, json, "application/json", "n4nHQM60bXQYySSnisV5QdXpZSA="},
	}
	for _, c := range cases {
		got, ok, err := hash(c.policy, c.body, c.ct)
		if err != nil || got != c.want || ok != (c.want != "") {
			t.Fatalf("policy %s body %q: got %q %v %v", c.policy, c.body, got, ok, err)
		}
	}
	_, _, err := hash(oauth1.BodyHashAlways, []byte("a=1"), form)
	wantKind(t, err, oauth1.ErrInvalidParameter, "")
	_, err = oauth1.NewSigner("ck", "cs", oauth1.WithBodyHash("sometimes"))
	wantKind(t, err, oauth1.ErrInvalidParameter, "sometimes")
}

func TestGeneratedAndExtraParameters(t *testing.T) {
	s := signer(t, "ck", "cs", oauth1.WithSignatureMethod(oauth1.PLAINTEXT), oauth1.WithNonce(8, "ab"))
	fresh := must(s.Sign(oauth1.Request{Method: "GET", URL: "http://h.example/"}, nil))
	if n, _ := param(t, fresh, "oauth_nonce"); len(n) != 8 || strings.Trim(n, "ab") != "" {
		t.Fatal(n)
	}
	omitted := must(s.SignWith(oauth1.Request{Method: "GET", URL: "http://h.example/"}, oauth1.SignParams{Timestamp: oauth1.Omit, Nonce: oauth1.Omit}))
	if _, ok := param(t, omitted, "oauth_nonce"); ok {
		t.Fatal("nonce sent")
	}
	extra := must(s.SignWith(oauth1.Request{Method: "GET", URL: "http://h.example/"}, oauth1.SignParams{ExtraOAuthParams: []oauth1.Param{{Name: "oauth_session_handle", Value: "sh 1"}}}))
	if v, _ := param(t, extra, "oauth_session_handle"); v != "sh 1" {
		t.Fatal(v)
	}
	_, err := s.SignWith(oauth1.Request{Method: "GET", URL: "http://h.example/"}, oauth1.SignParams{Timestamp: oauth1.Fixed("-1")})
	wantKind(t, err, oauth1.ErrInvalidParameter, "timestamp")
}

func TestTokenFlow(t *testing.T) {
	consumer := signer(t, "ck", "cs")
	rt := must(consumer.RequestTokenRequest("https://p.example/oauth/request_token", "https://c.example/cb"))
	if cb, _ := param(t, rt, "oauth_callback"); cb != "https://c.example/cb" {
		t.Fatal(cb)
	}
	oob := must(consumer.RequestTokenRequest("https://p.example/rt", ""))
	if cb, _ := param(t, oob, "oauth_callback"); cb != "oob" {
		t.Fatal(cb)
	}
	issued := must(oauth1.ParseTokenResponse([]byte("oauth_token=rt1&oauth_token_secret=rs1&oauth_callback_confirmed=true&x=1"), true))
	if x, _ := issued.Get("x"); issued.Token != "rt1" || issued.TokenSecret != "rs1" || issued.CallbackConfirmed == nil || !*issued.CallbackConfirmed || x != "1" {
		t.Fatalf("%+v", issued)
	}
	_, err := oauth1.ParseTokenResponse([]byte("oauth_token=rt1&oauth_token_secret=rs1"), true)
	wantKind(t, err, oauth1.ErrInvalidResponse, "callback_confirmed")
	access := must(oauth1.ParseTokenResponse([]byte("oauth_token=at&oauth_token_secret=as"), false))
	if access.CallbackConfirmed != nil {
		t.Fatal("confirmed")
	}
	if u := must(oauth1.AuthorizationURL("https://p.example/authorize?lang=en", "rt 1")); u != "https://p.example/authorize?lang=en&oauth_token=rt%201" {
		t.Fatal(u)
	}
	tok, ver, err := oauth1.ParseCallback("https://c.example/cb?oauth_token=rt1&oauth_verifier=v1")
	if err != nil || tok != "rt1" || ver != "v1" {
		t.Fatal(tok, ver, err)
	}
	_, _, err = oauth1.ParseCallback("oauth_problem=user_refused")
	wantKind(t, err, oauth1.ErrInvalidResponse, "user_refused")
	if tok, ver, err = oauth1.ParseCallbackFor("oauth_token=rt1&oauth_verifier=v1", "rt1"); err != nil || tok != "rt1" || ver != "v1" {
		t.Fatal(tok, ver, err)
	}
	_, _, err = oauth1.ParseCallbackFor("oauth_token=rt2&oauth_verifier=v1", "rt1")
	wantKind(t, err, oauth1.ErrInvalidResponse, "")
	withRT := must(consumer.WithToken("rt1", "rs1"))
	defer withRT.Close()
	at := must(withRT.AccessTokenRequest("https://p.example/oauth/access_token", "v1"))
	if v, _ := param(t, at, "oauth_verifier"); v != "v1" {
		t.Fatal(v)
	}
	_, err = consumer.AccessTokenRequest("https://p.example/at", "v1")
	wantKind(t, err, oauth1.ErrInvalidParameter, "")
}

type provider struct {
	creds  *oauth1.Credentials
	nonces *oauth1.MemoryNonceStore
	v      *oauth1.Verifier
}

func newProvider(t *testing.T, opts ...oauth1.VerifierOption) provider {
	t.Helper()
	creds := must(oauth1.NewCredentials())
	check(t, creds.AddConsumer("ck", oauth1.Consumer{Secret: oauth1.Secret("cs")}))
	check(t, creds.AddToken("tk", "ts", "ck"))
	nonces := must(oauth1.NewMemoryNonceStore())
	v := must(oauth1.NewVerifier(creds, nonces, append([]oauth1.VerifierOption{oauth1.WithClock(1700000000), oauth1.WithTimestampWindow(300), oauth1.WithProviderRealm("api.example")}, opts...)...))
	t.Cleanup(func() { v.Close(); creds.Close(); nonces.Close() })
	return provider{creds, nonces, v}
}

func header(h string) map[string][]string { return map[string][]string{"Authorization": {h}} }

func TestVerifyAcceptReplayForgery(t *testing.T) {
	p := newProvider(t)
	s := signer(t, "ck", "cs", oauth1.WithToken("tk", "ts"), oauth1.WithRealm("r"))
	url := "https://api.example/x?y=1"
	signed := must(s.SignWith(oauth1.Request{Method: "POST", URL: url, Body: []byte("a=b"), ContentType: form}, fixed))
	h := must(signed.AuthorizationHeader())
	req := oauth1.Received{Method: "POST", URL: url, Header: map[string][]string{"Authorization": {h}, "Content-Type": {form}}, Body: []byte("a=b")}
	ok := must(p.v.Verify(req))
	if ok.ConsumerKey != "ck" || ok.Token != "tk" || ok.SignatureMethod != oauth1.HMACSHA1 || ok.Realm != "r" || ok.Nonce != "kllo9940pd9333jh" || ok.Timestamp != 1700000000 || ok.ParameterLocation != "header" {
		t.Fatalf("%+v", ok)
	}
	if n := must(p.nonces.Len()); n != 1 {
		t.Fatal(n)
	}
	_, err := p.v.Verify(req)
	var ve *oauth1.VerificationError
	if !errors.As(err, &ve) || ve.Problem != "nonce_used" || ve.HTTPStatus != 401 || ve.WWWAuthenticate != `OAuth realm="api.example"` || !strings.HasPrefix(ve.Body, "oauth_problem=nonce_used") {
		t.Fatalf("%#v", err)
	}
	if !errors.Is(err, oauth1.ErrVerificationFailed) || !strings.HasPrefix(err.Error(), "nonce_used") {
		t.Fatal(err)
	}
	forged := must(s.SignWith(oauth1.Request{Method: "POST", URL: url, Body: []byte("a=c"), ContentType: form}, oauth1.SignParams{Timestamp: oauth1.Fixed("1700000000"), Nonce: oauth1.Fixed("other")}))
	req.Header.Set("Authorization", must(forged.AuthorizationHeader()))
	_, err = p.v.Verify(req)
	if !errors.As(err, &ve) || ve.Problem != "signature_invalid" {
		t.Fatal(err)
	}
	if n := must(p.nonces.Len()); n != 1 {
		t.Fatal("a forgery recorded a nonce")
	}
}

func TestVerifyProblems(t *testing.T) {
	p := newProvider(t)
	var ve *oauth1.VerificationError
	_, err := p.v.Verify(oauth1.Received{Method: "GET", URL: "https://api.example/", Header: header(`OAuth oauth_consumer_key="ck"`)})
	if !errors.As(err, &ve) || ve.Problem != "parameter_absent" || ve.HTTPStatus != 400 || !contains(ve.Parameters, "oauth_signature") {
		t.Fatal(err)
	}
	late := must(signer(t, "ck", "cs").SignWith(oauth1.Request{Method: "GET", URL: "https://api.example/"}, oauth1.SignParams{Timestamp: oauth1.FixedTimestamp(1600000000), Nonce: oauth1.Fixed("n")}))
	_, err = p.v.Verify(oauth1.Received{Method: "GET", URL: "https://api.example/", Header: header(must(late.AuthorizationHeader()))})
	if !errors.As(err, &ve) || ve.Problem != "timestamp_refused" || ve.AcceptableTimestamps == nil || *ve.AcceptableTimestamps != [2]uint64{1699999700, 1700000300} {
		t.Fatal(err)
	}
	stranger := must(signer(t, "who", "cs").SignWith(oauth1.Request{Method: "GET", URL: "https://api.example/"}, fixed))
	_, err = p.v.Verify(oauth1.Received{Method: "GET", URL: "https://api.example/", Header: header(must(stranger.AuthorizationHeader()))})
	if !errors.As(err, &ve) || ve.Problem != "consumer_key_unknown" {
		t.Fatal(err)
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func TestVerifierSettingsCredentialsNonceStore(t *testing.T) {
	p := newProvider(t)
	if ok := must(p.v.IsAllowed(oauth1.PLAINTEXT)); ok {
		t.Fatal("PLAINTEXT allowed by default")
	}
	_, err := p.v.IsAllowed("HMAC-MD5")
	wantKind(t, err, oauth1.ErrUnsupportedSignatureMethod, "HMAC-MD5")
	only := newProvider(t, oauth1.AllowSignatureMethods(oauth1.HMACSHA256), oauth1.AllowSignatureMethod(oauth1.PLAINTEXT))
	if ok := must(only.v.IsAllowed(oauth1.HMACSHA1)); ok {
		t.Fatal("HMAC-SHA1 still allowed")
	}
	if ok := must(only.v.IsAllowed(oauth1.PLAINTEXT)); !ok {
		t.Fatal("PLAINTEXT not allowed")
	}
	if now := must(p.v.Now()); now != 1700000000 {
		t.Fatal(now)
	}
	if c, tk, _ := p.creds.Counts(); c != 1 || tk != 1 {
		t.Fatal(c, tk)
	}
	if ok := must(p.creds.RemoveToken("tk")); !ok {
		t.Fatal("not removed")
	}
	if ok := must(p.creds.RemoveToken("tk")); ok {
		t.Fatal("removed twice")
	}
	wantKind(t, p.creds.AddConsumer("ck2", oauth1.Consumer{RSAPublicKeyPEM: "junk"}), oauth1.ErrInvalidKey, "")
	store := must(oauth1.NewMemoryNonceStore())
	defer store.Close()
	if fresh := must(store.CheckAndRecord("ck", "", 995, "n", 1000, 10)); !fresh {
		t.Fatal("not fresh")
	}
	if fresh := must(store.CheckAndRecord("ck", "", 995, "n", 1000, 10)); fresh {
		t.Fatal("replay fresh")
	}
	if has := must(store.Contains("ck", "", 995, "n")); !has {
		t.Fatal("not recorded")
	}
	check(t, store.ForgetExpired(2000, 10))
	if n := must(store.Len()); n != 0 {
		t.Fatal(n)
	}
}

func TestReceivedURL(t *testing.T) {
	h := map[string][]string{"Host": {"internal:8080"}, "X-Forwarded-Proto": {"https"}, "X-Forwarded-Host": {"api.example"}}
	if u := must(oauth1.ReceivedURL(false, "/x?y=1", h, false)); u != "http://internal:8080/x?y=1" {
		t.Fatal(u)
	}
	if u := must(oauth1.ReceivedURL(false, "/x?y=1", h, true)); u != "https://api.example/x?y=1" {
		t.Fatal(u)
	}
}

func TestErrorsCarryTheLibraryMessage(t *testing.T) {
	s := signer(t, "ck", "cs")
	_, err := s.Sign(oauth1.Request{Method: "GET", URL: "ftp://x"}, nil)
	var e *oauth1.Error
	if !errors.As(err, &e) || e.Result != oauth1.ResultInvalidURL || e.Result.Kind() != "invalid_url" || e.Message != `invalid_url: url "ftp://x": scheme "ftp" is not http or https` {
		t.Fatalf("%#v", err)
	}
	_, err = oauth1.NewSigner("ck", "cs", oauth1.WithSignatureMethod("hmac-sha1"))
	wantKind(t, err, oauth1.ErrUnsupportedSignatureMethod, "hmac-sha1")
	_, err = oauth1.NewSigner("", "cs")
	wantKind(t, err, oauth1.ErrInvalidParameter, "consumer_key is empty")
	if oauth1.ResultVerificationFailed.Kind() != "verification_failed" || !strings.HasPrefix(oauth1.Version(), "0.") {
		t.Fatal(oauth1.Version())
	}
}

func TestStringsAndBodies(t *testing.T) {
	s := signer(t, "ck", "cs")
	signed := must(s.SignWith(oauth1.Request{Method: "GET", URL: "https://h.example/?q=caf\u00e9\U0001F600"}, fixed))
	if b := must(signed.BaseString()); !strings.HasSuffix(b, "q%3Dcaf%25C3%25A9%25F0%259F%2598%2580") {
		t.Fatal(b)
	}
	_, err := s.Sign(oauth1.Request{Method: "GET", URL: "https://h.example/\x00x"}, nil)
	wantKind(t, err, oauth1.ErrInteriorNUL, "url holds a NUL")
	_, err = oauth1.NewSigner("ck\xff", "cs")
	wantKind(t, err, oauth1.ErrInvalidUTF8, "consumer_key")
	// A body is (pointer, length): a NUL inside is data, hashed like any byte.
	hashing := signer(t, "ck", "cs", oauth1.WithBodyHash(oauth1.BodyHashAlways))
	raw := []byte{0, 1, 0}
	h := must(hashing.Sign(oauth1.Request{Method: "PUT", URL: "https://h.example/", Body: raw, ContentType: "application/octet-stream"}, nil))
	sum := sha1.Sum(raw)
	if v, _ := param(t, h, "oauth_body_hash"); v != base64.StdEncoding.EncodeToString(sum[:]) {
		t.Fatal(v)
	}
	_, err = s.Sign(oauth1.Request{Method: "POST", URL: "https://h.example/", Body: []byte{'a', '=', 0xff}, ContentType: form}, nil)
	wantKind(t, err, oauth1.ErrInvalidEncoding, "")
}

func TestHandlesCloseAndFinalizers(t *testing.T) {
	s := must(oauth1.NewSigner("ck", "cs"))
	signed := must(s.Sign(oauth1.Request{Method: "GET", URL: "https://h.example/"}, nil))
	signed.Close()
	signed.Close()
	if _, err := signed.Signature(); !errors.Is(err, oauth1.ErrClosed) {
		t.Fatal(err)
	}
	s.Close()
	if _, err := s.Sign(oauth1.Request{Method: "GET", URL: "https://h.example/"}, nil); !errors.Is(err, oauth1.ErrClosed) {
		t.Fatal(err)
	}
	// Never closed: the finalizers free them once collected.
	for i := 0; i < 2000; i++ {
		x, _ := oauth1.NewSigner("ck", "cs")
		_, _ = x.Sign(oauth1.Request{Method: "GET", URL: "https://h.example/"}, nil)
	}
	runtime.GC()
	runtime.GC()
}

// The library's last error message is per OS thread: under many goroutines
// each failing differently, every error still carries its own message.
func TestConcurrentSigningAndErrors(t *testing.T) {
	s := signer(t, "ck", "cs")
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				bad := fmt.Sprintf("ftp://h%d-%d", g, i)
				_, err := s.Sign(oauth1.Request{Method: "GET", URL: bad}, nil)
				if err == nil || !strings.Contains(err.Error(), bad) {
					errs <- fmt.Errorf("goroutine %d: %v", g, err)
					return
				}
				if _, err := s.Sign(oauth1.Request{Method: "GET", URL: "https://h.example/"}, nil); err != nil {
					errs <- err
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}
