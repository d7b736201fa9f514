"""The Python API over the core: conversions, every transmission form,
errors, the token flow, thread safety."""

from __future__ import annotations

import base64
import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qsl

import pytest
from conftest import CONSUMER_KEY, CONSUMER_SECRET, TOKEN, TOKEN_SECRET

import oauth1

STANDARD_URL = "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait"
STANDARD_BODY = "status=active&tags=a%2Cb&name=John+Doe"
FORM = "application/x-www-form-urlencoded"
STANDARD_SIGNATURE = "7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI="


def standard_signer(**options: object) -> oauth1.Signer:
    return oauth1.Signer(
        CONSUMER_KEY,
        CONSUMER_SECRET,
        token=TOKEN,
        token_secret=TOKEN_SECRET,
        signature_method="HMAC-SHA256",
        realm="1234567_SB1",
        **options,  # type: ignore[arg-type]
    )


def sign_standard(signer: oauth1.Signer, body: str | bytes = STANDARD_BODY) -> oauth1.SignedRequest:
    return signer.sign(
        "POST",
        STANDARD_URL,
        body=body,
        content_type=FORM,
        timestamp=1700000000,
        nonce="kllo9940pd9333jh",
    )


def test_version_comes_from_cargo() -> None:
    assert oauth1.__version__ == oauth1.core_version
    assert oauth1.__version__.count(".") == 2


def test_standard_request() -> None:
    signed = sign_standard(standard_signer())
    assert signed.signature == STANDARD_SIGNATURE
    assert signed.authorization_header.startswith(
        'OAuth realm="1234567_SB1", oauth_consumer_key="ck_5f4dcc3b5aa765d61d8327deb882cf99", '
    )
    assert signed.authorization_header.endswith(
        'oauth_signature="7YW4s%2FRtwCowc9nBLyiBo%2FEfsYqdRKwcZmi%2BE0%2BWDxI%3D"'
    )
    assert signed.headers == {"Authorization": signed.authorization_header}
    assert signed.base_string.startswith("POST&https%3A%2F%2Fapi.example.com%2Fv1%2Frecords%2Fsearch&")
    assert "q=caf%C3%A9%20au%20lait" in signed.normalized_parameters
    assert signed.oauth_parameters[-1] == ("oauth_signature", STANDARD_SIGNATURE)
    assert ("oauth_timestamp", "1700000000") in signed.oauth_parameters


def test_bytes_and_str_bodies_sign_the_same() -> None:
    signer = standard_signer()
    assert sign_standard(signer, STANDARD_BODY.encode()).signature == STANDARD_SIGNATURE
    assert sign_standard(signer, STANDARD_BODY).signature == STANDARD_SIGNATURE


def test_every_transmission_form() -> None:
    signed = sign_standard(standard_signer())
    url_params = dict(parse_qsl(signed.signed_url.split("?", 1)[1]))
    assert url_params["oauth_signature"] == STANDARD_SIGNATURE
    assert url_params["limit"] == "50"
    body_params = dict(parse_qsl(signed.signed_form_body))
    assert body_params["oauth_signature"] == STANDARD_SIGNATURE
    assert body_params["status"] == "active"
    assert signed.oauth_query in signed.signed_url


def test_signed_form_body_refused_for_json() -> None:
    signer = oauth1.Signer("ck", "cs", body_hash=True)
    signed = signer.sign("POST", "https://a.example/x", body=b'{"a": 1}', content_type="application/json")
    want = base64.b64encode(hashlib.sha1(b'{"a": 1}').digest()).decode()
    assert ("oauth_body_hash", want) in signed.oauth_parameters
    with pytest.raises(oauth1.InvalidParameter, match="not application/x-www-form-urlencoded"):
        _ = signed.signed_form_body


def test_fresh_nonce_and_timestamp() -> None:
    signer = oauth1.Signer("ck", "cs", nonce_length=12, nonce_alphabet="abcdef")
    a = dict(signer.sign("GET", "https://a.example/").oauth_parameters)
    b = dict(signer.sign("GET", "https://a.example/").oauth_parameters)
    assert a["oauth_nonce"] != b["oauth_nonce"]
    assert len(a["oauth_nonce"]) == 12 and set(a["oauth_nonce"]) <= set("abcdef")
    assert int(a["oauth_timestamp"]) > 1_600_000_000


def test_omit_timestamp_and_nonce_for_plaintext() -> None:
    signer = oauth1.Signer("ck", "c&s", token="t", token_secret="s", signature_method="PLAINTEXT")
    signed = signer.sign("GET", "https://a.example/", timestamp=oauth1.OMIT, nonce=oauth1.OMIT)
    names = [n for n, _ in signed.oauth_parameters]
    assert "oauth_timestamp" not in names and "oauth_nonce" not in names
    assert signed.signature == "c%26s&s"
    assert repr(oauth1.OMIT) == "oauth1.OMIT"


