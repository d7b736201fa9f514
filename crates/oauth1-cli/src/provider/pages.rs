//! The provider's HTML pages: the index, the authorize page with its
//! Approve and Deny forms, the out-of-band verifier page, the demo
//! callback page, and errors. Every value from outside is escaped.

use super::state::{Callback, Consumer};
use std::fmt::Write;

/// Escapes text for HTML element content and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#222}\
code{background:#f3f3f3;padding:0 .2em}\
.card{border:1px solid #ccc;border-radius:8px;padding:1.5rem}\
.actions{display:flex;gap:1rem;margin-top:1.5rem}\
button{font-size:1rem;padding:.5rem 1.5rem;border-radius:6px;border:1px solid #888;cursor:pointer}\
#approve{background:#1a7f37;color:#fff;border-color:#1a7f37}\
.verifier{font-size:1.6rem;letter-spacing:.05em}\
th{text-align:left;padding-right:1rem}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>{}</title><style>{STYLE}</style></head>\n<body>\n{body}\n</body></html>\n",
        escape(title)
    )
}

/// `GET /`: what this provider is and how to use it.
pub fn index(base_url: &str, consumers: &[&Consumer], auto_approve: bool) -> String {
    let mut list = String::new();
    for consumer in consumers {
        let _ = write!(
            list,
            "<li><code>{}</code> — {}</li>",
            escape(&consumer.key),
            escape(&consumer.name)
        );
    }
    let base = escape(base_url);
    page(
        "liboauth1 local provider",
        &format!(
            "<h1>liboauth1 local provider</h1>\
<p>An OAuth 1.0a (RFC 5849) service provider for trying clients end to end. \
Every signed request is checked by liboauth1's verifier.</p>\
<h2>Endpoints</h2><ul>\
<li><code>POST {base}/oauth/request_token</code> — temporary credentials (send <code>oauth_callback</code>: a URL or <code>oob</code>)</li>\
<li><code>GET {base}/oauth/authorize?oauth_token=…</code> — the user approves or denies{}</li>\
<li><code>POST {base}/oauth/access_token</code> — token credentials (send <code>oauth_verifier</code>)</li>\
<li><code>GET {base}/api/me</code>, <code>POST {base}/api/records</code> (form body), \
<code>PUT {base}/api/records/{{id}}</code> (JSON body with <code>oauth_body_hash</code>) — protected resources</li>\
<li><code>GET {base}/callback</code> — a callback page for trying the flow in a browser</li></ul>\
<h2>Consumers</h2><ul>{list}</ul>",
            if auto_approve { " (auto-approve is on)" } else { "" }
        ),
    )
}

/// `GET /oauth/authorize`: names the consumer and what it asks for, with
/// Approve and Deny.
pub fn authorize(
    consumer: &Consumer,
    token: &str,
    form_guard: &str,
    callback: &Callback,
    user: &str,
) -> String {
    let destination = match callback {
        Callback::OutOfBand => {
            "You will be shown a verification code to give to the application.".to_owned()
        }
        Callback::Url(url) => format!(
            "You will then be sent back to <code id=\"callback\">{}</code>.",
            escape(url)
        ),
    };
    let hidden = format!(
        "<input type=\"hidden\" name=\"oauth_token\" value=\"{}\">\
<input type=\"hidden\" name=\"form_guard\" value=\"{}\">",
        escape(token),
        escape(form_guard)
    );
    page(
        &format!("Authorize {}", consumer.name),
        &format!(
            "<div class=\"card\">\
<p>Signed in as <strong id=\"user\">{user}</strong></p>\
<h1><span id=\"consumer-name\">{name}</span> wants to use your account</h1>\
<p>The application <strong>{name}</strong> (consumer key <code>{key}</code>) asks to:</p>\
<ul id=\"scopes\"><li>read your profile</li><li>create records and change your records</li></ul>\
<p>{destination}</p>\
<form method=\"post\" action=\"/oauth/authorize\" class=\"actions\">{hidden}\
<button type=\"submit\" id=\"approve\" name=\"decision\" value=\"approve\">Approve</button>\
<button type=\"submit\" id=\"deny\" name=\"decision\" value=\"deny\">Deny</button>\
</form></div>",
            user = escape(user),
            name = escape(&consumer.name),
            key = escape(&consumer.key),
        ),
    )
}

/// The out-of-band page after approval: the verifier to type in.
pub fn out_of_band_verifier(consumer_name: &str, token: &str, verifier: &str) -> String {
    page(
        "Access approved",
        &format!(
            "<div class=\"card\"><h1>You approved {}</h1>\
<p>Give this verification code to the application:</p>\
<p class=\"verifier\"><code id=\"oauth-verifier\">{}</code></p>\
<p>Request token: <code id=\"oauth-token\">{}</code></p></div>",
            escape(consumer_name),
            escape(verifier),
            escape(token)
        ),
    )
}

/// The out-of-band page after denial.
pub fn out_of_band_denied(consumer_name: &str) -> String {
    page(
        "Access denied",
        &format!(
            "<div class=\"card\"><h1>You denied {}</h1>\
<p>The application gets no access (<code id=\"oauth-problem\">oauth_problem=user_refused</code>).</p></div>",
            escape(consumer_name)
        ),
    )
}

/// `GET /callback`: a stand-in for a consumer's callback, showing what the
/// provider sent back.
pub fn callback(query: &[(String, String)]) -> String {
    let mut rows = String::new();
    for (name, value) in query {
        let _ = write!(
            rows,
            "<tr><th>{}</th><td><code id=\"{}\">{}</code></td></tr>",
            escape(name),
            escape(&name.replace('_', "-")),
            escape(value)
        );
    }
    let verdict = if query.iter().any(|(n, _)| n == "oauth_verifier") {
        "Authorization approved: the consumer now exchanges the request token and this verifier for an access token."
    } else {
        "No verifier was sent back."
    };
    page(
        "Consumer callback",
        &format!(
            "<div class=\"card\"><h1>Consumer callback</h1><p id=\"verdict\">{}</p><table>{rows}</table></div>",
            escape(verdict)
        ),
    )
}

/// An error page.
pub fn error(title: &str, explanation: &str) -> String {
    page(
        title,
        &format!(
            "<div class=\"card\"><h1>{}</h1><p>{}</p></div>",
            escape(title),
            escape(explanation)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use oauth1::ConsumerCredentials;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn the_authorize_page_names_the_consumer_escaped_and_has_both_buttons() {
        let consumer = Consumer {
            key: "ck".into(),
            name: "<Evil> & Co".into(),
            credentials: ConsumerCredentials::with_secret("cs"),
        };
        let html = authorize(
            &consumer,
            "rt_1",
            "g",
            &Callback::Url("https://c.example/cb?a=1&b=2".into()),
            "ada",
        );
        assert!(html.contains("<span id=\"consumer-name\">&lt;Evil&gt; &amp; Co</span>"));
        assert!(html.contains("id=\"approve\""));
        assert!(html.contains("id=\"deny\""));
        assert!(html.contains("https://c.example/cb?a=1&amp;b=2"));
    }
}
