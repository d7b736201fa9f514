# frozen_string_literal: true

require_relative "helper"

# A provider receiving requests (tests/conformance/VERIFY.md).
class TestVerifier < Minitest::Test
  NOW = 1_700_000_000

  def signed(nonce = Standard::NONCE) = Standard.sign(timestamp: NOW, nonce: nonce)

  def verify_standard(verifier, headers)
    verifier.verify("POST", Standard::URL, headers: headers, body: Standard::BODY, content_type: Standard::FORM)
  end

  def test_accepts_the_standard_request
    verified = verify_standard(Standard.provider, signed.headers)
    assert_equal Standard::CONSUMER_KEY, verified.consumer_key
    assert_equal Standard::TOKEN, verified.token
    assert_equal "HMAC-SHA256", verified.signature_method
    assert_equal "1234567_SB1", verified.realm
    assert_equal Standard::NONCE, verified.nonce
    assert_equal NOW, verified.timestamp
    assert_equal "header", verified.parameter_location
    assert_equal "1.0", verified["oauth_version"]
    refute_includes verified.oauth_parameters.map(&:first), "oauth_signature"
  end

  # RFC 5849 s3.5.2 and s3.5.3: parameters in the form body or the query.
  def test_accepts_body_and_query_transmissions
    verifier = Standard.provider
    body = signed("n-body").signed_form_body
    assert_equal "body", verifier.verify("POST", Standard::URL, body: body, content_type: Standard::FORM).parameter_location
    url = signed("n-query").signed_url
    assert_equal "query",
                 verifier.verify("POST", url, body: Standard::BODY, content_type: Standard::FORM).parameter_location
    header = signed("n-auth").authorization_header
    assert_equal "header", verifier.verify_authorization("POST", Standard::URL, header, body: Standard::BODY,
                                                                                        content_type: Standard::FORM).parameter_location
  end

  # RFC 5849 s3.3: a nonce is used once.
  def test_replay_is_refused_with_nonce_used
    nonces = OAuth1::MemoryNonceStore.new
    verifier = Standard.provider(nonce_store: nonces)
    headers = signed.headers
    verify_standard(verifier, headers)
    assert nonces.include?(Standard::CONSUMER_KEY, Standard::TOKEN, NOW, Standard::NONCE)
    assert_equal 1, nonces.size
    error = assert_raises(OAuth1::VerificationError) { verify_standard(verifier, headers) }
    assert_equal "nonce_used", error.problem
    assert_equal "verification_failed", error.kind
    assert_equal 401, error.status
    assert_equal "oauth_problem=nonce_used", error.body
    assert_empty error.parameters
    assert_nil error.acceptable_timestamps
    assert_equal 'OAuth realm="api.example.com"', error.www_authenticate("api.example.com")
    refute_empty error.message
    error.close
  end

  def test_tampered_request_is_refused_and_burns_no_nonce
    nonces = OAuth1::MemoryNonceStore.new
    verifier = Standard.provider(nonce_store: nonces)
    error = assert_raises(OAuth1::VerificationError) do
      verifier.verify("POST", Standard::URL, headers: signed.headers, body: "status=deleted", content_type: Standard::FORM)
    end
    assert_equal "signature_invalid", error.problem
    assert_equal 0, nonces.size
  end

  # RFC 5849 s3.3: a timestamp outside the window; the acceptable range is reported.
  def test_old_timestamp_is_refused
    old = Standard.signer.sign("GET", "https://api.example.com/x", timestamp: NOW - 1000)
    error = assert_raises(OAuth1::VerificationError) do
      Standard.provider.verify("GET", "https://api.example.com/x", headers: old.headers)
    end
    assert_equal "timestamp_refused", error.problem
    assert_equal((NOW - 300)..(NOW + 300), error.acceptable_timestamps)
  end

  def test_missing_parameters_are_named
    error = assert_raises(OAuth1::VerificationError) do
      Standard.provider.verify("GET", "https://api.example.com/x",
                               headers: { "Authorization" => 'OAuth oauth_consumer_key="ck"' })
    end
    assert_equal "parameter_absent", error.problem
    assert_equal 400, error.status
    assert_includes error.parameters, "oauth_signature"
  end

  def test_signature_method_settings
    verifier = OAuth1::Verifier.new(OAuth1::Credentials.new, signature_methods: ["HMAC-SHA256"], timestamp_window: 60,
                                                             now: 5)
    assert verifier.allowed?("HMAC-SHA256")
    refute verifier.allowed?("HMAC-SHA1")
    verifier.allow_signature_method("PLAINTEXT")
    assert verifier.allowed?("PLAINTEXT")
    assert_equal 5, verifier.now
    assert_equal 60, verifier.timestamp_window
    assert_operator verifier.use_system_clock.now, :>, 1_700_000_000
    refute OAuth1::Verifier.new(OAuth1::Credentials.new).allowed?("PLAINTEXT")
    assert_raises(OAuth1::UnsupportedSignatureMethod) do
      OAuth1::Verifier.new(OAuth1::Credentials.new, signature_methods: ["HMAC-MD5"])
    end
  end

  def test_credentials_table
    credentials = OAuth1::Credentials.new
    credentials.add_consumer("a", "sa").add_consumer("b", nil, rsa_public_key: Standard.rsa_public_key)
    credentials.add_token("t", "st", "a")
    assert_equal 2, credentials.consumer_count
    assert_equal 1, credentials.token_count
    assert credentials.remove_token("t")
    refute credentials.remove_token("t")
    assert credentials.remove_consumer("b")
    refute credentials.remove_consumer("b")
    assert_raises(OAuth1::InvalidKey) do
      credentials.add_consumer("c", nil, rsa_public_key: "-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n")
    end
    credentials.close
  end

  def test_rsa_signed_request_verifies
    pem = Standard.vector("vectors.json", "rsa-sha256-post-form-with-token")["oauth"]["rsa_private_key_pem"]
    signer = OAuth1::Signer.new("ck-rsa", signature_method: "RSA-SHA256", rsa_private_key: pem)
    credentials = OAuth1::Credentials.new.add_consumer("ck-rsa", nil, rsa_public_key: Standard.rsa_public_key)
    signed = signer.sign("GET", "https://api.example.com/r")
    assert_equal "RSA-SHA256",
                 OAuth1::Verifier.new(credentials).verify("GET", "https://api.example.com/r", headers: signed.headers)
                                 .signature_method
  end

  def test_nonce_store_seeding_and_expiry
    nonces = OAuth1::MemoryNonceStore.new
    assert nonces.check_and_record("ck", "", 100, "n", now: 100, window: 300)
    refute nonces.check_and_record("ck", "", 100, "n", now: 100, window: 300)
    assert nonces.include?("ck", "", 100, "n")
    nonces.forget_expired(now: 1000, window: 300)
    assert_equal 0, nonces.size
    assert_raises(OAuth1::InvalidParameter) { nonces.check_and_record("ck", "", -1, "n", now: 100, window: 300) }
  end

  # Behind a proxy: the URL the client signed, from the target and Host (X-Forwarded-* only when trusted).
  def test_received_url
    headers = { "Host" => "api.example.com", "X-Forwarded-Proto" => "https" }
    assert_equal "http://api.example.com/r?a=1", OAuth1.received_url("/r?a=1", headers)
    assert_equal "https://api.example.com/r?a=1", OAuth1.received_url("/r?a=1", headers, trust_proxy_headers: true)
    assert_raises(OAuth1::InvalidURL) { OAuth1.received_url("/r", {}) }
  end

  def test_header_values_as_lists_and_pairs
    header = signed.authorization_header
    verified = verify_standard(Standard.provider, { "authorization" => [header], "Accept" => %w[a b] })
    assert_equal Standard::TOKEN, verified.token
    verified = verify_standard(Standard.provider, [["Accept", "x"], ["Authorization", signed("n2").authorization_header]])
    assert_equal Standard::TOKEN, verified.token
  end
end