def test_int_timestamps_sign_as_their_decimal_text() -> None:
    signer = oauth1.Signer("ck", "cs")
    for ts in (1, 7, 10, 1700000000, 2**64 - 1):
        signed = signer.sign("GET", "https://a.example/", timestamp=ts, nonce="n")
        assert dict(signed.oauth_parameters)["oauth_timestamp"] == str(ts)
        assert signed.signature == signer.sign("GET", "https://a.example/", timestamp=str(ts), nonce="n").signature
    # A positive integer of seconds, as on every surface: 0 is refused by the core.
    for bad in (0, -1, 2**64):
        with pytest.raises(oauth1.InvalidParameter, match="not a positive integer number of seconds"):
            signer.sign("GET", "https://a.example/", timestamp=bad)


def test_options_are_keyword_only() -> None:
    signer = oauth1.Signer("ck", "cs")
    with pytest.raises(TypeError):
        signer.sign("POST", "https://a.example/", "a=1")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        oauth1.Signer("ck", "cs", "token")  # type: ignore[call-arg]


def test_sign_arguments_as_python_passes_them() -> None:
    # Signer.sign sorts its own arguments (a fastcall method): the same
    # binding of names and the same TypeErrors as any Python method.
    signer = oauth1.Signer("ck", "cs")
    expected = signer.sign("POST", "https://a.example/", body="a=1", content_type=FORM, timestamp=1, nonce="n")
    by_name = signer.sign(
        url="https://a.example/", method="POST", nonce="n", timestamp=1, content_type=FORM, body="a=1"
    )
    # Keyword names made at run time are not interned: matched by text.
    options = {
        "".join(["time", "stamp"]): 1,
        "".join(["no", "nce"]): "n",
        "content_" + "type": FORM,
        "bo" + "dy": "a=1",
    }
    by_dict = signer.sign("POST", "https://a.example/", **options)  # type: ignore[arg-type]
    explicit_none = signer.sign(
        "POST",
        "https://a.example/",
        body="a=1",
        content_type=FORM,
        timestamp=1,
        nonce="n",
        callback=None,
        verifier=None,
        extra_oauth_params=None,
    )
    assert by_name.signature == by_dict.signature == explicit_none.signature == expected.signature
    assert (
        oauth1.Signer.sign(
            signer, "POST", "https://a.example/", body="a=1", content_type=FORM, timestamp=1, nonce="n"
        ).signature
        == expected.signature
    )
    assert oauth1.Signer.sign.__name__ == "sign" and oauth1.Signer.sign.__doc__ == "Signs a request."

    errors: list[tuple[tuple[object, ...], dict[str, object], str]] = [
        ((), {}, "Signer.sign() missing 2 required positional arguments: 'method' and 'url'"),
        (("GET",), {}, "Signer.sign() missing 1 required positional argument: 'url'"),
        ((), {"url": "https://a.example/"}, "Signer.sign() missing 1 required positional argument: 'method'"),
        (("GET", "https://a.example/", "a=1"), {}, "Signer.sign() takes 2 positional arguments but 3 were given"),
        (("GET", "https://a.example/"), {"bogus": 1}, "Signer.sign() got an unexpected keyword argument 'bogus'"),
        (("GET", "https://a.example/"), {"bo" + "gus": 1}, "Signer.sign() got an unexpected keyword argument 'bogus'"),
        (("GET", "https://a.example/"), {"method": "GET"}, "Signer.sign() got multiple values for argument 'method'"),
        (
            ("GET",),
            {"url": "https://a.example/", "method": "GET"},
            "Signer.sign() got multiple values for argument 'method'",
        ),
        ((None, "https://a.example/"), {}, "method must be str, not NoneType"),
    ]
    for args, kwargs, message in errors:
        with pytest.raises(TypeError) as caught:
            signer.sign(*args, **kwargs)  # type: ignore[arg-type]
        assert str(caught.value) == message
    with pytest.raises(TypeError, match="descriptor 'sign' for 'oauth1.Signer' objects doesn't apply"):
        oauth1.Signer.sign(object(), "GET", "https://a.example/")  # type: ignore[arg-type]
    # As on every surface: an OAuth1Error naming the argument, not UnicodeEncodeError.
    with pytest.raises(oauth1.InvalidEncoding, match="^url is not valid text"):
        signer.sign("GET", "https://a.example/\ud800")


