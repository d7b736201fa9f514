//! Every family of the C API called from Rust the way C calls it: valid
//! buffers, NULL arguments and outputs, short buffers, lengths shorter than
//! their buffers, callbacks. They run under `cargo test` and under miri
//! (`make miri`), which checks the unsafe code they go through (raw
//! pointers, malloc'd strings, handles, callbacks) for undefined behaviour.

use super::*;
use std::ffi::{c_void, CStr, CString};
use std::ptr;

fn c(s: &str) -> CString {
    CString::new(s).unwrap()
}

/// Takes a library string: its text, then frees it.
unsafe fn take(s: *mut c_char) -> String {
    assert!(!s.is_null());
    // SAFETY: a NUL-terminated string from the library, freed once here.
    let text = unsafe { CStr::from_ptr(s) }.to_str().unwrap().to_owned();
    // SAFETY: as above; this is its one free.
    unsafe { oauth1_string_free(s) };
    text
}

const OK: oauth1_result = oauth1_result::Ok;
const NULL: oauth1_result = oauth1_result::NullParameter;
const URL: &str = "https://api.example.com/v1/items?limit=10&q=caf%C3%A9";
const FORM: &str = "application/x-www-form-urlencoded";

/// An HMAC-SHA1 signer for consumer ck/cs and token tk/ts.
unsafe fn signer() -> *mut oauth1_signer {
    // SAFETY: every pointer passed below is valid or NULL, as the API expects.
    unsafe {
        let mut builder = ptr::null_mut();
        assert_eq!(
            oauth1_signer_builder_new(c("ck").as_ptr(), c("cs").as_ptr(), &mut builder),
            OK
        );
        assert_eq!(
            oauth1_signer_builder_set_token(builder, c("tk").as_ptr(), c("ts").as_ptr()),
            OK
        );
        assert_eq!(
            oauth1_signer_builder_set_realm(builder, c("Photos é").as_ptr()),
            OK
        );
        let mut signer = ptr::null_mut();
        assert_eq!(oauth1_signer_builder_build(builder, &mut signer), OK);
        oauth1_signer_builder_free(builder);
        signer
    }
}

unsafe fn sign(signer: *const oauth1_signer, body: &[u8]) -> *mut oauth1_signed {
    // SAFETY: every pointer passed below is valid or NULL, as the API expects.
    unsafe {
        let mut signed = ptr::null_mut();
        let result = oauth1_signer_sign(
            signer,
            c("POST").as_ptr(),
            c(URL).as_ptr(),
            body.as_ptr(),
            body.len(),
            c(FORM).as_ptr(),
            ptr::null(),
            &mut signed,
        );
        assert_eq!(result, OK);
        signed
    }
}

#[test]
fn signed_getters_return_strings_and_refuse_null() {
    // SAFETY: every pointer passed below is valid or NULL, as the API expects.
    unsafe {
        let signer = signer();
        let signed = sign(signer, b"a=1&b=%20");
        let getters: [unsafe extern "C" fn(*const oauth1_signed, *mut *mut c_char) -> oauth1_result;
            7] = [
            oauth1_signed_signature,
            oauth1_signed_base_string,
            oauth1_signed_normalized_parameters,
            oauth1_signed_authorization_header,
            oauth1_signed_url,
            oauth1_signed_form_body,
            oauth1_signed_oauth_query,
        ];
        for get in getters {
            let mut out = ptr::null_mut();
            assert_eq!(get(signed, &mut out), OK);
            assert!(!take(out).is_empty());
            assert_eq!(get(ptr::null(), &mut out), NULL);
            assert_eq!(get(signed, ptr::null_mut()), NULL);
        }
        let mut count = 0;
        assert_eq!(oauth1_signed_oauth_parameter_count(signed, &mut count), OK);
        assert!(count >= 6);
        for index in 0..=count {
            let (mut name, mut value) = (ptr::null_mut(), ptr::null_mut());
            let result = oauth1_signed_oauth_parameter(signed, index, &mut name, &mut value);
            if index < count {
                assert_eq!(result, OK);
                assert!(take(name).starts_with("oauth_"));
                take(value);
            } else {
                assert_eq!(result, oauth1_result::NotFound);
                assert!(name.is_null() && value.is_null());
            }
        }
        let mut key = ptr::null_mut();
        assert_eq!(oauth1_signer_consumer_key(signer, &mut key), OK);
        assert_eq!(take(key), "ck");
        oauth1_signed_free(signed);
        oauth1_signed_free(ptr::null_mut());
        oauth1_signer_free(signer);
        oauth1_signer_free(ptr::null_mut());
    }
}

