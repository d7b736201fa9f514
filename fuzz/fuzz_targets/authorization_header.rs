//! The strict `Authorization: OAuth` parser on arbitrary text: it never
//! panics, and what it accepts, written back as a header, parses to the
//! same parameters.
#![no_main]

use libfuzzer_sys::fuzz_target;
use oauth1::fuzzing::parse_authorization;
use oauth1::percent_encode;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(Some(params)) = parse_authorization(value) else {
        return;
    };
    // A decoded name that spells realm in another case would be read back
    // as the realm (whose value is not percent-decoded): not comparable.
    if params
        .iter()
        .any(|(name, _)| name != "realm" && name.eq_ignore_ascii_case("realm"))
    {
        return;
    }
    let mut header = String::from("OAuth ");
    for (i, (name, value)) in params.iter().enumerate() {
        if i > 0 {
            header.push_str(", ");
        }
        if name == "realm" {
            // The realm is a quoted-string, only unescaped when parsed.
            header.push_str("realm=\"");
            for c in value.chars() {
                if c == '"' || c == '\\' {
                    header.push('\\');
                }
                header.push(c);
            }
            header.push('"');
        } else {
            header.push_str(&percent_encode(name));
            header.push_str("=\"");
            header.push_str(&percent_encode(value));
            header.push('"');
        }
    }
    let again = parse_authorization(&header);
    assert_eq!(again, Ok(Some(params)), "re-rendered header: {header:?}");
});
