# frozen_string_literal: true

# Provider profiles from Ruby: the published examples of
# tests/conformance/profiles through Signer.for_profile, a sign-then-verify
# round trip per profile (Verifier.for_profile), monotonic timestamps
# (NetSuite's rule) and NetSuite's SOAP TokenPassport. Mirrors
# tests/python/test_profiles.py.

require_relative "helper"

class TestProfiles < Minitest::Test
  VECTORS = File.expand_path("../conformance/profiles", __dir__)
  REQUIRED = %w[netsuite woocommerce magento2 x trello garmin lti11 xero-legacy smugmug flickr tumblr discogs
                etsy-v2].freeze
  NETSUITE_URL = "https://1234567-sb1.suitetalk.api.netsuite.com/services/rest/record/v1/customer"

  def self.load(name) = JSON.parse(File.read(File.join(VECTORS, name)))

  def test_profiles_list_every_required_provider_with_its_docs
    names = OAuth1.profile_names
    assert_equal names.sort, names
    assert_equal names, OAuth1.profiles.map(&:name)
    REQUIRED.each do |name|
      profile = OAuth1.profile(name)
      refute_empty profile.summary
      refute_empty profile.docs
      assert(profile.docs.all? { |url| url.start_with?("https://") })
      assert_includes profile.signature_methods, profile.default_signature_method
    end
    assert_equal "HMAC-SHA256", OAuth1.profile_field("netsuite", "default_signature_method")
    error = assert_raises(OAuth1::InvalidParameter) { OAuth1.profile("nope") }
    assert_match(/netsuite/, error.message)
  end

  load("published.json").each do |c|
    define_method("test_published_example_#{c['id'].tr('-', '_')}") do
      creds = c["credentials"]
      signer = OAuth1::Signer.for_profile(c["profile"], creds["consumer_key"], creds["consumer_secret"],
                                          account: c["account"], token: creds["token"],
                                          token_secret: creds["token_secret"])
      r = c["request"]
      signed = signer.sign(r["method"], r["url"], body: r["body"], content_type: r["content_type"],
                                                  timestamp: c["timestamp"], nonce: c["nonce"],
                                                  callback: c["callback"], verifier: c["verifier"])
      assert_equal c["expect"]["base_string"], signed.base_string
      assert_equal c["expect"]["signature"], signed.signature
      c["expect"]["header_contains"].each { |text| assert_includes signed.authorization_header, text }
      c["expect"]["header_lacks"].each { |text| refute_includes signed.authorization_header, text }
      signer.close
    end
  end

  load("token_passport.json").each do |c|
    define_method("test_netsuite_token_passport_#{c['id'].tr('-', '_')}") do
      signer = OAuth1::TokenPassportSigner.new(c["account"], c["consumer_key"], c["consumer_secret"],
                                               c["token"], c["token_secret"])
      passport = signer.sign(timestamp: c["timestamp"], nonce: c["nonce"])
      assert_equal c["algorithm"], passport.algorithm
      assert_equal c["expect"]["base_string"], passport.base_string
      assert_equal c["expect"]["signature"], passport.signature
      assert_equal c["timestamp"], passport.timestamp
      assert_equal c["nonce"], passport.nonce
      xml = passport.to_xml("urn:messages_2024_2.platform.webservices.netsuite.com")
      assert xml.start_with?('<tokenPassport xmlns="urn:messages_2024_2.platform.webservices.netsuite.com">')
      assert_includes xml, %(<signature algorithm="HMAC-SHA256">#{passport.signature}</signature>)
      assert passport.to_xml.start_with?("<tokenPassport>")
      passport.close
      fresh = signer.sign
      assert_equal 20, fresh.nonce.length
      assert_operator fresh.timestamp.to_i, :>=, c["timestamp"].to_i
      error = assert_raises(OAuth1::InvalidParameter) { signer.sign(timestamp: c["timestamp"].to_i - 1) }
      assert_match(/earlier/, error.message)
      signer.close
    end
  end

  REQUIRED.each do |name|
    define_method("test_round_trip_sign_with_profile_verify_with_profile_#{name.tr('-', '_')}") do
      profile = OAuth1.profile(name)
      account = { "store-url" => "https://shop.example.com", "netsuite-account-id" => "1234567-sb1" }[profile.account]
      signer = OAuth1::Signer.for_profile(name, "ck", "cs", account: account, token: "tk", token_secret: "ts")
      url = "https://api.example.com/v1/items?limit=5"
      form = "title=Hello%20world&n=1"
      ct = "application/x-www-form-urlencoded"
      signed = signer.sign("POST", url, body: form, content_type: ct)
      credentials = OAuth1::Credentials.new
      credentials.add_consumer("ck", "cs")
      credentials.add_token("tk", "ts", "ck")
      verifier = OAuth1::Verifier.for_profile(name, credentials)
      assert_equal profile.signature_methods.sort, verifier.signature_methods.sort
      verified = case profile.transmission
                 when "query" then verifier.verify("POST", signed.signed_url, body: form, content_type: ct)
                 when "form" then verifier.verify("POST", url, body: signed.signed_form_body, content_type: ct)
                 else verifier.verify("POST", url, headers: signed.headers, body: form, content_type: ct)
                 end
      assert_equal "tk", verified.token
      assert_equal profile.default_signature_method, verified.signature_method
      verifier.close
      signer.close
    end
  end

  def test_netsuite_profile_rules_and_monotonic_timestamps
    error = assert_raises(OAuth1::InvalidParameter) { OAuth1::Signer.for_profile("netsuite", "ck", "cs") }
    assert_match(/account/, error.message)
    assert_raises(OAuth1::UnsupportedSignatureMethod) do
      OAuth1::Signer.for_profile("netsuite", "ck", "cs", account: "1234567", signature_method: "HMAC-SHA1")
    end
    signer = OAuth1::Signer.for_profile("netsuite", "ck", "cs", account: "1234567-sb1", token: "tk",
                                                                token_secret: "ts")
    assert_equal "1234567_SB1", signer.realm
    signer.sign("GET", NETSUITE_URL, timestamp: "4102444800")
    # The clock is earlier than the last timestamp: the signer keeps the last one.
    assert_equal "4102444800", signer.sign("GET", NETSUITE_URL).oauth_parameters.to_h["oauth_timestamp"]
    error = assert_raises(OAuth1::InvalidParameter) { signer.sign("GET", NETSUITE_URL, timestamp: "1700000000") }
    assert_match(/never go backwards/, error.message)
    # Off for other profiles unless asked for.
    x = OAuth1::Signer.for_profile("x", "ck", "cs")
    x.sign("GET", "https://api.x.com/2/me", timestamp: "4102444800")
    x.sign("GET", "https://api.x.com/2/me", timestamp: "1700000000")
    monotonic = OAuth1::Signer.for_profile("x", "ck", "cs", monotonic_timestamps: true)
    monotonic.sign("GET", "https://api.x.com/2/me", timestamp: "4102444800")
    assert_raises(OAuth1::InvalidParameter) { monotonic.sign("GET", "https://api.x.com/2/me", timestamp: "1700000000") }
  end

  def test_every_timestamp_of_a_monotonic_signer_is_at_least_the_last
    signer = OAuth1::Signer.for_profile("netsuite", "ck", "cs", account: "1234567", token: "tk", token_secret: "ts")
    last = 0
    50.times do
      timestamp = signer.sign("GET", "https://1234567.suitetalk.api.netsuite.com/r").oauth_parameters.to_h["oauth_timestamp"].to_i
      assert_operator timestamp, :>=, last
      last = timestamp
    end
  end
end
