//! Quoting for the POSIX shell, for `oauth1 sign --curl`.

/// `value` as one shell word: unchanged when it only holds safe
/// characters, otherwise in single quotes (a `'` becomes `'\''`).
pub fn quote(value: &str) -> String {
    let safe = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=@%+,".contains(&b));
    if safe {
        return value.to_owned();
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if c == '\'' {
            out.push_str("'\\''");
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn quote_leaves_safe_words_and_wraps_the_rest() {
        assert_eq!(quote("https://h/p"), "https://h/p");
        assert_eq!(quote("a b"), "'a b'");
        assert_eq!(quote("it's"), "'it'\\''s'");
        assert_eq!(quote("x?a=1&b=2"), "'x?a=1&b=2'");
        assert_eq!(quote(""), "''");
    }
}
