// The whole OAuth 1.0a flow (RFC 5849 s2) against a provider, signing with
// liboauth1's Go binding (bindings/go) and sending with net/http. Each step is
// printed by name with what was sent and what came back.
//
//	three_legged BASE_URL
//
// BASE_URL is the provider's, e.g. the first line `oauth1 serve --port 0
// --auto-approve` prints. The consumer's credentials come from
// OAUTH1_CONSUMER_KEY and OAUTH1_CONSUMER_SECRET (the local provider's demo
// consumer when unset). The provider must approve on its own (auto-approve).
//
// Exit status 0 only when every step succeeded.
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"strings"

	oauth1 "example.invalid/liboauth1/bindings/go"
)

const (
	form  = "application/x-www-form-urlencoded"
	steps = 8
)

type flow struct {
	base   string
	http   *http.Client
	passed int
}

func (f *flow) step(name string) { fmt.Printf("\n== %s ==\n", name) }

func (f *flow) ok() {
	fmt.Println("  ok")
	f.passed++
}

type answer struct {
	status   int
	text     string
	location string
	header   http.Header
}

// send sends a request, with the Authorization header of signed when given.
func (f *flow) send(method, url string, signed *oauth1.Signed, body, contentType string, expected int) (*answer, error) {
	fmt.Printf("  sent:     %s %s\n", method, url)
	var reader io.Reader
	if body != "" {
		reader = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, url, reader)
	if err != nil {
		return nil, err
	}
	if signed != nil {
		h, err := signed.AuthorizationHeader()
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", h)
		fmt.Printf("            Authorization: %s\n", h)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
		fmt.Printf("            Content-Type: %s\n", contentType)
	}
	if body != "" {
		fmt.Printf("            %s\n", body)
	}
	resp, err := f.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	a := &answer{status: resp.StatusCode, text: string(b), location: resp.Header.Get("Location"), header: resp.Header}
	fmt.Printf("  received: HTTP %d\n", a.status)
	if a.location != "" {
		fmt.Printf("            Location: %s\n", a.location)
	}
	if a.text != "" {
		fmt.Printf("            %s\n", a.text)
	}
	if a.status != expected {
		return nil, fmt.Errorf("expected HTTP %d, got %d", expected, a.status)
	}
	return a, nil
}

func (f *flow) signedCall(s *oauth1.Signer, method, path, body, contentType string, expected int) (*answer, error) {
	url := f.base + path
	var b []byte
	if body != "" {
		b = []byte(body)
	}
	signed, err := s.Sign(oauth1.Request{Method: method, URL: url, Body: b, ContentType: contentType}, nil)
	if err != nil {
		return nil, err
	}
	defer signed.Close()
	return f.send(method, url, signed, body, contentType, expected)
}

