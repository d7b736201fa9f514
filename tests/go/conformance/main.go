// The conformance runner's Go side (bindings/go over liboauth1.a).
//
// Runs every vector file of a folder (argument, else $CONFORMANCE_DIR, else
// tests/conformance/vectors) and prints one line per file, e.g.
// `go vectors.json: 97 passed, 0 failed`, then each failure with its case id
// and the first field that differs. Exits non-zero on any failure. A case that
// cannot be run (unreadable, unknown shape) is a failure; nothing is skipped.
// Same case handling as tests/python/conformance.py and tests/c/conformance.c.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	oauth1 "example.invalid/liboauth1/bindings/go"
)

// ---- JSON with the order of object members kept ---------------------------

type member struct {
	key   string
	value any
}

// object is a JSON object in file order (headers and extra parameters are
// passed in that order, as the C and Python runners do).
type object []member

func (o object) get(key string) (any, bool) {
	for _, m := range o {
		if m.key == key {
			return m.value, true
		}
	}
	return nil, false
}

func decodeValue(d *json.Decoder) (any, error) {
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			o := object{}
			for d.More() {
				k, err := d.Token()
				if err != nil {
					return nil, err
				}
				v, err := decodeValue(d)
				if err != nil {
					return nil, err
				}
				o = append(o, member{k.(string), v})
			}
			_, err := d.Token()
			return o, err
		case '[':
			l := []any{}
			for d.More() {
				v, err := decodeValue(d)
				if err != nil {
					return nil, err
				}
				l = append(l, v)
			}
			_, err := d.Token()
			return l, err
		}
		return nil, fmt.Errorf("unexpected %v", t)
	default:
		return t, nil // string, json.Number, bool, nil
	}
}

// ---- reading a case -----------------------------------------------------------

type caseError struct{ msg string }

func (e *caseError) Error() string { return e.msg }

func cannot(format string, args ...any) error { return &caseError{fmt.Sprintf(format, args...)} }

func typeName(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	case []any:
		return "list"
	case object:
		return "object"
	}
	return "unknown"
}

func asObject(v any, where string) (object, error) {
	o, ok := v.(object)
	if !ok {
		return nil, cannot("%s is not an object", where)
	}
	return o, nil
}

// field is block[name], required, of one of the kinds.
func field(block any, name, where string, kinds ...string) (any, error) {
	o, err := asObject(block, where)
	if err != nil {
		return nil, err
	}
	v, ok := o.get(name)
	if !ok {
		return nil, cannot("%s.%s is missing", where, name)
	}
	for _, k := range kinds {
		if typeName(v) == k {
			return v, nil
		}
	}
	return nil, cannot("%s.%s has type %s", where, name, typeName(v))
}

func str(block any, name, where string) (string, error) {
	v, err := field(block, name, where, "string")
	if err != nil {
		return "", err
	}
	return v.(string), nil
}

// optStr is a string field that may be absent or null (ok false then).
func optStr(block object, name, where string) (string, bool, error) {
	v, present := block.get(name)
	if !present || v == nil {
		return "", false, nil
	}
	s, ok := v.(string)
	if !ok {
		return "", false, cannot("%s.%s has type %s", where, name, typeName(v))
	}
	return s, true, nil
}

func uint64Of(v any, what string) (uint64, error) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, cannot("%s is not a non-negative integer", what)
	}
	u, err := strconv.ParseUint(n.String(), 10, 64)
	if err != nil {
		return 0, cannot("%s is not a non-negative integer", what)
	}
	return u, nil
}

// ---- signing cases --------------------------------------------------------------

