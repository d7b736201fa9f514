// `make bench-go`: the standard request of `make bench` (POST with a form
// body and a query, HMAC-SHA256, token, realm; crates/oauth1/benches/common)
// signed and rendered as an Authorization header
//   - through the binding (bindings/go over liboauth1.a, cgo),
//   - through the C API (tests/bindings/sign_ns.c, one process per round),
//   - and, HMAC-SHA1 without realm (the most it can do), by the peer
//     github.com/gomodule/oauth1 (garyburd's, Debian's
//     golang-github-gomodule-oauth1-dev; dghubble/oauth1 is not reachable
//     here), with the binding signing that same request too,
//
// in interleaved rounds of one run. Prints medians, ratios, and what one cgo
// crossing costs.
//
//	bench [SIGN_NS_BINARY]
package main

/*
static void noop(void) {}
*/
import "C"

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	oauth1 "example.invalid/liboauth1/bindings/go"
	peer "github.com/gomodule/oauth1/oauth"
)

const (
	stdURL    = "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait"
	stdBody   = "status=active&tags=a%2Cb&name=John+Doe"
	form      = "application/x-www-form-urlencoded"
	ck        = "ck_5f4dcc3b5aa765d61d8327deb882cf99"
	cs        = "cs_2c26b46b68ffc68ff99b453c1d30413413422d706"
	tk        = "tk_6b86b273ff34fce19d6b804eff5a3f57"
	ts        = "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b"
	signature = "7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI="
	rounds    = 15
	iters     = 20000
)

var sink int

func die(what string, err error) {
	fmt.Fprintf(os.Stderr, "bench-go: %s: %v\n", what, err)
	os.Exit(1)
}

func roundNs(f func(), n int) float64 {
	start := time.Now()
	for i := 0; i < n; i++ {
		f()
	}
	return float64(time.Since(start).Nanoseconds()) / float64(n)
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func peerVersion() string {
	out, err := exec.Command("dpkg-query", "-W", "-f=${Version}", "golang-github-gomodule-oauth1-dev").Output()
	if err != nil {
		return "?"
	}
	return string(out)
}

func main() {
	body := []byte(stdBody)
	std, err := oauth1.NewSigner(ck, cs, oauth1.WithToken(tk, ts), oauth1.WithSignatureMethod(oauth1.HMACSHA256), oauth1.WithRealm("1234567_SB1"))
	if err != nil {
		die("signer", err)
	}
	sha1Signer, err := oauth1.NewSigner(ck, cs, oauth1.WithToken(tk, ts))
	if err != nil {
		die("signer", err)
	}
	opts, err := oauth1.NewSignOptions(oauth1.SignParams{Timestamp: oauth1.Fixed("1700000000"), Nonce: oauth1.Fixed("kllo9940pd9333jh")})
	if err != nil {
		die("options", err)
	}
	req := oauth1.Request{Method: "POST", URL: stdURL, Body: body, ContentType: form}
	check, err := std.Sign(req, opts)
	if err != nil {
		die("sign", err)
	}
	if got, _ := check.Signature(); got != signature {
		die("binding", fmt.Errorf("not the standard signature: %s", got))
	}
	signWith := func(s *oauth1.Signer, o *oauth1.SignOptions) func() {
		return func() {
			signed, err := s.Sign(req, o)
			if err != nil {
				die("sign", err)
			}
			h, err := signed.AuthorizationHeader()
			if err != nil {
				die("header", err)
			}
			sink += len(h)
			signed.Close()
		}
	}
	// The peer takes the URL parsed and the form decoded, as an *http.Request has them.
	client := peer.Client{Credentials: peer.Credentials{Token: ck, Secret: cs}}
	token := &peer.Credentials{Token: tk, Secret: ts}
	u, err := url.Parse(stdURL)
	if err != nil {
		die("url", err)
	}
	values, _ := url.ParseQuery(stdBody)
	header := http.Header{}
	peerSign := func() {
		if err := client.SetAuthorizationHeader(header, token, "POST", u, values); err != nil {
			die("peer", err)
		}
		sink += len(header.Get("Authorization"))
	}
	cgoNoop := func() { C.noop() }

	fns := []struct {
		name string
		f    func()
	}{
		{"binding", signWith(std, opts)},
		{"binding-sha1-fresh", signWith(sha1Signer, nil)},
		{"peer", peerSign},
		{"cgo", cgoNoop},
	}
	for _, fn := range fns {
		roundNs(fn.f, 2000) // warm-up
	}
	samples := map[string][]float64{}
	cBinary := ""
	if len(os.Args) > 1 {
		cBinary = os.Args[1]
	}
	for r := 0; r < rounds; r++ {
		if cBinary != "" {
			out, err := exec.Command(cBinary, strconv.Itoa(iters), "1").Output()
			if err != nil {
				die(cBinary, err)
			}
			ns, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
			if err != nil {
				die(cBinary, err)
			}
			samples["c"] = append(samples["c"], ns)
		}
		for _, fn := range fns {
			runtime.GC()
			samples[fn.name] = append(samples[fn.name], roundNs(fn.f, iters))
		}
	}
	m := map[string]float64{}
	for k, v := range samples {
		m[k] = median(v)
	}
	x := func(a, b float64) string { return fmt.Sprintf("%.2fx", a/b) }
	fmt.Printf("bench-go: the standard request (POST + query + form body, HMAC-SHA256, token, realm), signed + Authorization header;\n")
	fmt.Printf("          median of %d interleaved rounds of %d (%s, peer github.com/gomodule/oauth1 %s)\n", rounds, iters, runtime.Version(), peerVersion())
	if cBinary != "" {
		fmt.Printf("  C API (liboauth1, same run)                 %6.0f ns\n", m["c"])
		fmt.Printf("  go binding, reused SignOptions              %6.0f ns   %s C\n", m["binding"], x(m["binding"], m["c"]))
	} else {
		fmt.Printf("  go binding, reused SignOptions              %6.0f ns\n", m["binding"])
	}
	fmt.Printf("  the same request as HMAC-SHA1 without realm, fresh timestamp and nonce (all the peer can do):\n")
	fmt.Printf("  go binding                                  %6.0f ns\n", m["binding-sha1-fresh"])
	fmt.Printf("  gomodule/oauth1 (pure Go, crypto/hmac)      %6.0f ns\n", m["peer"])
	fmt.Printf("  go binding / gomodule/oauth1: %s\n", x(m["binding-sha1-fresh"], m["peer"]))
	fmt.Printf("  one cgo call: %.0f ns; a signing makes 3 (sign, header, free) plus one free per returned string\n", m["cgo"])
	if cBinary != "" {
		d := m["binding"] - m["c"]
		fmt.Printf("  binding minus C: %.0f ns per signing (%s the signing itself)\n", d, x(d, m["c"]))
	}
	if sink == 0 {
		fmt.Println()
	}
}
