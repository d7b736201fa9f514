//! Signs the project's standard request (NetSuite-style HMAC-SHA256 with a
//! realm) and explains the signature: what `make demo` shows until the local
//! provider exists.

use oauth1::{Generated, Request, SignOptions, SignatureMethod, Signer};

fn main() -> Result<(), oauth1::Error> {
    let signer = Signer::builder(
        "ck_5f4dcc3b5aa765d61d8327deb882cf99",
        "cs_2c26b46b68ffc68ff99b453c1d30413413422d706",
    )
    .token(
        "tk_6b86b273ff34fce19d6b804eff5a3f57",
        "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b",
    )
    .signature_method(SignatureMethod::HmacSha256)
    .realm("1234567_SB1")
    .build()?;
    let request = Request::new(
        "POST",
        "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait",
    )
    .with_form("status=active&tags=a%2Cb&name=John+Doe");
    let options = SignOptions {
        timestamp: Generated::Fixed("1700000000"),
        nonce: Generated::Fixed("kllo9940pd9333jh"),
        ..SignOptions::default()
    };
    let signed = signer.sign_with(&request, &options)?;
    println!("{} {}", request.method, request.url);
    println!("Authorization: {}", signed.authorization_header());
    println!();
    println!(
        "normalized parameters:\n  {}",
        signed.normalized_parameters()
    );
    println!("signature base string:\n  {}", signed.base_string());
    println!("signature: {}", signed.signature());
    Ok(())
}
