//! The C boundary: the extern "C" functions driven as a C caller would,
//! with arbitrary strings (some NULL, some not UTF-8), bodies given as
//! pointer and length (NULL with a length, a length shorter than the
//! buffer), NULL handles and NULL output slots. Every call must return a
//! result code other than `OAUTH1_RESULT_PANIC`, write its outputs only on
//! success, and leak or double-free nothing (AddressSanitizer watches).
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use oauth1_ffi::*;
use std::ffi::{c_char, CString};
use std::ptr;

/// A C string argument: NULL, or NUL-terminated bytes (maybe not UTF-8).
#[derive(Arbitrary, Debug)]
enum CStr<'a> {
    Null,
    Text(&'a str),
    Bytes(&'a [u8]),
}

impl CStr<'_> {
    fn owned(&self) -> Option<CString> {
        let bytes: Vec<u8> = match self {
            CStr::Null => return None,
            CStr::Text(t) => t.bytes().filter(|&b| b != 0).collect(),
            CStr::Bytes(b) => b.iter().copied().filter(|&b| b != 0).collect(),
        };
        CString::new(bytes).ok()
    }
}

fn ptr_of(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(ptr::null(), |s| s.as_ptr())
}

/// A body: NULL with a length (0 or not), or a buffer with a length up to its own.
#[derive(Arbitrary, Debug)]
enum Buffer<'a> {
    Null(u8),
    Bytes(&'a [u8], u16),
}

