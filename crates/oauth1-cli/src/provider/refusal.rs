//! Refused requests, answered as the OAuth Problem Reporting extension says:
//! the status, `WWW-Authenticate: OAuth realm="..."`, and a form-encoded
//! body `oauth_problem=...` with an `oauth_problem_advice` for people.

use super::log::Outcome;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use oauth1::{percent_encode, Problem, ProblemCode};

/// Why the provider refused a request, ready to render as a response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    status: StatusCode,
    problem: String,
    /// `oauth_problem=...` and its parameter lists, without the advice.
    problem_body: String,
    advice: String,
    realm: String,
}

impl Refusal {
    /// A refusal from the core's verification (or one the provider builds
    /// with a core [`Problem`], e.g. `parameter_absent` for `oauth_callback`).
    pub fn from_problem(problem: &Problem, realm: &str) -> Self {
        Refusal {
            status: StatusCode::from_u16(problem.http_status()).unwrap_or(StatusCode::UNAUTHORIZED),
            problem: problem.code().as_str().to_owned(),
            problem_body: problem.body(),
            advice: problem.message().to_owned(),
            realm: realm.to_owned(),
        }
    }

    /// A token-lifecycle refusal (`token_used`, `token_expired`,
    /// `permission_unknown`, `permission_denied`), which the provider's token
    /// store decides after verification has passed.
    pub fn lifecycle(code: ProblemCode, advice: &str, realm: &str) -> Self {
        Refusal::from_problem(&Problem::new(code, Vec::<String>::new(), advice), realm)
    }

    /// The `oauth_problem` code.
    pub fn problem(&self) -> &str {
        &self.problem
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response body: the problem, then `oauth_problem_advice`.
    pub fn body(&self) -> String {
        format!(
            "{}&oauth_problem_advice={}",
            self.problem_body,
            percent_encode(&self.advice)
        )
    }

    /// The `WWW-Authenticate` value: `OAuth realm="..."`.
    pub fn www_authenticate(&self) -> String {
        oauth1::www_authenticate(&self.realm)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let www_authenticate = HeaderValue::from_str(&self.www_authenticate())
            .unwrap_or_else(|_| HeaderValue::from_static("OAuth"));
        let mut response = (
            self.status,
            [
                (header::WWW_AUTHENTICATE, www_authenticate),
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/x-www-form-urlencoded"),
                ),
            ],
            self.body(),
        )
            .into_response();
        response
            .extensions_mut()
            .insert(Outcome::refused(None, &self.problem));
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use oauth1::ProblemCode;

    #[test]
    fn a_core_problem_keeps_its_status_body_and_gains_advice() {
        let problem = Problem::new(
            ProblemCode::ParameterAbsent,
            ["oauth_callback"],
            "no callback",
        );
        let refusal = Refusal::from_problem(&problem, "liboauth1");
        assert_eq!(refusal.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            refusal.body(),
            "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_callback&oauth_problem_advice=no%20callback"
        );
        assert_eq!(refusal.www_authenticate(), "OAuth realm=\"liboauth1\"");
    }

    #[test]
    fn a_lifecycle_problem_is_a_401_with_its_wire_name() {
        let refusal = Refusal::lifecycle(ProblemCode::TokenUsed, "used", "r");
        assert_eq!(refusal.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(refusal.problem(), "token_used");
        assert!(refusal.body().starts_with("oauth_problem=token_used&"));
    }
}