#[test]
fn bodies_are_read_up_to_their_length_and_null_needs_length_zero() {
    // SAFETY: every pointer passed below is valid or NULL, as the API expects.
    unsafe {
        let signer = signer();
        // Only the first 3 bytes are the body.
        let buffer = b"a=1&not=part";
        let mut signed = ptr::null_mut();
        let sign = |body: *const u8, len: usize, out: *mut *mut oauth1_signed| {
            oauth1_signer_sign(
                signer,
                c("POST").as_ptr(),
                c(URL).as_ptr(),
                body,
                len,
                c(FORM).as_ptr(),
                ptr::null(),
                out,
            )
        };
        assert_eq!(sign(buffer.as_ptr(), 3, &mut signed), OK);
        let mut body = ptr::null_mut();
        assert_eq!(oauth1_signed_form_body(signed, &mut body), OK);
        let body = take(body);
        assert!(
            body.starts_with("a=1&oauth_consumer_key=") && !body.contains("not"),
            "{body}"
        );
        oauth1_signed_free(signed);
        let mut signed = ptr::null_mut();
        assert_eq!(sign(ptr::null(), 0, &mut signed), OK);
        oauth1_signed_free(signed);
        let mut signed = ptr::null_mut();
        assert_eq!(sign(ptr::null(), 1, &mut signed), NULL);
        assert!(signed.is_null());
        oauth1_signer_free(signer);
    }
}

#[test]
fn the_last_error_message_fits_any_buffer() {
    // SAFETY: every pointer passed below is valid or NULL, as the API expects.
    unsafe {
        let mut builder = ptr::null_mut();
        // Not UTF-8: refused, and the message names the argument.
        let bad = [b'c', 0xff, 0];
        assert_eq!(
            oauth1_signer_builder_new(bad.as_ptr().cast(), c("cs").as_ptr(), &mut builder),
            oauth1_result::InvalidUtf8
        );
        assert!(builder.is_null());
        let full = oauth1_last_error_message(ptr::null_mut(), 0);
        assert!(full > 0);
        for len in [1, 2, 5, full, full + 1, full + 10] {
            let mut buf = vec![b'#' as c_char; len];
            assert_eq!(oauth1_last_error_message(buf.as_mut_ptr(), len), full);
            let written = CStr::from_ptr(buf.as_ptr()).to_bytes().len();
            assert_eq!(written, full.min(len - 1));
        }
        // A multi-byte character is never cut in half.
        let mut url = ptr::null_mut();
        assert_eq!(
            oauth1_authorization_url(c("ftp://ééééé").as_ptr(), c("rt").as_ptr(), &mut url),
            oauth1_result::InvalidUrl
        );
        let full = oauth1_last_error_message(ptr::null_mut(), 0);
        for len in 1..full.min(40) {
            let mut buf = vec![0 as c_char; len];
            oauth1_last_error_message(buf.as_mut_ptr(), len);
            assert!(CStr::from_ptr(buf.as_ptr()).to_str().is_ok());
        }
    }
}