impl Buffer<'_> {
    fn raw(&self) -> (*const u8, usize) {
        match *self {
            Buffer::Null(len) => (ptr::null(), usize::from(len % 3)),
            Buffer::Bytes(bytes, len) => {
                let len = if bytes.is_empty() {
                    0
                } else {
                    usize::from(len) % (bytes.len() + 1)
                };
                (bytes.as_ptr(), len)
            }
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Call<'a> {
    NewBuilder(CStr<'a>, CStr<'a>),
    SetToken(CStr<'a>, CStr<'a>),
    SetMethod(CStr<'a>),
    SetRealm(CStr<'a>),
    SetNonce(u8, CStr<'a>),
    SetBodyHash(bool),
    Build,
    FreeSigner,
    Sign(CStr<'a>, CStr<'a>, Buffer<'a>, CStr<'a>, bool),
    ReadSigned(u8),
    FreeSigned,
    ParseTokenResponse(Buffer<'a>, bool, bool),
    ParseCallback(CStr<'a>, bool),
    AuthorizationUrl(CStr<'a>, CStr<'a>),
    AddConsumer(CStr<'a>, CStr<'a>),
    AddToken(CStr<'a>, CStr<'a>, CStr<'a>),
    Verify(CStr<'a>, CStr<'a>, CStr<'a>, Buffer<'a>, CStr<'a>),
    VerifyHeaders(CStr<'a>, CStr<'a>, Vec<(CStr<'a>, CStr<'a>)>, Buffer<'a>),
    ReceivedUrl(bool, CStr<'a>, Vec<(CStr<'a>, CStr<'a>)>, bool),
    LastError(u8, bool),
}

fn ok(result: oauth1_result) -> bool {
    assert_ne!(result, oauth1_result::Panic, "a call panicked");
    result == oauth1_result::Ok
}

/// Takes a string output: set on success, untouched (still the sentinel) otherwise.
unsafe fn take(success: bool, out: *mut c_char) {
    if success {
        assert!(!out.is_null());
        unsafe { oauth1_string_free(out) };
    } else {
        assert!(out.is_null(), "an output written on failure");
    }
}

#[derive(Default)]
struct State {
    builder: *mut oauth1_signer_builder,
    signer: *mut oauth1_signer,
    signed: *mut oauth1_signed,
    verifier: *mut oauth1_verifier,
    credentials: *mut oauth1_credentials,
    nonces: *mut oauth1_nonce_store,
}

impl Drop for State {
    fn drop(&mut self) {
        unsafe {
            oauth1_signer_builder_free(self.builder);
            oauth1_signer_free(self.signer);
            oauth1_signed_free(self.signed);
            oauth1_verifier_free(self.verifier);
            oauth1_credentials_free(self.credentials);
            oauth1_nonce_store_free(self.nonces);
        }
    }
}

fuzz_target!(|calls: Vec<Call<'_>>| {
    let mut s = State::default();
    unsafe {
        assert!(ok(oauth1_verifier_new(&mut s.verifier)));
        assert!(ok(oauth1_credentials_new(&mut s.credentials)));
        assert!(ok(oauth1_nonce_store_new(&mut s.nonces)));
        ok(oauth1_verifier_allow_signature_method(
            s.verifier,
            c"PLAINTEXT".as_ptr(),
        ));
    }
    for call in calls.iter().take(32) {
        unsafe { run(&mut s, call) };
    }
});

unsafe fn run(s: &mut State, call: &Call<'_>) {
    unsafe {
        match call {
            Call::NewBuilder(key, secret) => {
                let (key, secret) = (key.owned(), secret.owned());
                let mut out = ptr::null_mut();
                if ok(oauth1_signer_builder_new(
                    ptr_of(&key),
                    ptr_of(&secret),
                    &mut out,
                )) {
                    assert!(!out.is_null());
                    oauth1_signer_builder_free(std::mem::replace(&mut s.builder, out));
                } else {
                    assert!(out.is_null());
                }
            }
            Call::SetToken(token, secret) => {
                let (token, secret) = (token.owned(), secret.owned());
                ok(oauth1_signer_builder_set_token(
                    s.builder,
                    ptr_of(&token),
                    ptr_of(&secret),
                ));
            }
            Call::SetMethod(name) => {
                let name = name.owned();
                ok(oauth1_signer_builder_set_signature_method(
                    s.builder,
                    ptr_of(&name),
                ));
            }
            Call::SetRealm(realm) => {
                let realm = realm.owned();
                ok(oauth1_signer_builder_set_realm(s.builder, ptr_of(&realm)));
            }
            Call::SetNonce(length, alphabet) => {
                let alphabet = alphabet.owned();
                ok(oauth1_signer_builder_set_nonce(
                    s.builder,
                    usize::from(*length),
                    ptr_of(&alphabet),
                ));
            }
            Call::SetBodyHash(enabled) => {
                ok(oauth1_signer_builder_set_body_hash(s.builder, *enabled));
            }
            Call::Build => {
                let mut out = ptr::null_mut();
                if ok(oauth1_signer_builder_build(s.builder, &mut out)) {
                    assert!(!out.is_null());
                    oauth1_signer_free(std::mem::replace(&mut s.signer, out));
                } else {
                    assert!(out.is_null());
                }
            }
            Call::FreeSigner => {
                oauth1_signer_free(std::mem::replace(&mut s.signer, ptr::null_mut()));
            }
            Call::Sign(method, url, body, content_type, null_out) => {
                let (method, url, content_type) =
                    (method.owned(), url.owned(), content_type.owned());
                let (body, body_len) = body.raw();
                let mut out: *mut oauth1_signed = ptr::null_mut();
                let out_ptr = if *null_out {
                    ptr::null_mut()
                } else {
                    &mut out as *mut _
                };
                let result = oauth1_signer_sign(
                    s.signer,
                    ptr_of(&method),
                    ptr_of(&url),
                    body,
                    body_len,
                    ptr_of(&content_type),
                    ptr::null(),
                    out_ptr,
                );
                if ok(result) {
                    assert!(!out.is_null());
                    oauth1_signed_free(std::mem::replace(&mut s.signed, out));
                } else {
                    assert!(out.is_null());
                }
            }
            Call::ReadSigned(which) => {
                let mut out: *mut c_char = ptr::null_mut();
                let result = match which % 7 {
                    0 => oauth1_signed_signature(s.signed, &mut out),
                    1 => oauth1_signed_base_string(s.signed, &mut out),
                    2 => oauth1_signed_normalized_parameters(s.signed, &mut out),
                    3 => oauth1_signed_authorization_header(s.signed, &mut out),
                    4 => oauth1_signed_url(s.signed, &mut out),
                    5 => oauth1_signed_form_body(s.signed, &mut out),
                    _ => oauth1_signed_oauth_query(s.signed, &mut out),
                };
                take(ok(result), out);
                let mut count = 0usize;
                if ok(oauth1_signed_oauth_parameter_count(s.signed, &mut count)) {
                    let (mut name, mut value) = (ptr::null_mut(), ptr::null_mut());
                    let success = ok(oauth1_signed_oauth_parameter(
                        s.signed,
                        usize::from(*which) % (count + 1),
                        &mut name,
                        &mut value,
                    ));
                    take(success, name);
                    take(success, value);
                }
            }
            Call::FreeSigned => {
                oauth1_signed_free(std::mem::replace(&mut s.signed, ptr::null_mut()));
            }
            Call::ParseTokenResponse(body, require, read) => {
                let (body, body_len) = body.raw();
                let mut response = ptr::null_mut();
                if ok(oauth1_parse_token_response(
                    body,
                    body_len,
                    *require,
                    &mut response,
                )) {
                    assert!(!response.is_null());
                    if *read {
                        let mut out = ptr::null_mut();
                        take(ok(oauth1_token_response_token(response, &mut out)), out);
                        let mut out = ptr::null_mut();
                        take(
                            ok(oauth1_token_response_token_secret(response, &mut out)),
                            out,
                        );
                        let mut count = 0;
                        ok(oauth1_token_response_extra_count(response, &mut count));
                        let (mut name, mut value) = (ptr::null_mut(), ptr::null_mut());
                        let success = ok(oauth1_token_response_extra(
                            response, count, &mut name, &mut value,
                        ));
                        assert!(!success);
                        take(success, name);
                        take(success, value);
                    }
                    oauth1_token_response_free(response);
                } else {
                    assert!(response.is_null());
                }
            }
            Call::ParseCallback(callback, null_verifier) => {
                let callback = callback.owned();
                let (mut token, mut verifier) = (ptr::null_mut(), ptr::null_mut());
                let verifier_out = if *null_verifier {
                    ptr::null_mut()
                } else {
                    &mut verifier as *mut _
                };
                let success = ok(oauth1_parse_callback(
                    ptr_of(&callback),
                    &mut token,
                    verifier_out,
                ));
                take(success, token);
                take(success && !*null_verifier, verifier);
            }
            Call::AuthorizationUrl(url, token) => {
                let (url, token) = (url.owned(), token.owned());
                let mut out = ptr::null_mut();
                take(
                    ok(oauth1_authorization_url(
                        ptr_of(&url),
                        ptr_of(&token),
                        &mut out,
                    )),
                    out,
                );
            }
            Call::AddConsumer(key, secret) => {
                let (key, secret) = (key.owned(), secret.owned());
                ok(oauth1_credentials_add_consumer(
                    s.credentials,
                    ptr_of(&key),
                    ptr_of(&secret),
                    ptr::null(),
                ));
            }
            Call::AddToken(token, secret, key) => {
                let (token, secret, key) = (token.owned(), secret.owned(), key.owned());
                ok(oauth1_credentials_add_token(
                    s.credentials,
                    ptr_of(&token),
                    ptr_of(&secret),
                    ptr_of(&key),
                ));
            }
            Call::Verify(method, url, authorization, body, content_type) => {
                let (method, url, authorization, content_type) = (
                    method.owned(),
                    url.owned(),
                    authorization.owned(),
                    content_type.owned(),
                );
                let (body, body_len) = body.raw();
                verify_outputs(|verified, problem| {
                    oauth1_verifier_verify(
                        s.verifier,
                        s.credentials,
                        s.nonces,
                        ptr_of(&method),
                        ptr_of(&url),
                        ptr_of(&authorization),
                        body,
                        body_len,
                        ptr_of(&content_type),
                        verified,
                        problem,
                    )
                });
            }
            Call::VerifyHeaders(method, url, headers, body) => {
                let (method, url) = (method.owned(), url.owned());
                let owned: Vec<(Option<CString>, Option<CString>)> = headers
                    .iter()
                    .take(8)
                    .map(|(n, v)| (n.owned(), v.owned()))
                    .collect();
                let headers: Vec<oauth1_header> = owned
                    .iter()
                    .map(|(n, v)| oauth1_header {
                        name: ptr_of(n),
                        value: ptr_of(v),
                    })
                    .collect();
                let (body, body_len) = body.raw();
                verify_outputs(|verified, problem| {
                    oauth1_verifier_verify_headers(
                        s.verifier,
                        s.credentials,
                        s.nonces,
                        ptr_of(&method),
                        ptr_of(&url),
                        headers.as_ptr(),
                        headers.len(),
                        body,
                        body_len,
                        verified,
                        problem,
                    )
                });
            }
            Call::ReceivedUrl(tls, target, headers, trust) => {
                let target = target.owned();
                let owned: Vec<(Option<CString>, Option<CString>)> = headers
                    .iter()
                    .take(8)
                    .map(|(n, v)| (n.owned(), v.owned()))
                    .collect();
                let headers: Vec<oauth1_header> = owned
                    .iter()
                    .map(|(n, v)| oauth1_header {
                        name: ptr_of(n),
                        value: ptr_of(v),
                    })
                    .collect();
                let mut out = ptr::null_mut();
                let success = ok(oauth1_received_url(
                    *tls,
                    ptr_of(&target),
                    headers.as_ptr(),
                    headers.len(),
                    *trust,
                    &mut out,
                ));
                take(success, out);
            }
            Call::LastError(len, null_buf) => {
                let mut buf = [0 as c_char; 64];
                let len = usize::from(*len) % (buf.len() + 1);
                let full = if *null_buf {
                    oauth1_last_error_message(ptr::null_mut(), 0)
                } else {
                    oauth1_last_error_message(buf.as_mut_ptr(), len)
                };
                if len > 0 && !*null_buf {
                    let written = buf.iter().position(|&c| c == 0).expect("NUL-terminated");
                    assert!(written < len && written <= full);
                }
            }
        }
    }
}

/// Runs a verification; checks that exactly one of its outputs is set
/// (verified on acceptance, a problem on refusal), or none on a bad argument.
unsafe fn verify_outputs(
    call: impl FnOnce(*mut *mut oauth1_verified, *mut *mut oauth1_problem) -> oauth1_result,
) {
    let (mut verified, mut problem) = (ptr::null_mut(), ptr::null_mut());
    let result = call(&mut verified, &mut problem);
    assert_ne!(result, oauth1_result::Panic, "a call panicked");
    unsafe {
        if result == oauth1_result::Ok {
            assert!(!verified.is_null() && problem.is_null());
            let mut out = ptr::null_mut();
            take(ok(oauth1_verified_consumer_key(verified, &mut out)), out);
        } else if !problem.is_null() {
            assert!(verified.is_null());
            let mut out = ptr::null_mut();
            take(ok(oauth1_problem_body(problem, &mut out)), out);
            let mut out = ptr::null_mut();
            take(
                ok(oauth1_problem_www_authenticate(
                    problem,
                    ptr::null(),
                    &mut out,
                )),
                out,
            );
        }
        oauth1_verified_free(verified);
        oauth1_problem_free(problem);
    }
}
