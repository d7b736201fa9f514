// Package oauth1 is liboauth1 for Go: OAuth 1.0a (RFC 5849) signing and
// verification through the library's C ABI (include/oauth1.h), linked
// statically from liboauth1.a. It is a thin layer: every OAuth rule lives in
// the Rust core behind the C API; this package moves strings and bytes across
// the boundary, turns result codes into errors carrying the library's
// message, and frees every handle (Close, plus a finalizer for what is never
// closed).
//
// Signers, verifiers, credentials and nonce stores are safe for concurrent use
// by many goroutines (the library's types are thread-safe); close them once
// no goroutine uses them any more.
package oauth1

/*
#cgo CFLAGS: -I${SRCDIR}/../../include
#cgo LDFLAGS: ${SRCDIR}/../../target/c/lib/liboauth1.a -lgcc_s -lutil -lrt -lpthread -lm -ldl -lc
#include <stdlib.h>
#include <oauth1.h>
*/
import "C"

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Result is the library's oauth1_result: the numbers never change.
type Result uint32

// The result codes of the C ABI.
const (
	ResultOK                         Result = C.OAUTH1_RESULT_OK
	ResultNullParameter              Result = C.OAUTH1_RESULT_NULL_PARAMETER
	ResultInvalidUTF8                Result = C.OAUTH1_RESULT_INVALID_UTF8
	ResultPanic                      Result = C.OAUTH1_RESULT_PANIC
	ResultNotFound                   Result = C.OAUTH1_RESULT_NOT_FOUND
	ResultInteriorNUL                Result = C.OAUTH1_RESULT_INTERIOR_NUL
	ResultInvalidURL                 Result = C.OAUTH1_RESULT_INVALID_URL
	ResultInvalidEncoding            Result = C.OAUTH1_RESULT_INVALID_ENCODING
	ResultUnsupportedSignatureMethod Result = C.OAUTH1_RESULT_UNSUPPORTED_SIGNATURE_METHOD
	ResultInvalidKey                 Result = C.OAUTH1_RESULT_INVALID_KEY
	ResultInvalidParameter           Result = C.OAUTH1_RESULT_INVALID_PARAMETER
	ResultInvalidResponse            Result = C.OAUTH1_RESULT_INVALID_RESPONSE
	ResultOther                      Result = C.OAUTH1_RESULT_OTHER
	ResultVerificationFailed         Result = C.OAUTH1_RESULT_VERIFICATION_FAILED
)

var resultKinds = [...]string{
	"ok", "null_parameter", "invalid_utf8", "panic", "not_found", "interior_nul", "invalid_url",
	"invalid_encoding", "unsupported_signature_method", "invalid_key", "invalid_parameter",
	"invalid_response", "other", "verification_failed",
}

// Kind is the result's stable name, e.g. "invalid_url" (as in the
// conformance files' expect.error).
func (r Result) Kind() string {
	if int(r) < len(resultKinds) {
		return resultKinds[r]
	}
	return "other"
}

// String is the library's static message for the code.
func (r Result) String() string { return C.GoString(C.oauth1_result_str(C.uint32_t(r))) }

// Error is every failure of the library: its result code and its detailed
// message naming the offending input (e.g. `invalid_url: url "ftp://x":
// scheme "ftp" is not http or https`).
type Error struct {
	Result  Result
	Message string
}

func (e *Error) Error() string {
	if e.Message == "" {
		return "oauth1: " + e.Result.Kind()
	}
	return e.Message
}

// Is makes errors.Is(err, oauth1.ErrInvalidURL) match any Error with that result.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Message == "" && t.Result == e.Result
}

// Sentinels for errors.Is, one per result code.
var (
	ErrNullParameter              = &Error{Result: ResultNullParameter}
	ErrInvalidUTF8                = &Error{Result: ResultInvalidUTF8}
	ErrPanic                      = &Error{Result: ResultPanic}
	ErrNotFound                   = &Error{Result: ResultNotFound}
	ErrInteriorNUL                = &Error{Result: ResultInteriorNUL}
	ErrInvalidURL                 = &Error{Result: ResultInvalidURL}
	ErrInvalidEncoding            = &Error{Result: ResultInvalidEncoding}
	ErrUnsupportedSignatureMethod = &Error{Result: ResultUnsupportedSignatureMethod}
	ErrInvalidKey                 = &Error{Result: ResultInvalidKey}
	ErrInvalidParameter           = &Error{Result: ResultInvalidParameter}
	ErrInvalidResponse            = &Error{Result: ResultInvalidResponse}
	ErrOther                      = &Error{Result: ResultOther}
	ErrVerificationFailed         = &Error{Result: ResultVerificationFailed}
	// ErrClosed is returned by a method of a handle after its Close.
	ErrClosed = errors.New("oauth1: use of a closed handle")
)

// Version is the library's version, e.g. "0.1.0".
func Version() string { return C.GoString(C.oauth1_version()) }

// lastErrorMessage is the calling thread's last error message (thread-local
// in the library: the caller holds the OS thread since the failing call).
func lastErrorMessage() string {
	n := C.oauth1_last_error_message(nil, 0)
	if n == 0 {
		return ""
	}
	buf := make([]byte, int(n)+1)
	C.oauth1_last_error_message((*C.char)(unsafe.Pointer(&buf[0])), C.size_t(len(buf)))
	return string(buf[:n])
}