func signCase(c object) (*oauth1.Signed, error) {
	reqV, _ := c.get("request")
	oV, _ := c.get("oauth")
	req, ok := reqV.(object)
	if !ok {
		return nil, cannot("request is missing or not an object")
	}
	o, ok := oV.(object)
	if !ok {
		return nil, cannot("oauth is missing or not an object")
	}
	var firstErr error
	need := func(block any, name, where string) string {
		s, err := str(block, name, where)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return s
	}
	opt := func(name string) (string, bool) {
		s, ok, err := optStr(o, name, "oauth")
		if err != nil && firstErr == nil {
			firstErr = err
		}
		return s, ok
	}
	method, url := need(req, "method", "request"), need(req, "url", "request")
	bodyText, hasBody, err := optStr(req, "body", "request")
	if err != nil {
		return nil, err
	}
	contentType, _, err := optStr(req, "content_type", "request")
	if err != nil {
		return nil, err
	}
	key, secret, sigMethod := need(o, "consumer_key", "oauth"), need(o, "consumer_secret", "oauth"), need(o, "signature_method", "oauth")
	token, hasToken := opt("token")
	tokenSecret, _ := opt("token_secret")
	realm, hasRealm := opt("realm")
	pem, hasPEM := opt("rsa_private_key_pem")
	_, hasVersion := opt("version")
	timestamp, hasTimestamp := opt("timestamp")
	nonce, hasNonce := opt("nonce")
	callback, _ := opt("callback")
	verifier, _ := opt("verifier")
	if firstErr != nil {
		return nil, firstErr
	}
	policy := oauth1.BodyHashOff
	if bh, present := o.get("body_hash"); present && bh != nil {
		switch v := bh.(type) {
		case bool:
			if v {
				policy = oauth1.BodyHashAlways
			}
		case string: // a policy name, where a case gives one (the library checks it)
			policy = oauth1.BodyHash(v)
		default:
			return nil, cannot("oauth.body_hash is not a boolean")
		}
	}
	var extra []oauth1.Param
	if ev, present := o.get("extra_oauth_params"); present && ev != nil {
		eo, ok := ev.(object)
		if !ok {
			return nil, cannot("oauth.extra_oauth_params is not an object of strings")
		}
		for _, m := range eo {
			s, ok := m.value.(string)
			if !ok {
				return nil, cannot("oauth.extra_oauth_params is not an object of strings")
			}
			extra = append(extra, oauth1.Param{Name: m.key, Value: s})
		}
	}

	opts := []oauth1.SignerOption{oauth1.WithSignatureMethod(oauth1.SignatureMethod(sigMethod)), oauth1.WithVersion(hasVersion), oauth1.WithBodyHash(policy)}
	if hasToken {
		opts = append(opts, oauth1.WithToken(token, tokenSecret))
	}
	if hasRealm {
		opts = append(opts, oauth1.WithRealm(realm))
	}
	if hasPEM {
		opts = append(opts, oauth1.WithRSAPrivateKeyPEM(pem))
	}
	signer, err := oauth1.NewSigner(key, secret, opts...)
	if err != nil {
		return nil, err
	}
	defer signer.Close()
	params := oauth1.SignParams{Timestamp: oauth1.Omit, Nonce: oauth1.Omit, Callback: callback, Verifier: verifier, ExtraOAuthParams: extra}
	if hasTimestamp {
		params.Timestamp = oauth1.Fixed(timestamp)
	}
	if hasNonce {
		params.Nonce = oauth1.Fixed(nonce)
	}
	var body []byte
	if hasBody {
		body = []byte(bodyText)
	}
	return signer.SignWith(oauth1.Request{Method: method, URL: url, Body: body, ContentType: contentType}, params)
}

func libraryError(err error) (*oauth1.Error, bool) {
	var e *oauth1.Error
	return e, errors.As(err, &e)
}