def test_extra_params_callback_verifier_and_version() -> None:
    signer = oauth1.Signer("ck", "cs", token="rt", token_secret="rs", include_version=False)
    signed = signer.sign(
        "POST",
        "https://a.example/token",
        callback="https://app.example/cb",
        verifier="v1",
        extra_oauth_params={"oauth_session_handle": "h 1"},
    )
    params = dict(signed.oauth_parameters)
    assert params["oauth_callback"] == "https://app.example/cb"
    assert params["oauth_verifier"] == "v1"
    assert params["oauth_session_handle"] == "h 1"
    assert "oauth_version" not in params
    as_pairs = signer.sign("GET", "https://a.example/", extra_oauth_params=[("oauth_x", "1")])
    assert ("oauth_x", "1") in as_pairs.oauth_parameters


@pytest.mark.parametrize(
    ("call", "error", "names"),
    [
        (lambda s: s.sign("GET", "ftp://a.example/"), oauth1.InvalidURL, "ftp"),
        (lambda s: s.sign("GET", "/relative"), oauth1.InvalidURL, "/relative"),
        (lambda s: s.sign("GET", "https://a.example/?a=%zz"), oauth1.InvalidEncoding, "%zz"),
        (
            lambda s: s.sign("POST", "https://a.example/", body="a=%FF%FE", content_type=FORM),
            oauth1.InvalidEncoding,
            "form body",
        ),
        (lambda s: s.sign("G T", "https://a.example/"), oauth1.InvalidParameter, "G T"),
        (
            lambda s: s.sign("GET", "https://a.example/", extra_oauth_params={"Oauth_x": "1"}),
            oauth1.InvalidParameter,
            "Oauth_x",
        ),
        (
            lambda s: s.sign("GET", "https://a.example/", extra_oauth_params={"oauth_nonce": "1"}),
            oauth1.InvalidParameter,
            "oauth_nonce",
        ),
    ],
)
def test_errors_name_the_input(call: object, error: type[oauth1.OAuth1Error], names: str) -> None:
    signer = oauth1.Signer("ck", "cs")
    with pytest.raises(error) as info:
        call(signer)  # type: ignore[operator]
    assert names in str(info.value)
    assert isinstance(info.value, ValueError)
    assert info.value.kind == error.kind


def test_constructor_errors() -> None:
    with pytest.raises(oauth1.UnsupportedSignatureMethod, match="hmac-sha1"):
        oauth1.Signer("ck", "cs", signature_method="hmac-sha1")
    with pytest.raises(oauth1.InvalidKey):
        oauth1.Signer("ck", signature_method="RSA-SHA1")
    with pytest.raises(oauth1.InvalidKey):
        oauth1.Signer("ck", signature_method="RSA-SHA256", rsa_private_key="-----BEGIN PRIVATE KEY-----\nxx\n")
    with pytest.raises(oauth1.InvalidParameter, match="nonce"):
        oauth1.Signer("ck", "cs", nonce_alphabet="aa")
    with pytest.raises(oauth1.InvalidParameter, match="token_secret"):
        oauth1.Signer("ck", "cs", token_secret="s")


def test_error_kinds_and_hierarchy() -> None:
    kinds = {
        oauth1.InvalidURL: "invalid_url",
        oauth1.InvalidEncoding: "invalid_encoding",
        oauth1.UnsupportedSignatureMethod: "unsupported_signature_method",
        oauth1.InvalidKey: "invalid_key",
        oauth1.InvalidParameter: "invalid_parameter",
        oauth1.InvalidResponse: "invalid_response",
    }
    for cls, kind in kinds.items():
        assert issubclass(cls, oauth1.OAuth1Error) and issubclass(cls, ValueError)
        assert cls.kind == kind
        assert cls.__module__ == "oauth1"


def test_type_errors() -> None:
    signer = oauth1.Signer("ck", "cs")
    with pytest.raises(TypeError, match="body must be str or bytes"):
        signer.sign("POST", "https://a.example/", body=123)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="timestamp"):
        signer.sign("GET", "https://a.example/", timestamp=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="url must be str"):
        signer.sign("GET", b"https://a.example/")  # type: ignore[arg-type]


def test_rsa_methods_sign(rsa_keys: object) -> None:
    pem: str = rsa_keys.private_pem  # type: ignore[attr-defined]
    for method in ("RSA-SHA1", "RSA-SHA256", "RSA-SHA512"):
        signer = oauth1.Signer("ck-rsa", signature_method=method, rsa_private_key=pem.encode())
        a = signer.sign("GET", "https://a.example/", timestamp=1, nonce="n")
        b = signer.sign("GET", "https://a.example/", timestamp=1, nonce="n")
        assert a.signature == b.signature and len(a.signature) == 344