// call runs one library call and, on failure, reads its message on the same
// OS thread: a goroutine may move between threads between two cgo calls,
// and the message is thread-local.
func call(f func() C.oauth1_result) error {
	runtime.LockOSThread()
	r := f()
	if r == C.OAUTH1_RESULT_OK {
		runtime.UnlockOSThread()
		return nil
	}
	msg := lastErrorMessage()
	runtime.UnlockOSThread()
	if msg == "" {
		msg = Result(r).String()
	}
	return &Error{Result: Result(r), Message: msg}
}

// cstr is s as a NUL-terminated C string in Go memory (valid for the call it
// is passed to). A NUL inside cannot cross as a C string: refused, naming
// the argument. UTF-8 is checked by the library.
func cstr(s, name string) (*C.char, error) {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return nil, &Error{Result: ResultInteriorNUL, Message: fmt.Sprintf("%s holds a NUL byte at offset %d, which a C string cannot carry", name, i)}
	}
	b := make([]byte, len(s)+1)
	copy(b, s)
	return (*C.char)(unsafe.Pointer(&b[0])), nil
}

// optCstr is cstr, with "" as NULL (none).
func optCstr(s, name string) (*C.char, error) {
	if s == "" {
		return nil, nil
	}
	return cstr(s, name)
}

// cargs converts the strings of one library call with cstr and optCstr,
// keeping the first refusal: a call converts all its arguments, then checks
// err once.
type cargs struct{ err error }

// str is cstr(s, name); nil once an earlier argument was refused.
func (a *cargs) str(s, name string) *C.char {
	if a.err != nil {
		return nil
	}
	p, err := cstr(s, name)
	a.err = err
	return p
}

// opt is str with "" as NULL (none).
func (a *cargs) opt(s, name string) *C.char {
	if s == "" {
		return nil
	}
	return a.str(s, name)
}

// owned is v with finalize (its Close) as its finalizer: a handle its
// owner never closes is freed when the owner is collected.
func owned[T any](v *T, finalize func(*T)) *T {
	runtime.SetFinalizer(v, finalize)
	return v
}

// release frees a handle once: free(*ptr), then *ptr = nil (later calls
// fail with ErrClosed) and owner's finalizer cleared.
func release[T any](ptr **T, free func(*T), owner any) {
	if *ptr != nil {
		free(*ptr)
		*ptr = nil
		runtime.SetFinalizer(owner, nil)
	}
}

// mallocCstr is s copied into C memory (for arrays of strings, which may not
// hold Go pointers); free with C.free.
func mallocCstr(s, name string) (*C.char, error) {
	if i := strings.IndexByte(s, 0); i >= 0 {
		return nil, &Error{Result: ResultInteriorNUL, Message: fmt.Sprintf("%s holds a NUL byte at offset %d, which a C string cannot carry", name, i)}
	}
	return C.CString(s), nil
}

var emptyBody = []byte{0}

// body is a body as (pointer, length): nil is no body (NULL), an empty
// non-nil slice an empty body.
func body(b []byte) (*C.uint8_t, C.size_t) {
	if b == nil {
		return nil, 0
	}
	if len(b) == 0 {
		return (*C.uint8_t)(unsafe.Pointer(&emptyBody[0])), 0
	}
	return (*C.uint8_t)(unsafe.Pointer(&b[0])), C.size_t(len(b))
}

// goString takes a string the library returned: copied, then freed (zeroed).
func goString(p *C.char) string {
	s := C.GoString(p)
	C.oauth1_string_free(p)
	return s
}

// getString runs a getter with one string output.
func getString(f func(out **C.char) C.oauth1_result) (string, error) {
	var out *C.char
	if err := call(func() C.oauth1_result { return f(&out) }); err != nil {
		return "", err
	}
	return goString(out), nil
}

// optString is getString with ResultNotFound as ("", false, nil).
func optString(f func(out **C.char) C.oauth1_result) (string, bool, error) {
	s, err := getString(f)
	if errors.Is(err, ErrNotFound) {
		return "", false, nil
	}
	return s, err == nil, err
}

// Param is one protocol parameter or response field, decoded.
type Param struct {
	Name, Value string
}

// getParams reads an indexed list of name/value pairs.
func getParams(count func(*C.size_t) C.oauth1_result, at func(C.size_t, **C.char, **C.char) C.oauth1_result) ([]Param, error) {
	var n C.size_t
	if err := call(func() C.oauth1_result { return count(&n) }); err != nil {
		return nil, err
	}
	params := make([]Param, 0, int(n))
	for i := C.size_t(0); i < n; i++ {
		var name, value *C.char
		if err := call(func() C.oauth1_result { return at(i, &name, &value) }); err != nil {
			return nil, err
		}
		params = append(params, Param{goString(name), goString(value)})
	}
	return params, nil
}

// validUTF8 refuses a string the library would refuse anyway, with a message
// naming the Go argument (for C arrays built before the call).
func validUTF8(s, name string) error {
	if !utf8.ValidString(s) {
		return &Error{Result: ResultInvalidUTF8, Message: name + " is not valid UTF-8"}
	}
	return nil
}