func checkVector(c object) (string, error) {
	signed, err := signCase(c)
	if e, ok := libraryError(err); ok {
		return fmt.Sprintf("refused: %s: %s", e.Result.Kind(), e.Message), nil
	} else if err != nil {
		return "", err
	}
	defer signed.Close()
	expect, _ := c.get("expect")
	for _, f := range []struct {
		name string
		get  func() (string, error)
	}{{"normalized_parameters", signed.NormalizedParameters}, {"base_string", signed.BaseString}, {"signature", signed.Signature}} {
		want, err := str(expect, f.name, "expect")
		if err != nil {
			return "", err
		}
		got, err := f.get()
		if err != nil {
			return "", err
		}
		if got != want {
			return fmt.Sprintf("%s: expected %q, got %q", f.name, want, got), nil
		}
	}
	return "", nil
}

func checkError(c object) (string, error) {
	expect, _ := c.get("expect")
	want, err := str(expect, "error", "expect")
	if err != nil {
		return "", err
	}
	signed, err := signCase(c)
	if e, ok := libraryError(err); ok {
		if e.Result.Kind() == want {
			return "", nil
		}
		return fmt.Sprintf("error: expected %s, got %s: %s", want, e.Result.Kind(), e.Message), nil
	} else if err != nil {
		return "", err
	}
	defer signed.Close()
	sig, _ := signed.Signature()
	return fmt.Sprintf("error: expected %s, got a signature %q", want, sig), nil
}

// ---- verification cases ----------------------------------------------------------

type provider struct {
	creds  *oauth1.Credentials
	nonces *oauth1.MemoryNonceStore
	v      *oauth1.Verifier
}

func (p *provider) close() {
	if p.v != nil {
		p.v.Close()
	}
	if p.creds != nil {
		p.creds.Close()
	}
	if p.nonces != nil {
		p.nonces.Close()
	}
}

var known = map[string]bool{}

func init() {
	for _, m := range oauth1.SignatureMethods {
		known[string(m)] = true
	}
}

// buildProvider makes a case's provider (VERIFY.md, "Provider model"). Method
// names the library does not know are left out of the allowed list, as in
// the Rust runner: no request can use them anyway.
func buildProvider(block any) (*provider, error) {
	nowV, err := field(block, "now", "provider", "number")
	if err != nil {
		return nil, err
	}
	windowV, err := field(block, "timestamp_window", "provider", "number")
	if err != nil {
		return nil, err
	}
	now, err := uint64Of(nowV, "provider.now")
	if err != nil {
		return nil, err
	}
	window, err := uint64Of(windowV, "provider.timestamp_window")
	if err != nil {
		return nil, err
	}
	p := &provider{}
	if p.creds, err = oauth1.NewCredentials(); err != nil {
		return nil, err
	}
	if p.nonces, err = oauth1.NewMemoryNonceStore(); err != nil {
		p.close()
		return nil, err
	}
	fail := func(err error) (*provider, error) { p.close(); return nil, err }
	consumersV, err := field(block, "consumers", "provider", "object")
	if err != nil {
		return fail(err)
	}
	for _, m := range consumersV.(object) {
		where := fmt.Sprintf("provider.consumers[%q]", m.key)
		co, err := asObject(m.value, where)
		if err != nil {
			return fail(err)
		}
		var consumer oauth1.Consumer
		secretV, err := field(co, "secret", where, "string", "null")
		if err != nil {
			return fail(err)
		}
		if s, ok := secretV.(string); ok {
			consumer.Secret = &s
		}
		pemV, err := field(co, "rsa_public_key_pem", where, "string", "null")
		if err != nil {
			return fail(err)
		}
		if s, ok := pemV.(string); ok {
			consumer.RSAPublicKeyPEM = s
		}
		if err := p.creds.AddConsumer(m.key, consumer); err != nil {
			return fail(err)
		}
	}
	tokensV, err := field(block, "tokens", "provider", "object")
	if err != nil {
		return fail(err)
	}
	for _, m := range tokensV.(object) {
		where := fmt.Sprintf("provider.tokens[%q]", m.key)
		secret, err := str(m.value, "secret", where)
		if err != nil {
			return fail(err)
		}
		owner, err := str(m.value, "consumer_key", where)
		if err != nil {
			return fail(err)
		}
		if err := p.creds.AddToken(m.key, secret, owner); err != nil {
			return fail(err)
		}
	}
	seenV, err := field(block, "seen_nonces", "provider", "list")
	if err != nil {
		return fail(err)
	}
	for _, e := range seenV.([]any) {
		entry, ok := e.([]any)
		bad := cannot("provider.seen_nonces entry %v is not [str, str, int, str]", e)
		if !ok || len(entry) != 4 {
			return fail(bad)
		}
		ck, ok1 := entry[0].(string)
		tk, ok2 := entry[1].(string)
		nonce, ok3 := entry[3].(string)
		ts, err := uint64Of(entry[2], "a seen nonce's timestamp")
		if !ok1 || !ok2 || !ok3 || err != nil {
			return fail(bad)
		}
		if _, err := p.nonces.CheckAndRecord(ck, tk, ts, nonce, now, window); err != nil {
			return fail(err)
		}
	}
	methodsV, err := field(block, "signature_methods", "provider", "list")
	if err != nil {
		return fail(err)
	}
	var methods []oauth1.SignatureMethod
	for _, m := range methodsV.([]any) {
		s, ok := m.(string)
		if !ok {
			return fail(cannot("a signature method is not a string"))
		}
		if known[s] {
			methods = append(methods, oauth1.SignatureMethod(s))
		}
	}
	p.v, err = oauth1.NewVerifier(p.creds, p.nonces, oauth1.AllowSignatureMethods(methods...), oauth1.WithTimestampWindow(window), oauth1.WithClock(now))
	if err != nil {
		return fail(err)
	}
	return p, nil
}

