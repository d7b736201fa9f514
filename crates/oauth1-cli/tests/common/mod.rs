//! A small OAuth 1.0a consumer over reqwest, signing with the oauth1 core,
//! for driving the local provider from the tests and the load generator.
#![allow(dead_code)] // Each test binary uses a different part.

use oauth1::{
    parse_callback, parse_token_response, Request, SignOptions, Signed, Signer, TokenResponse,
};
use oauth1_cli::provider::{
    Provider, ProviderConfig, RunningProvider, DEMO_CONSUMER_KEY, DEMO_CONSUMER_SECRET,
};
use std::time::Duration;

/// Starts a provider on a free loopback port, without the request log.
pub async fn start_provider(configure: impl FnOnce(&mut ProviderConfig)) -> RunningProvider {
    let mut config = ProviderConfig::demo();
    config.log_requests = false;
    configure(&mut config);
    Provider::bind(config, "127.0.0.1:0".parse().expect("loopback address"))
        .await
        .expect("bind a free loopback port")
        .spawn()
}

/// What a provider answered.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub location: Option<String>,
    pub www_authenticate: Option<String>,
    pub body: String,
}

impl Answer {
    /// The `oauth_problem` of a refusal's body.
    pub fn problem(&self) -> Option<String> {
        oauth1::form_decode(&self.body, "body")
            .ok()?
            .into_iter()
            .find(|(n, _)| n == "oauth_problem")
            .map(|(_, v)| v)
    }

    /// Asserts a refusal with this status and this `oauth_problem`.
    #[track_caller]
    pub fn assert_refused(&self, status: u16, problem: &str) {
        assert_eq!(self.status, status, "{}", self.body);
        assert_eq!(self.problem().as_deref(), Some(problem));
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).expect("a JSON body")
    }
}

/// A consumer: an HTTP client that never follows redirects (the tests
/// read the callback from `Location`), and the provider's base URL.
pub struct Consumer {
    pub http: reqwest::Client,
    pub base_url: String,
    pub signer: Signer,
}

impl Consumer {
    pub fn demo(base_url: &str) -> Self {
        Consumer::new(base_url, DEMO_CONSUMER_KEY, DEMO_CONSUMER_SECRET)
    }

    pub fn new(base_url: &str, key: &str, secret: &str) -> Self {
        Consumer {
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(10))
                .build()
                .expect("HTTP client"),
            base_url: base_url.to_owned(),
            signer: Signer::builder(key, secret).build().expect("signer"),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Sends `signed` (its Authorization header) as `method url` with `body`.
    pub async fn send(
        &self,
        method: &str,
        url: &str,
        signed: &Signed,
        body: Option<(&[u8], &str)>,
    ) -> Answer {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut request = self
            .http
            .request(method, url)
            .header("Authorization", signed.authorization_header());
        if let Some((bytes, content_type)) = body {
            request = request
                .header("Content-Type", content_type)
                .body(bytes.to_vec());
        }
        answer(request.send().await.expect("the provider answers")).await
    }

    pub async fn get(&self, url: &str) -> Answer {
        answer(
            self.http
                .get(url)
                .send()
                .await
                .expect("the provider answers"),
        )
        .await
    }

    pub async fn post_form(&self, url: &str, body: &str) -> Answer {
        let request = self
            .http
            .post(url)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body.to_owned());
        answer(request.send().await.expect("the provider answers")).await
    }

    /// Step 1: `POST /oauth/request_token` with `oauth_callback`.
    pub async fn request_token(&self, callback: &str) -> Answer {
        let url = self.url("/oauth/request_token");
        let signed = self
            .signer
            .request_token_request(&url, Some(callback))
            .expect("sign");
        self.send("POST", &url, &signed, None).await
    }

    /// Step 1, expecting a request token (callback confirmed).
    pub async fn issued_request_token(&self, callback: &str) -> TokenResponse {
        parse_token_response(&self.request_token(callback).await.body, true).expect("issued")
    }

    /// Step 2: the authorize page for a request token.
    pub async fn authorize_page(&self, token: &str) -> Answer {
        self.get(&oauth1::authorization_url(&self.url("/oauth/authorize"), token).expect("url"))
            .await
    }

    /// Step 2: the user's `approve` or `deny` on the authorize page's form.
    pub async fn decide(&self, token: &str, form_guard: &str, decision: &str) -> Answer {
        self.post_form(
            &self.url("/oauth/authorize"),
            &oauth1::form_encode([
                ("oauth_token", token),
                ("form_guard", form_guard),
                ("decision", decision),
            ]),
        )
        .await
    }

    /// Step 3 for an issued request token.
    pub async fn exchange(&self, issued: &TokenResponse, verifier: &str) -> Answer {
        self.access_token(&issued.token, issued.token_secret.expose(), verifier)
            .await
    }

    /// Step 3: `POST /oauth/access_token`, signed with the request token.
    pub async fn access_token(&self, token: &str, secret: &str, verifier: &str) -> Answer {
        let url = self.url("/oauth/access_token");
        let signed = self
            .signer
            .with_token(token, secret)
            .expect("signer")
            .access_token_request(&url, verifier)
            .expect("sign");
        self.send("POST", &url, &signed, None).await
    }

    /// A signed resource request with the access token.
    pub async fn resource(
        &self,
        access: &Signer,
        method: &str,
        path: &str,
        body: Option<(&[u8], &str)>,
        options: &SignOptions<'_>,
    ) -> Answer {
        let url = self.url(path);
        let mut request = Request::new(method, &url);
        if let Some((bytes, content_type)) = body {
            request = request.with_body(bytes, content_type);
        }
        let signed = access.sign_with(&request, options).expect("sign");
        self.send(method, &url, &signed, body).await
    }

    /// The whole three-legged flow with a provider on auto-approve:
    /// returns the signer holding the access token.
    pub async fn authorize_automatically(&self) -> Signer {
        let (token, secret) = self.approved_request_token().await;
        let access = self.access_token(&token.0, &secret, &token.1).await;
        assert_eq!(access.status, 200, "access token: {}", access.body);
        let access = parse_token_response(&access.body, false).expect("token response");
        self.signer
            .with_token(access.token, access.token_secret)
            .expect("access signer")
    }

    /// Request token, then auto-approval: ((token, verifier), secret).
    pub async fn approved_request_token(&self) -> ((String, String), String) {
        let issued = self.request_token(&self.url("/callback")).await;
        assert_eq!(issued.status, 200, "request token: {}", issued.body);
        let issued = parse_token_response(&issued.body, true).expect("token response");
        let authorize = self.authorize_page(&issued.token).await;
        assert_eq!(
            authorize.status, 302,
            "auto-approve redirects: {}",
            authorize.body
        );
        let callback = parse_callback(authorize.location.as_deref().expect("Location"))
            .expect("callback with verifier");
        assert_eq!(callback.token, issued.token);
        (
            (issued.token, callback.verifier),
            issued.token_secret.expose().to_owned(),
        )
    }
}

async fn answer(response: reqwest::Response) -> Answer {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let status = response.status().as_u16();
    let location = header("location");
    let www_authenticate = header("www-authenticate");
    let body = response.text().await.expect("a text body");
    Answer {
        status,
        location,
        www_authenticate,
        body,
    }
}

/// The value of the hidden `form_guard` input of the authorize page.
pub fn form_guard(html: &str) -> String {
    let marker = "name=\"form_guard\" value=\"";
    let start = html.find(marker).expect("the page has a form guard") + marker.len();
    let end = html[start..].find('"').expect("closing quote") + start;
    html[start..end].to_owned()
}