def test_reprs_hide_secrets() -> None:
    signer = standard_signer()
    text = repr(signer)
    assert CONSUMER_SECRET not in text and TOKEN_SECRET not in text
    assert text == (
        "<oauth1.Signer consumer_key='ck_5f4dcc3b5aa765d61d8327deb882cf99' "
        "token='tk_6b86b273ff34fce19d6b804eff5a3f57' signature_method='HMAC-SHA256' realm='1234567_SB1'>"
    )
    plaintext = oauth1.Signer("ck", "secret1", signature_method="PLAINTEXT")
    assert "secret1" not in repr(plaintext.sign("GET", "https://a.example/"))
    response = oauth1.parse_token_response("oauth_token=t&oauth_token_secret=s3cr3t", require_callback_confirmed=False)
    assert "s3cr3t" not in repr(response)


def test_signer_properties_and_with_token() -> None:
    signer = oauth1.Signer("ck", "cs", signature_method="HMAC-SHA512")
    assert (signer.consumer_key, signer.token, signer.signature_method, signer.realm) == (
        "ck",
        None,
        "HMAC-SHA512",
        None,
    )
    other = signer.with_token("at", "as")
    assert other.token == "at" and signer.token is None
    assert other.signature_method == "HMAC-SHA512"


def test_token_flow() -> None:
    consumer = oauth1.Signer("ck", "cs")
    request = consumer.request_token_request("https://p.example/request_token")
    assert ("oauth_callback", "oob") in request.oauth_parameters
    request = consumer.request_token_request("https://p.example/request_token", callback="https://app/cb")
    assert ("oauth_callback", "https://app/cb") in request.oauth_parameters

    temp = oauth1.parse_token_response(
        b"oauth_token=rt&oauth_token_secret=rs&oauth_callback_confirmed=true",
        require_callback_confirmed=True,
    )
    assert (temp.token, temp.token_secret, temp.callback_confirmed, temp.extra) == ("rt", "rs", True, {})
    with pytest.raises(oauth1.InvalidEncoding, match="UTF-8"):
        oauth1.parse_token_response(b"oauth_token=\xff", require_callback_confirmed=False)
    with pytest.raises(oauth1.InvalidResponse, match="oauth_callback_confirmed"):
        oauth1.parse_token_response("oauth_token=rt&oauth_token_secret=rs", require_callback_confirmed=True)

    url = oauth1.authorization_url("https://p.example/authorize?lang=en", temp.token)
    assert url == "https://p.example/authorize?lang=en&oauth_token=rt"
    callback = oauth1.parse_callback("https://app.example/cb?oauth_token=rt&oauth_verifier=v%201")
    assert (callback.token, callback.verifier) == ("rt", "v 1")
    with pytest.raises(oauth1.InvalidResponse, match="user_refused"):
        oauth1.parse_callback("oauth_problem=user_refused")

    with pytest.raises(oauth1.InvalidParameter, match="request token"):
        consumer.access_token_request("https://p.example/access_token", verifier="v 1")
    access = consumer.with_token(temp.token, temp.token_secret).access_token_request(
        "https://p.example/access_token", verifier=callback.verifier
    )
    assert ("oauth_verifier", "v 1") in access.oauth_parameters
    assert ("oauth_token", "rt") in access.oauth_parameters

    final = oauth1.parse_token_response(
        "oauth_token=at&oauth_token_secret=as&oauth_session_handle=h&oauth_expires_in=3600",
        require_callback_confirmed=False,
    )
    assert final.extra == {"oauth_session_handle": "h", "oauth_expires_in": "3600"}
    assert final.callback_confirmed is None


def test_signer_is_shared_between_threads() -> None:
    signer = standard_signer()
    barrier = threading.Barrier(4)

    def work(_: int) -> set[str]:
        barrier.wait()
        return {sign_standard(signer).signature for _ in range(500)}

    with ThreadPoolExecutor(4) as pool:
        results = set().union(*pool.map(work, range(4)))
    assert results == {STANDARD_SIGNATURE}


def test_rsa_signing_releases_the_gil(rsa_keys: object) -> None:
    # Not timed: checks that RSA signing from several threads is correct.
    pem: str = rsa_keys.private_pem  # type: ignore[attr-defined]
    signer = oauth1.Signer("ck-rsa", signature_method="RSA-SHA256", rsa_private_key=pem)
    with ThreadPoolExecutor(3) as pool:
        sigs = set(
            pool.map(lambda _: signer.sign("GET", "https://a.example/", timestamp=1, nonce="n").signature, range(6))
        )
    assert len(sigs) == 1


def test_large_body_signs() -> None:
    body = "a=" + "x" * 100_000
    signer = oauth1.Signer("ck", "cs")
    signed = signer.sign("POST", "https://a.example/", body=body, content_type=FORM, timestamp=1, nonce="n")
    again = signer.sign("POST", "https://a.example/", body=body.encode(), content_type=FORM, timestamp=1, nonce="n")
    assert signed.signature == again.signature
