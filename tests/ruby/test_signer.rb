# frozen_string_literal: true

require_relative "helper"
require "base64"
require "digest"

class TestSigner < Minitest::Test
  def body_hash(body) = Base64.strict_encode64(Digest::SHA1.digest(body))

  def test_standard_request_signature
    signed = Standard.sign
    assert_equal Standard::SIGNATURE, signed.signature
    assert signed.base_string.start_with?("POST&https%3A%2F%2Fapi.example.com%2Fv1%2Frecords%2Fsearch&")
    assert_includes signed.normalized_parameters, "name=John%20Doe"
  end

  def test_prepared_sign_options_are_reusable
    signer = Standard.signer
    options = OAuth1::SignOptions.new(timestamp: 1_700_000_000, nonce: Standard::NONCE)
    2.times do
      assert_equal Standard::SIGNATURE,
                   signer.sign("POST", Standard::URL, body: Standard::BODY, content_type: Standard::FORM,
                                                      options: options).signature
    end
    assert_raises(OAuth1::InvalidParameter) { signer.sign("GET", Standard::URL, options: options, nonce: "x") }
    options.close
  end

  def test_authorization_header_shortcut
    signer = Standard.signer
    assert_equal Standard.sign(signer).authorization_header,
                 signer.authorization_header("POST", Standard::URL, body: Standard::BODY, content_type: Standard::FORM,
                                                                    timestamp: Standard::TIMESTAMP, nonce: Standard::NONCE)
    assert_raises(OAuth1::InvalidURL) { signer.authorization_header("GET", "ftp://x") }
  end

  # RFC 5849 s3.5.1: realm is a header attribute, first, and never signed.
  def test_realm_in_header_only
    signed = Standard.sign
    assert signed.authorization_header.start_with?('OAuth realm="1234567_SB1", oauth_consumer_key="')
    refute_includes signed.base_string, "realm"
    assert_equal({ "Authorization" => signed.authorization_header }, signed.headers)
    refute_includes Standard.sign(Standard.signer(realm: nil)).authorization_header, "realm"
  end

  # RFC 5849 s3.5: the three transmissions of one signature.
  def test_three_transmissions
    signed = Standard.sign
    encoded = "7YW4s%2FRtwCowc9nBLyiBo%2FEfsYqdRKwcZmi%2BE0%2BWDxI%3D"
    assert_includes signed.authorization_header, %(oauth_signature="#{encoded}")
    assert signed.signed_url.start_with?("#{Standard::URL}&oauth_consumer_key=")
    assert signed.signed_url.end_with?("&oauth_signature=#{encoded}")
    assert signed.signed_form_body.start_with?("#{Standard::BODY}&oauth_consumer_key=")
    assert signed.oauth_query.end_with?("oauth_signature=#{encoded}")
    assert_equal ["oauth_consumer_key", Standard::CONSUMER_KEY], signed.oauth_parameters.first
    assert_equal ["oauth_signature", Standard::SIGNATURE], signed.oauth_parameters.last
  end

  # RFC 5849 s3.5.2: only a form body can carry the parameters.
  def test_form_body_transmission_needs_a_form
    signed = Standard.signer.sign("POST", "https://api.example.com/x", body: '{"a":1}', content_type: "application/json")
    assert_raises(OAuth1::InvalidParameter) { signed.signed_form_body }
  end

  %w[HMAC-SHA1 HMAC-SHA256 HMAC-SHA512 PLAINTEXT].each do |method|
    define_method("test_#{method.downcase.tr('-', '_')}_signs_and_verifies") do
      signer = Standard.signer(signature_method: method)
      assert_equal method, signer.signature_method
      signed = signer.sign("GET", "https://api.example.com/r?a=1")
      credentials = OAuth1::Credentials.new
                                       .add_consumer(Standard::CONSUMER_KEY, Standard::CONSUMER_SECRET)
                                       .add_token(Standard::TOKEN, Standard::TOKEN_SECRET, Standard::CONSUMER_KEY)
      verified = OAuth1::Verifier.new(credentials, signature_methods: [method])
                                 .verify("GET", "https://api.example.com/r?a=1", headers: signed.headers)
      assert_equal method, verified.signature_method
    end
  end

  %w[oauth-wiki-testcases-rsa-sha1 rsa-sha256-post-form-with-token rsa-sha512-get-query].each do |id|
    define_method("test_rsa_vector_#{id.tr('-', '_')}") do
      kase = Standard.vector("vectors.json", id)
      o = kase["oauth"]
      r = kase["request"]
      signer = OAuth1::Signer.new(o["consumer_key"], o["consumer_secret"], token: o["token"],
                                                                           token_secret: o["token"] && o["token_secret"].to_s,
                                                                           signature_method: o["signature_method"], rsa_private_key: o["rsa_private_key_pem"],
                                                                           include_version: !o["version"].nil?)
      signed = signer.sign(r["method"], r["url"], body: r["body"], content_type: r["content_type"],
                                                  timestamp: o["timestamp"], nonce: o["nonce"])
      assert_equal kase["expect"]["signature"], signed.signature
    end
  end

  def test_rsa_without_key_is_refused
    assert_raises(OAuth1::InvalidKey) { OAuth1::Signer.new("ck", "cs", signature_method: "RSA-SHA256") }
  end

  # Draft oauth-bodyhash: oauth_body_hash is base64(SHA-1(body)).
  def test_body_hash_booleans
    body = '{"title":"x","done":true}'
    signed = Standard.signer(body_hash: true).sign("PUT", "https://api.example.com/r/1", body: body,
                                                                                         content_type: "application/json")
    assert_includes signed.oauth_parameters, ["oauth_body_hash", body_hash(body)]
    { "always" => true, "off" => false, false => false }.each do |policy, sent|
      signed = Standard.signer(body_hash: policy).sign("PUT", "https://h/r", body: body, content_type: "application/json")
      assert_equal sent, signed.oauth_parameters.map(&:first).include?("oauth_body_hash"), policy.inspect
    end
  end

  def test_body_hash_policies
    json = '{"a":1}'
    signed = Standard.signer(body_hash: "non-form").sign("PUT", "https://h/r", body: json, content_type: "application/json")
    assert_includes signed.oauth_parameters, ["oauth_body_hash", body_hash(json)]
    refute_includes Standard.signer(body_hash: "non-form").sign("GET", "https://h/").oauth_parameters.map(&:first),
                    "oauth_body_hash"
    form = Standard.signer(body_hash: "non-form").sign("POST", "https://h/", body: "a=1", content_type: Standard::FORM)
    refute_includes form.oauth_parameters.map(&:first), "oauth_body_hash"
    assert_includes Standard.signer(body_hash: "always").sign("GET", "https://h/").oauth_parameters,
                    ["oauth_body_hash", body_hash("")]
    assert_raises(OAuth1::InvalidParameter) do
      Standard.signer(body_hash: "always").sign("POST", "https://h/", body: "a=1", content_type: Standard::FORM)
    end
  end

  def test_unknown_body_hash_policy_is_refused
    assert_raises(OAuth1::InvalidParameter) { Standard.signer(body_hash: "sometimes") }
  end

  # Bodies go in with their length: any byte, NUL included, is hashed as sent.
  def test_binary_body_with_nul_bytes
    body = "\x00\xff\x00binary".b
    signed = Standard.signer(body_hash: true).sign("POST", "https://h/upload", body: body,
                                                                               content_type: "application/octet-stream")
    assert_includes signed.oauth_parameters, ["oauth_body_hash", body_hash(body)]
  end

  def test_embedded_nul_is_refused_by_name
    error = assert_raises(OAuth1::InteriorNul) { Standard.signer.sign("GET", "https://h/\0x") }
    assert_equal "url holds a NUL byte, which a C string cannot carry", error.message
    assert_equal "interior_nul", error.kind
    assert_raises(OAuth1::InteriorNul) { OAuth1::Signer.new("ck\0", "cs") }
  end

  def test_strings_go_as_utf8
    latin1 = "caf\xE9".dup.force_encoding(Encoding::ISO_8859_1)
    signed = Standard.signer.sign("GET", "https://h/", extra_oauth_params: { "oauth_x" => latin1 })
    assert_includes signed.oauth_parameters, %w[oauth_x café]
    assert_raises(OAuth1::InvalidUTF8) { OAuth1::Signer.new("ck\xff".b, "cs") }
    assert_raises(TypeError) { OAuth1::Signer.new(:ck, "cs") }
  end

  def test_errors_carry_the_librarys_message_and_code
    error = assert_raises(OAuth1::InvalidURL) { Standard.signer.sign("GET", "ftp://x") }
    assert_kind_of OAuth1::Error, error
    assert_equal 'invalid_url: url "ftp://x": scheme "ftp" is not http or https', error.message
    assert_equal 6, error.code
    assert_equal "invalid_url", error.kind
    error = assert_raises(OAuth1::UnsupportedSignatureMethod) { OAuth1::Signer.new("ck", "cs", signature_method: "hmac-sha1") }
    assert_includes error.message, "hmac-sha1"
  end

  # RFC 5849 s3.1: PLAINTEXT may omit timestamp and nonce; fresh ones otherwise.
  def test_generated_and_omitted_parameters
    fresh = Standard.signer.sign("GET", "https://h/").oauth_parameters.to_h
    assert_match(/\A[0-9]+\z/, fresh["oauth_timestamp"])
    assert_match(/\A[A-Za-z0-9]{32}\z/, fresh["oauth_nonce"])
    omitted = Standard.signer(signature_method: "PLAINTEXT").sign("GET", "https://h/", timestamp: OAuth1::OMIT,
                                                                                       nonce: OAuth1::OMIT)
    refute_includes omitted.oauth_parameters.map(&:first), "oauth_timestamp"
    refute_includes omitted.oauth_parameters.map(&:first), "oauth_nonce"
    short = Standard.signer(nonce_length: 8, nonce_alphabet: "ab").sign("GET", "https://h/").oauth_parameters.to_h
    assert_match(/\A[ab]{8}\z/, short["oauth_nonce"])
  end

  def test_callback_verifier_and_extra_parameters
    signed = Standard.signer.sign("POST", "https://h/t", callback: "https://c/cb?x=1", verifier: "v 1",
                                                         extra_oauth_params: { oauth_session_handle: "sh/1" })
    parameters = signed.oauth_parameters.to_h
    assert_equal "https://c/cb?x=1", parameters["oauth_callback"]
    assert_equal "v 1", parameters["oauth_verifier"]
    assert_equal "sh/1", parameters["oauth_session_handle"]
    assert_raises(OAuth1::InvalidParameter) do
      Standard.signer.sign("GET", "https://h/", extra_oauth_params: { "oauth_signature" => "x" })
    end
  end

  def test_accessors_and_with_token
    consumer = OAuth1::Signer.new("ck", "cs", signature_method: "HMAC-SHA512", realm: "r")
    assert_equal "ck", consumer.consumer_key
    assert_nil consumer.token
    assert_equal "r", consumer.realm
    with_token = consumer.with_token("tk", "ts")
    assert_equal "tk", with_token.token
    assert_equal "HMAC-SHA512", with_token.signature_method
    assert_nil consumer.token
    assert_nil OAuth1::Signer.new("ck").realm
    refute_includes consumer.inspect, "cs"
  end

  def test_token_secret_without_token_is_refused
    assert_raises(OAuth1::InvalidParameter) { OAuth1::Signer.new("ck", "cs", token_secret: "ts") }
  end

  # Handles: close frees now, twice is harmless, use after close is an IOError.
  def test_close_frees_and_is_idempotent
    signer = Standard.signer
    signed = Standard.sign(signer)
    2.times { signed.close }
    2.times { signer.close }
    assert_raises(IOError) { signer.sign("GET", "https://h/") }
    assert_raises(IOError) { signed.signature }
  end

  # Finalizers: handles left to the garbage collector are freed by it.
  def test_collected_handles_are_freed
    freed = 0
    release = OAuth1::Native.method(:oauth1_signed_free)
    counting = ->(pointer) { freed += 1; release.call(pointer) } # rubocop:disable Style/Semicolon
    signer = Standard.signer
    100.times do
      slot = FFI::MemoryPointer.new(:pointer)
      OAuth1::Native.check(OAuth1::Native.oauth1_signer_sign(signer.send(:handle), "GET", "https://h/", nil, 0, nil,
                                                             nil, slot))
      FFI::AutoPointer.new(slot.read_pointer, counting)
    end
    GC.start(full_mark: true, immediate_sweep: true)
    assert_operator freed, :>, 0
  end
end