#[test]
fn token_responses_callbacks_and_authorization_urls() {
    // SAFETY: every pointer passed below is valid or NULL, as the API expects.
    unsafe {
        let body = b"oauth_token=t&oauth_token_secret=s&oauth_callback_confirmed=true&user_id=7";
        let mut response = ptr::null_mut();
        assert_eq!(
            oauth1_parse_token_response(body.as_ptr(), body.len(), true, &mut response),
            OK
        );
        let mut out = ptr::null_mut();
        assert_eq!(oauth1_token_response_token(response, &mut out), OK);
        assert_eq!(take(out), "t");
        assert_eq!(oauth1_token_response_token_secret(response, &mut out), OK);
        assert_eq!(take(out), "s");
        let mut confirmed = false;
        assert_eq!(
            oauth1_token_response_callback_confirmed(response, &mut confirmed),
            OK
        );
        assert!(confirmed);
        let mut count = 0;
        assert_eq!(oauth1_token_response_extra_count(response, &mut count), OK);
        assert_eq!(count, 1);
        let (mut name, mut value) = (ptr::null_mut(), ptr::null_mut());
        assert_eq!(
            oauth1_token_response_extra(response, 0, &mut name, &mut value),
            OK
        );
        assert_eq!(
            (take(name), take(value)),
            ("user_id".to_owned(), "7".to_owned())
        );
        assert_eq!(
            oauth1_token_response_get(response, c("user_id").as_ptr(), &mut out),
            OK
        );
        assert_eq!(take(out), "7");
        assert_eq!(
            oauth1_token_response_get(response, c("nope").as_ptr(), &mut out),
            oauth1_result::NotFound
        );
        oauth1_token_response_free(response);
        // Half the body: no secret.
        let mut response = ptr::null_mut();
        assert_eq!(
            oauth1_parse_token_response(body.as_ptr(), 13, false, &mut response),
            oauth1_result::InvalidResponse
        );
        assert!(response.is_null());

        let (mut token, mut verifier) = (ptr::null_mut(), ptr::null_mut());
        let callback = c("https://c.example/cb?oauth_token=rt&oauth_verifier=v%20x");
        assert_eq!(
            oauth1_parse_callback(callback.as_ptr(), &mut token, &mut verifier),
            OK
        );
        assert_eq!(
            (take(token), take(verifier)),
            ("rt".to_owned(), "v x".to_owned())
        );
        assert_eq!(
            oauth1_parse_callback(ptr::null(), &mut token, &mut verifier),
            NULL
        );

        let mut url = ptr::null_mut();
        assert_eq!(
            oauth1_authorization_url(
                c("https://p.example/authorize?x=1").as_ptr(),
                c("r t").as_ptr(),
                &mut url
            ),
            OK
        );
        assert_eq!(
            take(url),
            "https://p.example/authorize?x=1&oauth_token=r%20t"
        );
    }
}

unsafe extern "C" fn consumer_lookup(
    userdata: *mut c_void,
    consumer_key: *const c_char,
    answer: *mut oauth1_consumer_answer,
) -> bool {
    // SAFETY: the library calls this lookup with a C string and a live answer.
    unsafe {
        *userdata.cast::<u32>() += 1;
        if CStr::from_ptr(consumer_key).to_bytes() != b"ck" {
            return false;
        }
        oauth1_consumer_answer_set_secret(answer, c"cs".as_ptr()) == oauth1_result::Ok
    }
}

unsafe extern "C" fn token_lookup(
    _userdata: *mut c_void,
    token: *const c_char,
    answer: *mut oauth1_token_answer,
) -> bool {
    // SAFETY: the library calls this lookup with a C string and a live answer.
    unsafe {
        CStr::from_ptr(token).to_bytes() == b"tk"
            && oauth1_token_answer_set(answer, c"ts".as_ptr(), c"ck".as_ptr()) == oauth1_result::Ok
    }
}