func (f *flow) run(consumerKey, consumerSecret string) error {
	consumer, err := oauth1.NewSigner(consumerKey, consumerSecret)
	if err != nil {
		return err
	}
	defer consumer.Close()

	f.step("1. request token")
	url := f.base + "/oauth/request_token"
	callback := f.base + "/callback"
	fmt.Printf("  oauth_callback: %s\n", callback)
	rt, err := consumer.RequestTokenRequest(url, callback)
	if err != nil {
		return err
	}
	a, err := f.send("POST", url, rt, "", "", 200)
	if err != nil {
		return err
	}
	issued, err := oauth1.ParseTokenResponse([]byte(a.text), true)
	if err != nil {
		return err
	}
	f.ok()

	f.step("2. user authorization")
	authorize, err := oauth1.AuthorizationURL(f.base+"/oauth/authorize", issued.Token)
	if err != nil {
		return err
	}
	if a, err = f.send("GET", authorize, nil, "", "", 302); err != nil {
		return err
	}
	if a.location == "" {
		return fmt.Errorf("no redirect to the callback")
	}
	f.ok()

	f.step("3. callback with verifier")
	// The library also refuses a callback naming another request token.
	token, verifier, err := oauth1.ParseCallbackFor(a.location, issued.Token)
	if err != nil {
		return err
	}
	fmt.Printf("  callback: %s\n  oauth_token=%s oauth_verifier=%s\n", a.location, token, verifier)
	f.ok()

	f.step("4. access token")
	url = f.base + "/oauth/access_token"
	withRequestToken, err := consumer.WithToken(issued.Token, issued.TokenSecret)
	if err != nil {
		return err
	}
	defer withRequestToken.Close()
	at, err := withRequestToken.AccessTokenRequest(url, verifier)
	if err != nil {
		return err
	}
	if a, err = f.send("POST", url, at, "", "", 200); err != nil {
		return err
	}
	access, err := oauth1.ParseTokenResponse([]byte(a.text), false)
	if err != nil {
		return err
	}
	signer, err := consumer.WithToken(access.Token, access.TokenSecret)
	if err != nil {
		return err
	}
	defer signer.Close()
	f.ok()

	f.step("5. GET with query")
	meURL := f.base + "/api/me?fields=name%2Cemail&lang=en"
	meSigned, err := signer.Sign(oauth1.Request{Method: "GET", URL: meURL}, nil)
	if err != nil {
		return err
	}
	defer meSigned.Close()
	if a, err = f.send("GET", meURL, meSigned, "", "", 200); err != nil {
		return err
	}
	var me struct {
		Query map[string]string `json:"query"`
	}
	if json.Unmarshal([]byte(a.text), &me) != nil || me.Query["fields"] != "name,email" {
		return fmt.Errorf("the provider did not see the query")
	}
	f.ok()

	f.step("6. POST with form")
	if a, err = f.signedCall(signer, "POST", "/api/records", "title=Hello+from+Go&tags=demo%2Cgo", form, 201); err != nil {
		return err
	}
	var record struct {
		ID *int `json:"id"`
	}
	if json.Unmarshal([]byte(a.text), &record) != nil || record.ID == nil {
		return fmt.Errorf("no record id in the answer")
	}
	f.ok()

	f.step("7. PUT with JSON + body hash")
	// The same credentials, adding oauth_body_hash for bodies that are not forms.
	hashing, err := oauth1.NewSigner(consumerKey, consumerSecret, oauth1.WithToken(access.Token, access.TokenSecret), oauth1.WithBodyHash(oauth1.BodyHashNonForm))
	if err != nil {
		return err
	}
	defer hashing.Close()
	if _, err = f.signedCall(hashing, "PUT", fmt.Sprintf("/api/records/%d", *record.ID), `{"title":"Hello again from Go","done":true}`, "application/json", 200); err != nil {
		return err
	}
	f.ok()

	f.step("8. replayed GET is refused")
	fmt.Println("  the request of step 5 again, same nonce and signature:")
	if a, err = f.send("GET", meURL, meSigned, "", "", 401); err != nil {
		return err
	}
	if problem := strings.SplitN(a.text, "&", 2)[0]; problem != "oauth_problem=nonce_used" {
		return fmt.Errorf("expected oauth_problem=nonce_used, got %s", problem)
	}
	fmt.Printf("  WWW-Authenticate: %s\n", a.header.Get("WWW-Authenticate"))
	f.ok()
	return nil
}

func env(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

func main() {
	base := env("OAUTH1_PROVIDER", "")
	if len(os.Args) > 1 {
		base = os.Args[1]
	}
	if base == "" {
		fmt.Fprintln(os.Stderr, "usage: three_legged BASE_URL (e.g. http://127.0.0.1:8080)")
		os.Exit(2)
	}
	f := &flow{
		base: strings.TrimRight(base, "/"),
		// Loopback: never a proxy; the authorization redirect is read, not followed.
		http: &http.Client{
			Transport:     &http.Transport{Proxy: nil},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
	fmt.Printf("Go client (liboauth1 %s, %s, net/http) against %s\n", oauth1.Version(), runtime.Version(), f.base)
	failed := 0
	if err := f.run(env("OAUTH1_CONSUMER_KEY", "demo-consumer"), env("OAUTH1_CONSUMER_SECRET", "demo-consumer-secret")); err != nil {
		fmt.Printf("  FAILED: %v\n", err)
		failed = 1
	}
	fmt.Printf("\nGo flow: %d passed, %d failed\n", f.passed, failed)
	if failed != 0 || f.passed != steps {
		os.Exit(1)
	}
}
