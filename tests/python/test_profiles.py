"""Provider profiles from Python: the published examples of
tests/conformance/profiles/ through ``Signer.for_profile``, a sign-then-verify
round trip per profile (``Verifier.for_profile``), monotonic timestamps
(NetSuite's rule) and NetSuite's SOAP ``TokenPassport``."""

import json
from pathlib import Path
from typing import Any

import pytest

import oauth1

PROFILE_VECTORS = Path(__file__).resolve().parents[1] / "conformance" / "profiles"
REQUIRED = (
    "netsuite woocommerce magento2 x trello garmin lti11 xero-legacy smugmug flickr tumblr discogs etsy-v2".split()
)


def load(name: str) -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads((PROFILE_VECTORS / name).read_text())
    return cases


def test_profiles_lists_every_required_provider_with_its_docs() -> None:
    names = [p.name for p in oauth1.profiles()]
    assert names == sorted(names)
    for name in REQUIRED:
        p = oauth1.profile(name)
        assert p.summary and p.docs and all(d.startswith("https://") for d in p.docs)
        assert p.default_signature_method in p.signature_methods
    with pytest.raises(oauth1.InvalidParameter, match="netsuite"):
        oauth1.profile("nope")


@pytest.mark.parametrize("case", load("published.json"), ids=lambda c: str(c["id"]))
def test_published_example_through_its_profile(case: dict[str, Any]) -> None:
    c = case["credentials"]
    signer = oauth1.Signer.for_profile(
        case["profile"],
        c["consumer_key"],
        c["consumer_secret"],
        account=case["account"],
        token=c["token"],
        token_secret=c["token_secret"],
    )
    r = case["request"]
    signed = signer.sign(
        r["method"],
        r["url"],
        body=r["body"],
        content_type=r["content_type"],
        timestamp=case["timestamp"],
        nonce=case["nonce"],
        callback=case["callback"],
        verifier=case["verifier"],
    )
    assert signed.base_string == case["expect"]["base_string"]
    assert signed.signature == case["expect"]["signature"]
    for text in case["expect"]["header_contains"]:
        assert text in signed.authorization_header
    for text in case["expect"]["header_lacks"]:
        assert text not in signed.authorization_header


@pytest.mark.parametrize("case", load("token_passport.json"), ids=lambda c: str(c["id"]))
def test_netsuite_token_passport_vector(case: dict[str, Any]) -> None:
    signer = oauth1.TokenPassportSigner(
        case["account"],
        case["consumer_key"],
        case["consumer_secret"],
        case["token"],
        case["token_secret"],
    )
    passport = signer.sign(timestamp=case["timestamp"], nonce=case["nonce"])
    assert passport.algorithm == case["algorithm"]
    assert passport.base_string == case["expect"]["base_string"]
    assert passport.signature == case["expect"]["signature"]
    xml = passport.to_xml("urn:messages_2024_2.platform.webservices.netsuite.com")
    assert xml.startswith('<tokenPassport xmlns="urn:messages_2024_2.platform.webservices.netsuite.com">')
    assert f'<signature algorithm="HMAC-SHA256">{passport.signature}</signature>' in xml
    with pytest.raises(oauth1.InvalidParameter, match="earlier"):
        signer.sign(timestamp=int(case["timestamp"]) - 1)


@pytest.mark.parametrize("name", REQUIRED)
def test_round_trip_sign_with_profile_verify_with_profile(name: str) -> None:
    p = oauth1.profile(name)
    account = {"store-url": "https://shop.example.com", "netsuite-account-id": "1234567-sb1"}.get(p.account)
    signer = oauth1.Signer.for_profile(name, "ck", "cs", account=account, token="tk", token_secret="ts")
    url = "https://api.example.com/v1/items?limit=5"
    form = "title=Hello%20world&n=1"
    ct = "application/x-www-form-urlencoded"
    signed = signer.sign("POST", url, body=form, content_type=ct)
    verifier = oauth1.Verifier.for_profile(
        name, oauth1.Credentials(consumers={"ck": "cs"}, tokens={"tk": ("ts", "ck")})
    )
    assert sorted(verifier.signature_methods) == sorted(p.signature_methods)
    if p.transmission == "query":
        verified = verifier.verify("POST", signed.signed_url, body=form, content_type=ct)
    elif p.transmission == "form":
        verified = verifier.verify("POST", url, body=signed.signed_form_body, content_type=ct)
    else:
        verified = verifier.verify("POST", url, headers=signed.headers, body=form, content_type=ct)
    assert verified.token == "tk"
    assert verified.signature_method == p.default_signature_method


def test_netsuite_profile_rules() -> None:
    with pytest.raises(oauth1.InvalidParameter, match="account"):
        oauth1.Signer.for_profile("netsuite", "ck", "cs")
    with pytest.raises(oauth1.UnsupportedSignatureMethod):
        oauth1.Signer.for_profile("netsuite", "ck", "cs", account="1234567", signature_method="HMAC-SHA1")
    signer = oauth1.Signer.for_profile("netsuite", "ck", "cs", account="1234567-sb1", token="tk", token_secret="ts")
    assert signer.realm == "1234567_SB1" and signer.monotonic_timestamps
    url = "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer"
    signer.sign("GET", url, timestamp="4102444800")
    # The clock is earlier than the last timestamp: the signer keeps the last one.
    fresh = dict(signer.sign("GET", url).oauth_parameters)
    assert fresh["oauth_timestamp"] == "4102444800"
    with pytest.raises(oauth1.InvalidParameter, match="never go backwards"):
        signer.sign("GET", url, timestamp="1700000000")
    assert not oauth1.Signer.for_profile("x", "ck", "cs").monotonic_timestamps
    assert oauth1.Signer.for_profile("x", "ck", "cs", monotonic_timestamps=True).monotonic_timestamps


def test_trello_authorize_url_and_netsuite_endpoints() -> None:
    trello = oauth1.profile("trello")
    url = trello.authorization_url("rt", params={"name": "My App"})
    assert url == "https://trello.com/1/OAuthAuthorizeToken?oauth_token=rt&expiration=30days&name=My%20App&scope=read"
    ns = oauth1.profile("netsuite")
    assert (
        ns.endpoint("request_token", account="1234567_SB1")
        == "https://1234567-sb1.restlets.api.netsuite.com/rest/requesttoken"
    )
    assert ns.api_url("1234567-sb1", "/record/v1/customer").startswith(
        "https://1234567-sb1.suitetalk.api.netsuite.com/"
    )
