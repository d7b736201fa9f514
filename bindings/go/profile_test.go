package oauth1_test

// Provider profiles from Go: the published examples of
// tests/conformance/profiles/ through NewSignerForProfile, a sign-then-verify
// round trip per profile (NewVerifierForProfile), monotonic timestamps
// (NetSuite's rule) and NetSuite's SOAP TokenPassport.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"

	oauth1 "example.invalid/liboauth1/bindings/go"
)

var requiredProfiles = []string{
	"netsuite", "woocommerce", "magento2", "x", "trello", "garmin", "lti11",
	"xero-legacy", "smugmug", "flickr", "tumblr", "discogs", "etsy-v2",
}

func loadProfileVectors(t *testing.T, name string, into any) {
	t.Helper()
	data := must(os.ReadFile(filepath.Join("..", "..", "tests", "conformance", "profiles", name)))
	check(t, json.Unmarshal(data, into))
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func TestProfilesListEveryRequiredProviderWithItsDocs(t *testing.T) {
	all := must(oauth1.Profiles())
	names := make([]string, len(all))
	for i, p := range all {
		names[i] = p.Name
	}
	if !sort.StringsAreSorted(names) {
		t.Fatalf("profiles not sorted by name: %v", names)
	}
	for _, name := range requiredProfiles {
		p := must(oauth1.LookupProfile(name))
		if p.Summary == "" || len(p.Docs) == 0 {
			t.Fatalf("%s: no summary or docs: %+v", name, p)
		}
		for _, d := range p.Docs {
			if !strings.HasPrefix(d, "https://") {
				t.Fatalf("%s: doc %q is not https", name, d)
			}
		}
		found := false
		for _, m := range p.SignatureMethods {
			found = found || m == p.DefaultSignatureMethod
		}
		if !found {
			t.Fatalf("%s: default %s not among %v", name, p.DefaultSignatureMethod, p.SignatureMethods)
		}
	}
	ns := must(oauth1.LookupProfile("netsuite"))
	if ns.Timestamp != "monotonic" || ns.Account != "netsuite-account-id" || ns.APIBase == "" || !ns.CallbackConfirmedRequired {
		t.Fatalf("netsuite profile: %+v", ns)
	}
	if v, ok, err := oauth1.ProfileField("x", "default_signature_method"); err != nil || !ok || v != "HMAC-SHA1" {
		t.Fatalf("x default_signature_method: %q %v %v", v, ok, err)
	}
	_, err := oauth1.LookupProfile("nope")
	wantKind(t, err, oauth1.ErrInvalidParameter, "netsuite")
	_, _, err = oauth1.ProfileField("x", "nope")
	wantKind(t, err, oauth1.ErrInvalidParameter, "nope")
}

type profileVector struct {
	ID      string  `json:"id"`
	Profile string  `json:"profile"`
	Account *string `json:"account"`
	Request struct {
		Method      string  `json:"method"`
		URL         string  `json:"url"`
		Body        *string `json:"body"`
		ContentType *string `json:"content_type"`
	} `json:"request"`
	Credentials struct {
		ConsumerKey    string  `json:"consumer_key"`
		ConsumerSecret string  `json:"consumer_secret"`
		Token          *string `json:"token"`
		TokenSecret    *string `json:"token_secret"`
	} `json:"credentials"`
	Timestamp string  `json:"timestamp"`
	Nonce     string  `json:"nonce"`
	Callback  *string `json:"callback"`
	Verifier  *string `json:"verifier"`
	Expect    struct {
		BaseString     string   `json:"base_string"`
		Signature      string   `json:"signature"`
		HeaderContains []string `json:"header_contains"`
		HeaderLacks    []string `json:"header_lacks"`
	} `json:"expect"`
}

func TestPublishedExamplesThroughTheirProfile(t *testing.T) {
	var cases []profileVector
	loadProfileVectors(t, "published.json", &cases)
	if len(cases) == 0 {
		t.Fatal("no profile vectors")
	}
	for _, c := range cases {
		t.Run(c.ID, func(t *testing.T) {
			var opts []oauth1.SignerOption
			if c.Account != nil {
				opts = append(opts, oauth1.WithAccount(*c.Account))
			}
			if c.Credentials.Token != nil {
				opts = append(opts, oauth1.WithToken(*c.Credentials.Token, deref(c.Credentials.TokenSecret)))
			}
			s := must(oauth1.NewSignerForProfile(c.Profile, c.Credentials.ConsumerKey, c.Credentials.ConsumerSecret, opts...))
			defer s.Close()
			req := oauth1.Request{Method: c.Request.Method, URL: c.Request.URL, ContentType: deref(c.Request.ContentType)}
			if c.Request.Body != nil {
				req.Body = []byte(*c.Request.Body)
			}
			signed := must(s.SignWith(req, oauth1.SignParams{
				Timestamp: oauth1.Fixed(c.Timestamp), Nonce: oauth1.Fixed(c.Nonce),
				Callback: deref(c.Callback), Verifier: deref(c.Verifier),
			}))
			defer signed.Close()
			if got := must(signed.BaseString()); got != c.Expect.BaseString {
				t.Fatalf("base string\n got %s\nwant %s", got, c.Expect.BaseString)
			}
			if got := must(signed.Signature()); got != c.Expect.Signature {
				t.Fatalf("signature %s, want %s", got, c.Expect.Signature)
			}
			h := must(signed.AuthorizationHeader())
			for _, text := range c.Expect.HeaderContains {
				if !strings.Contains(h, text) {
					t.Fatalf("header lacks %q: %s", text, h)
				}
			}
			for _, text := range c.Expect.HeaderLacks {
				if strings.Contains(h, text) {
					t.Fatalf("header holds %q: %s", text, h)
				}
			}
		})
	}
}

func TestNetSuiteTokenPassportVector(t *testing.T) {
	var cases []struct {
		ID             string `json:"id"`
		Account        string `json:"account"`
		ConsumerKey    string `json:"consumer_key"`
		ConsumerSecret string `json:"consumer_secret"`
		Token          string `json:"token"`
		TokenSecret    string `json:"token_secret"`
		Timestamp      string `json:"timestamp"`
		Nonce          string `json:"nonce"`
		Algorithm      string `json:"algorithm"`
		Expect         struct {
			BaseString string `json:"base_string"`
			Signature  string `json:"signature"`
		} `json:"expect"`
	}
	loadProfileVectors(t, "token_passport.json", &cases)
	for _, c := range cases {
		t.Run(c.ID, func(t *testing.T) {
			s := must(oauth1.NewTokenPassportSigner(c.Account, c.ConsumerKey, c.ConsumerSecret, c.Token, c.TokenSecret))
			defer s.Close()
			p := must(s.Sign(oauth1.Fixed(c.Timestamp), oauth1.Fixed(c.Nonce)))
			defer p.Close()
			if oauth1.TokenPassportAlgorithm != c.Algorithm {
				t.Fatalf("algorithm %s, want %s", oauth1.TokenPassportAlgorithm, c.Algorithm)
			}
			if got := must(p.BaseString()); got != c.Expect.BaseString {
				t.Fatalf("base string\n got %s\nwant %s", got, c.Expect.BaseString)
			}
			sig := must(p.Signature())
			if sig != c.Expect.Signature {
				t.Fatalf("signature %s, want %s", sig, c.Expect.Signature)
			}
			if must(p.Timestamp()) != c.Timestamp || must(p.Nonce()) != c.Nonce {
				t.Fatalf("timestamp/nonce not the fixed ones")
			}
			const ns = "urn:messages_2024_2.platform.webservices.netsuite.com"
			xml := must(p.XML(ns))
			if !strings.HasPrefix(xml, `<tokenPassport xmlns="`+ns+`">`) ||
				!strings.Contains(xml, "<account>"+c.Account+"</account>") ||
				!strings.Contains(xml, `<signature algorithm="HMAC-SHA256">`+sig+"</signature>") {
				t.Fatalf("TokenPassport XML: %s", xml)
			}
			if bare := must(p.XML("")); !strings.HasPrefix(bare, "<tokenPassport>") {
				t.Fatalf("XML without namespace: %s", bare)
			}
			earlier := must(strconv.ParseInt(c.Timestamp, 10, 64)) - 1
			_, err := s.Sign(oauth1.FixedTimestamp(earlier), oauth1.Auto)
			wantKind(t, err, oauth1.ErrInvalidParameter, "earlier")
			fresh := must(s.Sign(oauth1.Auto, oauth1.Auto))
			defer fresh.Close()
			if must(strconv.ParseInt(must(fresh.Timestamp()), 10, 64)) <= earlier || len(must(fresh.Nonce())) != 20 {
				t.Fatalf("fresh passport: %s %s", must(fresh.Timestamp()), must(fresh.Nonce()))
			}
			p.Close()
			if _, err := p.Signature(); err != oauth1.ErrClosed {
				t.Fatalf("closed passport: %v", err)
			}
		})
	}
}

func TestRoundTripSignWithProfileVerifyWithProfile(t *testing.T) {
	accounts := map[string]string{"store-url": "https://shop.example.com", "netsuite-account-id": "1234567-sb1"}
	for _, name := range requiredProfiles {
		t.Run(name, func(t *testing.T) {
			p := must(oauth1.LookupProfile(name))
			opts := []oauth1.SignerOption{oauth1.WithToken("tk", "ts")}
			if a, ok := accounts[p.Account]; ok {
				opts = append(opts, oauth1.WithAccount(a))
			}
			s := must(oauth1.NewSignerForProfile(name, "ck", "cs", opts...))
			defer s.Close()
			url := "https://api.example.com/v1/items?limit=5"
			body := "title=Hello%20world&n=1"
			signed := must(s.Sign(oauth1.Request{Method: "POST", URL: url, Body: []byte(body), ContentType: form}, nil))
			defer signed.Close()
			creds := must(oauth1.NewCredentials())
			defer creds.Close()
			check(t, creds.AddConsumer("ck", oauth1.Consumer{Secret: oauth1.Secret("cs")}))
			check(t, creds.AddToken("tk", "ts", "ck"))
			nonces := must(oauth1.NewMemoryNonceStore())
			defer nonces.Close()
			v := must(oauth1.NewVerifierForProfile(name, creds, nonces))
			defer v.Close()
			for _, m := range oauth1.SignatureMethods {
				want := false
				for _, pm := range p.SignatureMethods {
					want = want || pm == m
				}
				if must(v.IsAllowed(m)) != want {
					t.Fatalf("%s allowed: %v, profile methods %v", m, !want, p.SignatureMethods)
				}
			}
			req := oauth1.Received{Method: "POST", URL: url, Header: map[string][]string{"Content-Type": {form}}, Body: []byte(body)}
			switch p.Transmission {
			case "query":
				req.URL = must(signed.URL())
			case "form":
				req.Body = []byte(must(signed.FormBody()))
			default:
				req.Header["Authorization"] = []string{must(signed.AuthorizationHeader())}
			}
			got := must(v.Verify(req))
			if got.Token != "tk" || got.SignatureMethod != p.DefaultSignatureMethod {
				t.Fatalf("verified %+v, want token tk and %s", got, p.DefaultSignatureMethod)
			}
		})
	}
}

func TestNetSuiteProfileRules(t *testing.T) {
	_, err := oauth1.NewSignerForProfile("netsuite", "ck", "cs")
	wantKind(t, err, oauth1.ErrInvalidParameter, "account")
	_, err = oauth1.NewSignerForProfile("netsuite", "ck", "cs", oauth1.WithAccount("1234567"), oauth1.WithSignatureMethod(oauth1.HMACSHA1))
	wantKind(t, err, oauth1.ErrUnsupportedSignatureMethod, "")
	_, err = oauth1.NewSigner("ck", "cs", oauth1.WithAccount("1234567"))
	wantKind(t, err, oauth1.ErrInvalidParameter, "NewSignerForProfile")
	_, err = oauth1.NewSignerForProfile("nope", "ck", "cs")
	wantKind(t, err, oauth1.ErrInvalidParameter, "netsuite")

	s := must(oauth1.NewSignerForProfile("netsuite", "ck", "cs", oauth1.WithAccount("1234567-sb1"), oauth1.WithToken("tk", "ts")))
	defer s.Close()
	if realm, ok, err := s.Realm(); err != nil || !ok || realm != "1234567_SB1" {
		t.Fatalf("realm %q %v %v", realm, ok, err)
	}
	req := oauth1.Request{Method: "GET", URL: "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer"}
	must(s.SignWith(req, oauth1.SignParams{Timestamp: oauth1.Fixed("4102444800")})).Close()
	// The clock is earlier than the last timestamp: the signer keeps the last one.
	fresh := must(s.Sign(req, nil))
	defer fresh.Close()
	if ts, _ := param(t, fresh, "oauth_timestamp"); ts != "4102444800" {
		t.Fatalf("monotonic timestamp went back to %s", ts)
	}
	_, err = s.SignWith(req, oauth1.SignParams{Timestamp: oauth1.Fixed("1700000000")})
	wantKind(t, err, oauth1.ErrInvalidParameter, "never go backwards")
}

func TestMonotonicTimestampsOption(t *testing.T) {
	req := oauth1.Request{Method: "GET", URL: "https://api.x.com/2/users/me"}
	plain := must(oauth1.NewSignerForProfile("x", "ck", "cs"))
	defer plain.Close()
	must(plain.SignWith(req, oauth1.SignParams{Timestamp: oauth1.Fixed("4102444800")})).Close()
	again := must(plain.Sign(req, nil))
	defer again.Close()
	if ts, _ := param(t, again, "oauth_timestamp"); ts == "4102444800" {
		t.Fatal("the x profile's timestamps are the clock's, not monotonic")
	}

	mono := must(oauth1.NewSignerForProfile("x", "ck", "cs", oauth1.WithMonotonicTimestamps(true)))
	defer mono.Close()
	last := int64(0)
	for i := 0; i < 50; i++ {
		signed := must(mono.Sign(req, nil))
		ts, _ := param(t, signed, "oauth_timestamp")
		signed.Close()
		n := must(strconv.ParseInt(ts, 10, 64))
		if n < last {
			t.Fatalf("timestamp went backwards: %d after %d", n, last)
		}
		last = n
	}
	must(mono.SignWith(req, oauth1.SignParams{Timestamp: oauth1.Fixed("4102444800")})).Close()
	_, err := mono.SignWith(req, oauth1.SignParams{Timestamp: oauth1.Fixed("1700000000")})
	wantKind(t, err, oauth1.ErrInvalidParameter, "never go backwards")

	off := must(oauth1.NewSignerForProfile("netsuite", "ck", "cs", oauth1.WithAccount("1234567"), oauth1.WithMonotonicTimestamps(false)))
	defer off.Close()
	nsReq := oauth1.Request{Method: "GET", URL: "https://1234567.suitetalk.api.netsuite.com/x"}
	must(off.SignWith(nsReq, oauth1.SignParams{Timestamp: oauth1.Fixed("4102444800")})).Close()
	must(off.SignWith(nsReq, oauth1.SignParams{Timestamp: oauth1.Fixed("1700000000")})).Close()
}

func TestProfileHandlesFinalizers(t *testing.T) {
	creds := must(oauth1.NewCredentials())
	defer creds.Close()
	nonces := must(oauth1.NewMemoryNonceStore())
	defer nonces.Close()
	// Never closed: the finalizers free them once collected.
	for i := 0; i < 500; i++ {
		s := must(oauth1.NewSignerForProfile("netsuite", "ck", "cs", oauth1.WithAccount("1234567")))
		_, _ = s.Sign(oauth1.Request{Method: "GET", URL: "https://h.example/"}, nil)
		_, _ = oauth1.NewVerifierForProfile("lti11", creds, nonces)
		ps := must(oauth1.NewTokenPassportSigner("1234567", "ck", "cs", "tk", "ts"))
		_, _ = must(ps.Sign(oauth1.Auto, oauth1.Auto)).XML("")
	}
	runtime.GC()
	runtime.GC()
	ps := must(oauth1.NewTokenPassportSigner("1234567", "ck", "cs", "tk", "ts"))
	ps.Close()
	ps.Close()
	if _, err := ps.Sign(oauth1.Auto, oauth1.Auto); err != oauth1.ErrClosed {
		t.Fatalf("closed TokenPassport signer: %v", err)
	}
}
