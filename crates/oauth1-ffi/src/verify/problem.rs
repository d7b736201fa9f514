//! Why a request was refused, and what to answer.

use crate::boundary::{
    arg_out, arg_ref, arg_str, c_string, castable, free_handle, get, guard, write_string, Failure,
};
use crate::result::oauth1_result;
use oauth1::Problem;
use std::ffi::c_char;

/// Why a request was refused: the `oauth_problem` code of the OAuth Problem
/// Reporting extension, the parameter names concerned, the HTTP status, and
/// the response to send (`WWW-Authenticate` value and body).
///
/// Thread safety: immutable; any number of threads may read it at once.
pub struct oauth1_problem(());
castable!(oauth1_problem => Problem);

/// Frees a problem; NULL does nothing.
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_free(problem: *mut oauth1_problem) {
    free_handle(problem)
}

/// The `oauth_problem` code, as a new string: `parameter_absent`,
/// `parameter_rejected`, `version_rejected`, `signature_method_rejected`,
/// `timestamp_refused`, `consumer_key_unknown`, `token_rejected`,
/// `signature_invalid` or `nonce_used`.
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_code(
    problem: *const oauth1_problem,
    code_out: *mut *mut c_char,
) -> oauth1_result {
    get(problem, "problem", code_out, "code_out", |p| {
        c_string(p.code().as_str(), "the code")
    })
}

/// The HTTP status to answer with: 400 for a malformed request (absent,
/// rejected or repeated parameters, an unsupported version or signature
/// method), 401 for credentials, signature, timestamp or nonce that do not
/// hold (RFC 5849 s3.2).
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_http_status(
    problem: *const oauth1_problem,
    status_out: *mut u16,
) -> oauth1_result {
    get(problem, "problem", status_out, "status_out", |p| {
        Ok(p.http_status())
    })
}

/// How many parameter names the problem concerns (the absent ones for
/// `parameter_absent`, the rejected ones for `parameter_rejected`; often 0).
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_parameter_count(
    problem: *const oauth1_problem,
    count_out: *mut usize,
) -> oauth1_result {
    get(problem, "problem", count_out, "count_out", |p| {
        Ok(p.parameters().len())
    })
}

/// The parameter name at `index`, as a new string;
/// `OAUTH1_RESULT_NOT_FOUND` when `index` is not below the count.
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_parameter(
    problem: *const oauth1_problem,
    index: usize,
    name_out: *mut *mut c_char,
) -> oauth1_result {
    get(problem, "problem", name_out, "name_out", |p| {
        let params = p.parameters();
        let name = params.get(index).ok_or_else(|| {
            Failure::not_found(format!(
                "index {index} is past the problem's {} parameters",
                params.len()
            ))
        })?;
        c_string(name, "the parameter name")
    })
}

/// A message for logs explaining the refusal (never a secret), as a new
/// string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_message(
    problem: *const oauth1_problem,
    message_out: *mut *mut c_char,
) -> oauth1_result {
    get(problem, "problem", message_out, "message_out", |p| {
        c_string(p.message(), "the message")
    })
}

/// The `WWW-Authenticate` header value to answer with, for the provider's
/// `realm`: `OAuth realm="..."` (quoted; control characters left out), as
/// a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_www_authenticate(
    problem: *const oauth1_problem,
    realm: *const c_char,
    value_out: *mut *mut c_char,
) -> oauth1_result {
    guard(|| {
        let (problem, realm) = (arg_ref(problem, "problem")?, arg_str(realm, "realm")?);
        let out = arg_out(value_out, "value_out")?;
        write_string(out, &problem.www_authenticate(realm), "the header")
    })
}

/// The response body (`application/x-www-form-urlencoded`, Problem
/// Reporting extension): `oauth_problem=...`, with
/// `oauth_parameters_absent` / `oauth_parameters_rejected` and
/// `oauth_acceptable_timestamps` when they apply, as a new string.
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_body(
    problem: *const oauth1_problem,
    body_out: *mut *mut c_char,
) -> oauth1_result {
    get(problem, "problem", body_out, "body_out", |p| {
        c_string(&p.body(), "the body")
    })
}

/// For `timestamp_refused`: the inclusive range of timestamps the provider
/// accepted at the time of the check; `OAUTH1_RESULT_NOT_FOUND` for any
/// other problem. Both outputs or neither are written.
#[no_mangle]
pub unsafe extern "C" fn oauth1_problem_acceptable_timestamps(
    problem: *const oauth1_problem,
    min_out: *mut u64,
    max_out: *mut u64,
) -> oauth1_result {
    guard(|| {
        let problem = arg_ref(problem, "problem")?;
        let (min_out, max_out) = (arg_out(min_out, "min_out")?, arg_out(max_out, "max_out")?);
        let (min, max) = problem.acceptable_timestamps().ok_or_else(|| {
            Failure::not_found("only a timestamp_refused problem has acceptable timestamps")
        })?;
        min_out.write(min);
        max_out.write(max);
        Ok(())
    })
}