/// Signs, then verifies through every way of passing the request and the
/// provider's stores; a replay is refused with a problem to read.
#[test]
fn requests_verify_through_tables_and_callbacks_and_replays_are_problems() {
    // SAFETY: every pointer passed below is valid or NULL, as the API expects.
    unsafe {
        let signer = signer();
        let signed = sign(signer, b"a=1");
        let mut header = ptr::null_mut();
        assert_eq!(oauth1_signed_authorization_header(signed, &mut header), OK);
        let header = c(&take(header));

        let mut verifier = ptr::null_mut();
        assert_eq!(oauth1_verifier_new(&mut verifier), OK);
        let names = [c"HMAC-SHA1".as_ptr(), c"HMAC-SHA256".as_ptr()];
        assert_eq!(
            oauth1_verifier_set_signature_methods(verifier, names.as_ptr(), names.len()),
            OK
        );
        let mut table = ptr::null_mut();
        assert_eq!(oauth1_credentials_new(&mut table), OK);
        assert_eq!(
            oauth1_credentials_add_consumer(table, c("ck").as_ptr(), c("cs").as_ptr(), ptr::null()),
            OK
        );
        assert_eq!(
            oauth1_credentials_add_token(
                table,
                c("tk").as_ptr(),
                c("ts").as_ptr(),
                c("ck").as_ptr()
            ),
            OK
        );
        let mut lookups = 0u32;
        let mut callbacks = ptr::null_mut();
        assert_eq!(
            oauth1_credentials_new_with_callbacks(
                Some(consumer_lookup),
                Some(token_lookup),
                (&mut lookups as *mut u32).cast(),
                &mut callbacks
            ),
            OK
        );

        for credentials in [table, callbacks] {
            let mut nonces = ptr::null_mut();
            assert_eq!(oauth1_nonce_store_new(&mut nonces), OK);
            let verify = |verified: *mut *mut oauth1_verified,
                          problem: *mut *mut oauth1_problem| {
                oauth1_verifier_verify(
                    verifier,
                    credentials,
                    nonces,
                    c("POST").as_ptr(),
                    c(URL).as_ptr(),
                    header.as_ptr(),
                    b"a=1".as_ptr(),
                    3,
                    c(FORM).as_ptr(),
                    verified,
                    problem,
                )
            };
            let (mut verified, mut problem) = (ptr::null_mut(), ptr::null_mut());
            assert_eq!(verify(&mut verified, &mut problem), OK);
            assert!(problem.is_null());
            let mut out = ptr::null_mut();
            assert_eq!(oauth1_verified_consumer_key(verified, &mut out), OK);
            assert_eq!(take(out), "ck");
            assert_eq!(oauth1_verified_token(verified, &mut out), OK);
            assert_eq!(take(out), "tk");
            assert_eq!(oauth1_verified_realm(verified, &mut out), OK);
            take(out);
            assert_eq!(oauth1_verified_parameter_location(verified, &mut out), OK);
            assert_eq!(take(out), "header");
            let mut count = 0;
            assert_eq!(
                oauth1_verified_oauth_parameter_count(verified, &mut count),
                OK
            );
            for index in 0..count {
                let (mut name, mut value) = (ptr::null_mut(), ptr::null_mut());
                assert_eq!(
                    oauth1_verified_oauth_parameter(verified, index, &mut name, &mut value),
                    OK
                );
                take(name);
                take(value);
            }
            oauth1_verified_free(verified);

            // The replay: refused, with a problem (or none when not asked for).
            let (mut verified, mut problem) = (ptr::null_mut(), ptr::null_mut());
            assert_eq!(
                verify(&mut verified, &mut problem),
                oauth1_result::VerificationFailed
            );
            assert!(verified.is_null() && !problem.is_null());
            assert_eq!(oauth1_problem_code(problem, &mut out), OK);
            assert_eq!(take(out), "nonce_used");
            let mut status = 0u16;
            assert_eq!(oauth1_problem_http_status(problem, &mut status), OK);
            assert_eq!(status, 401);
            assert_eq!(oauth1_problem_body(problem, &mut out), OK);
            assert_eq!(take(out), "oauth_problem=nonce_used");
            assert_eq!(
                oauth1_problem_www_authenticate(problem, c("r").as_ptr(), &mut out),
                OK
            );
            assert!(take(out).starts_with("OAuth realm=\"r\""));
            assert_eq!(oauth1_problem_message(problem, &mut out), OK);
            take(out);
            oauth1_problem_free(problem);
            assert_eq!(
                verify(&mut verified, ptr::null_mut()),
                oauth1_result::VerificationFailed
            );
            assert!(verified.is_null());
            oauth1_nonce_store_free(nonces);
        }
        assert!(lookups >= 2);

        // The same request given as a header list.
        let mut nonces = ptr::null_mut();
        assert_eq!(oauth1_nonce_store_new(&mut nonces), OK);
        let (authorization, content_type) = (c("Authorization"), c("Content-Type"));
        let form = c(FORM);
        let headers = [
            oauth1_header {
                name: authorization.as_ptr(),
                value: header.as_ptr(),
            },
            oauth1_header {
                name: content_type.as_ptr(),
                value: form.as_ptr(),
            },
        ];
        let mut verified = ptr::null_mut();
        let result = oauth1_verifier_verify_headers(
            verifier,
            table,
            nonces,
            c("POST").as_ptr(),
            c(URL).as_ptr(),
            headers.as_ptr(),
            headers.len(),
            b"a=1".as_ptr(),
            3,
            &mut verified,
            ptr::null_mut(),
        );
        assert_eq!(result, OK);
        oauth1_verified_free(verified);
        let mut url = ptr::null_mut();
        let host = [oauth1_header {
            name: c"Host".as_ptr(),
            value: c"api.example.com".as_ptr(),
        }];
        assert_eq!(
            oauth1_received_url(
                true,
                c("/v1/items?limit=10").as_ptr(),
                host.as_ptr(),
                1,
                false,
                &mut url
            ),
            OK
        );
        assert_eq!(take(url), "https://api.example.com/v1/items?limit=10");
        assert_eq!(
            oauth1_received_url(true, c("/x").as_ptr(), ptr::null(), 1, false, &mut url),
            NULL
        );

        oauth1_nonce_store_free(nonces);
        oauth1_credentials_free(table);
        oauth1_credentials_free(callbacks);
        oauth1_verifier_free(verifier);
        oauth1_signed_free(signed);
        oauth1_signer_free(signer);
    }
}
