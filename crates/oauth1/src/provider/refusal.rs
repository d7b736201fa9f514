//! Why the provider refused a request, rendered as the OAuth Problem
//! Reporting extension says: the status, `WWW-Authenticate`, and a
//! form-encoded `oauth_problem=...&oauth_problem_advice=...` body. A store
//! that could not answer is a 503 naming the store.

use super::store::StoreError;
use crate::encoding::percent_encode;
use crate::verify::{www_authenticate, Problem, ProblemCode};

/// A refused signed request, ready to send back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    // Boxed: a refusal travels in `Err`, which should stay small.
    reason: Box<Reason>,
    realm: String,
    claimed_consumer_key: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Reason {
    Problem(Problem),
    Unavailable(StoreError),
}

impl Refusal {
    pub(crate) fn problem_in(problem: Problem, realm: &str) -> Self {
        Refusal {
            reason: Box::new(Reason::Problem(problem)),
            realm: realm.to_owned(),
            claimed_consumer_key: None,
        }
    }

    pub(crate) fn unavailable(error: StoreError, realm: &str) -> Self {
        Refusal {
            reason: Box::new(Reason::Unavailable(error)),
            realm: realm.to_owned(),
            claimed_consumer_key: None,
        }
    }

    pub(crate) fn claimed_by(mut self, consumer_key: Option<String>) -> Self {
        self.claimed_consumer_key = consumer_key;
        self
    }

    /// The HTTP status: the problem's (400 or 401, RFC 5849 s3.2), or 503
    /// when a store could not answer.
    pub fn http_status(&self) -> u16 {
        match &*self.reason {
            Reason::Problem(problem) => problem.http_status(),
            Reason::Unavailable(_) => 503,
        }
    }

    /// The problem, unless a store could not answer.
    pub fn problem(&self) -> Option<&Problem> {
        match &*self.reason {
            Reason::Problem(problem) => Some(problem),
            Reason::Unavailable(_) => None,
        }
    }

    /// The `oauth_problem` code, unless a store could not answer.
    pub fn code(&self) -> Option<ProblemCode> {
        self.problem().map(Problem::code)
    }

    /// The store that could not answer, if that is the reason.
    pub fn store_error(&self) -> Option<&StoreError> {
        match &*self.reason {
            Reason::Problem(_) => None,
            Reason::Unavailable(error) => Some(error),
        }
    }

    /// Advice for people: the problem's message, or which store is down.
    pub fn advice(&self) -> String {
        match &*self.reason {
            Reason::Problem(problem) => problem.message().to_owned(),
            Reason::Unavailable(error) => format!("{error}; try again later"),
        }
    }

    /// The `Content-Type` of [`Refusal::body`].
    pub fn content_type(&self) -> &'static str {
        match &*self.reason {
            Reason::Problem(_) => "application/x-www-form-urlencoded",
            Reason::Unavailable(_) => "text/plain; charset=utf-8",
        }
    }

    /// The body: `oauth_problem=...` with its parameter lists and
    /// `oauth_problem_advice`, or the 503's message.
    pub fn body(&self) -> String {
        match &*self.reason {
            Reason::Problem(problem) => format!(
                "{}&oauth_problem_advice={}",
                problem.body(),
                percent_encode(problem.message())
            ),
            Reason::Unavailable(_) => self.advice(),
        }
    }

    /// The `WWW-Authenticate` value for a 401 or 400 (`OAuth realm="..."`);
    /// `None` for a 503.
    pub fn www_authenticate(&self) -> Option<String> {
        self.problem().map(|_| www_authenticate(&self.realm))
    }

    /// The consumer key the request claimed (never verified: for logs).
    pub fn claimed_consumer_key(&self) -> Option<&str> {
        self.claimed_consumer_key.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_keeps_its_status_body_and_gains_advice() {
        let problem = Problem::new(
            ProblemCode::ParameterAbsent,
            ["oauth_callback"],
            "no callback",
        );
        let refusal = Refusal::problem_in(problem, "liboauth1");
        assert_eq!(refusal.http_status(), 400);
        assert_eq!(
            refusal.body(),
            "oauth_problem=parameter_absent&oauth_parameters_absent=oauth_callback&oauth_problem_advice=no%20callback"
        );
        assert_eq!(
            refusal.www_authenticate().as_deref(),
            Some("OAuth realm=\"liboauth1\"")
        );
    }

    #[test]
    fn an_unavailable_store_is_a_503_naming_the_store() {
        let refusal = Refusal::unavailable(
            StoreError::new("redis://127.0.0.1:1/0", "connection refused"),
            "r",
        );
        assert_eq!(refusal.http_status(), 503);
        assert_eq!(refusal.code(), None);
        assert!(
            refusal.body().contains("redis://127.0.0.1:1/0"),
            "{}",
            refusal.body()
        );
        assert_eq!(refusal.www_authenticate(), None);
    }
}