// verifyRequest verifies a case's request as a server has it: its
// Content-Type first, then every header in file order.
func verifyRequest(p *provider, reqV any) (*oauth1.Verified, *oauth1.VerificationError, error) {
	req, ok := reqV.(object)
	if !ok {
		return nil, nil, cannot("request is missing or not an object")
	}
	method, err := str(req, "method", "request")
	if err != nil {
		return nil, nil, err
	}
	url, err := str(req, "url", "request")
	if err != nil {
		return nil, nil, err
	}
	contentType, hasCT, err := optStr(req, "content_type", "request")
	if err != nil {
		return nil, nil, err
	}
	bodyText, hasBody, err := optStr(req, "body", "request")
	if err != nil {
		return nil, nil, err
	}
	var headers []oauth1.Param
	if hasCT {
		headers = append(headers, oauth1.Param{Name: "Content-Type", Value: contentType})
	}
	if hv, present := req.get("headers"); present && hv != nil {
		ho, ok := hv.(object)
		if !ok {
			return nil, nil, cannot("request.headers is not an object")
		}
		for _, m := range ho {
			s, ok := m.value.(string)
			if !ok {
				return nil, nil, cannot("request.headers.%s is not a string", m.key)
			}
			headers = append(headers, oauth1.Param{Name: m.key, Value: s})
		}
	}
	var body []byte
	if hasBody {
		body = []byte(bodyText)
	}
	v, err := p.v.VerifyOrdered(method, url, headers, body)
	var ve *oauth1.VerificationError
	if errors.As(err, &ve) {
		return nil, ve, nil
	}
	return v, nil, err
}

func compareVerify(expectV any, ve *oauth1.VerificationError, verr error) (string, error) {
	okV, err := field(expectV, "ok", "expect", "boolean")
	if err != nil {
		return "", err
	}
	if verr != nil {
		return fmt.Sprintf("cannot verify: %v", verr), nil
	}
	if okV.(bool) {
		if ve != nil {
			return "expected ok, got " + ve.Error(), nil
		}
		return "", nil
	}
	want, err := str(expectV, "problem", "expect")
	if err != nil {
		return "", err
	}
	wantParams := []string{}
	if pv, present := expectV.(object).get("parameters"); present {
		l, ok := pv.([]any)
		if !ok {
			return "", cannot("expect.parameters is not a list")
		}
		for _, n := range l {
			s, ok := n.(string)
			if !ok {
				return "", cannot("expect.parameters holds a non-string")
			}
			wantParams = append(wantParams, s)
		}
	}
	if ve == nil {
		return fmt.Sprintf("expected %s %q, got ok", want, wantParams), nil
	}
	if ve.Problem != want {
		return fmt.Sprintf("problem: expected %s, got %s", want, ve.Error()), nil
	}
	if strings.Join(ve.Parameters, "\x00") != strings.Join(wantParams, "\x00") || len(ve.Parameters) != len(wantParams) {
		return fmt.Sprintf("parameters: expected %q, got %q (%s)", wantParams, ve.Parameters, ve.Error()), nil
	}
	return "", nil
}

func checkVerify(c object) (string, error) {
	pb, _ := c.get("provider")
	p, err := buildProvider(pb)
	if err != nil {
		if _, ok := libraryError(err); ok {
			return "", cannot("setting up the provider: %v", err)
		}
		return "", err
	}
	defer p.close()
	reqV, _ := c.get("request")
	_, ve, verr := verifyRequest(p, reqV)
	var ce *caseError
	if errors.As(verr, &ce) {
		return "", verr
	}
	expect, _ := c.get("expect")
	return compareVerify(expect, ve, verr)
}

// ---- files -------------------------------------------------------------------------

type runner func(object) (string, error)

var runners = []struct {
	file string
	run  runner
}{{"vectors.json", checkVector}, {"errors.json", checkError}, {"verify.json", checkVerify}}

type failure struct{ id, why string }

func runFile(path string, run runner) (int, []failure) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, []failure{{path, "cannot read: " + err.Error()}}
	}
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	v, err := decodeValue(d)
	if err != nil {
		return 0, []failure{{path, "cannot read: " + err.Error()}}
	}
	cases, ok := v.([]any)
	if !ok {
		return 0, []failure{{path, "not a JSON list"}}
	}
	passed := 0
	var failures []failure
	for i, cv := range cases {
		id := fmt.Sprintf("#%d", i)
		c, isObj := cv.(object)
		if isObj {
			if s, ok := func() (any, bool) { return c.get("id") }(); ok {
				if s, ok := s.(string); ok {
					id = s
				}
			}
		}
		var why string
		if !isObj {
			why = "case is not an object"
		} else {
			func() {
				defer func() { // a case the runner cannot run is a failure
					if r := recover(); r != nil {
						why = fmt.Sprintf("cannot run: %v", r)
					}
				}()
				out, err := run(c)
				switch {
				case err != nil:
					why = "cannot run: " + err.Error()
				default:
					why = out
				}
			}()
		}
		if why == "" {
			passed++
		} else {
			failures = append(failures, failure{id, why})
		}
	}
	return passed, failures
}

func main() {
	folder := os.Getenv("CONFORMANCE_DIR")
	if len(os.Args) > 1 {
		folder = os.Args[1]
	}
	if folder == "" {
		folder = "tests/conformance/vectors"
	}
	if st, err := os.Stat(folder); err != nil || !st.IsDir() {
		fmt.Fprintf(os.Stderr, "go: %s is not a folder\n", folder)
		os.Exit(2)
	}
	failed, ran := false, 0
	for _, r := range runners {
		path := filepath.Join(folder, r.file)
		if _, err := os.Stat(path); err != nil {
			continue
		}
		ran++
		passed, failures := runFile(path, r.run)
		fmt.Printf("go %s: %d passed, %d failed\n", r.file, passed, len(failures))
		for _, f := range failures {
			fmt.Printf("  FAIL %s: %s\n", f.id, f.why)
		}
		failed = failed || len(failures) > 0
	}
	if ran == 0 {
		fmt.Fprintf(os.Stderr, "go: none of vectors.json, errors.json, verify.json in %s\n", folder)
		os.Exit(2)
	}
	if failed {
		os.Exit(1)
	}
}
