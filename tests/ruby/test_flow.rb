# frozen_string_literal: true

require_relative "helper"

# The token-flow helpers (RFC 5849 s2).
class TestFlow < Minitest::Test
  # RFC 5849 s2.2: oauth_token added to the authorize URL's query.
  def test_authorization_url
    assert_equal "https://p/authorize?oauth_token=rt%2F1", OAuth1.authorization_url("https://p/authorize", "rt/1")
    assert_equal "https://p/authorize?x=1&oauth_token=rt", OAuth1.authorization_url("https://p/authorize?x=1", "rt")
  end

  # RFC 5849 s2.2: the callback carries oauth_token and oauth_verifier.
  def test_parse_callback
    callback = OAuth1.parse_callback("https://c/cb?oauth_token=rt&oauth_verifier=v%201")
    assert_equal "rt", callback.token
    assert_equal "v 1", callback.verifier
    assert_equal "v", OAuth1.parse_callback("oauth_token=rt&oauth_verifier=v").verifier
    error = assert_raises(OAuth1::InvalidResponse) { OAuth1.parse_callback("https://c/cb?oauth_token=rt") }
    assert_includes error.message, "oauth_verifier"
  end

  # The callback must name the request token the consumer is waiting for.
  def test_parse_callback_for_the_request_token
    assert_equal "v", OAuth1.parse_callback("oauth_token=rt&oauth_verifier=v", request_token: "rt").verifier
    assert_raises(OAuth1::InvalidResponse) do
      OAuth1.parse_callback("oauth_token=other&oauth_verifier=v", request_token: "rt")
    end
  end

  # RFC 5849 s2.1 and s2.3: token responses; oauth_callback_confirmed required for the request token.
  def test_parse_token_response
    response = OAuth1.parse_token_response("oauth_token=at&oauth_token_secret=s%2B1&oauth_session_handle=sh&user_id=7")
    assert_equal "at", response.token
    assert_equal "s+1", response.token_secret
    assert_nil response.callback_confirmed
    assert_equal [%w[oauth_session_handle sh], %w[user_id 7]], response.extra
    assert_equal "sh", response["oauth_session_handle"]
    assert_nil response["nothing"]
    refute_includes response.inspect, "s+1"
    confirmed = OAuth1.parse_token_response("oauth_token=rt&oauth_token_secret=s&oauth_callback_confirmed=true",
                                            require_callback_confirmed: true)
    assert_equal true, confirmed.callback_confirmed
    assert_raises(OAuth1::InvalidResponse) do
      OAuth1.parse_token_response("oauth_token=rt&oauth_token_secret=s", require_callback_confirmed: true)
    end
  end

  def test_request_and_access_token_requests
    consumer = OAuth1::Signer.new("ck", "cs")
    assert_equal "oob", consumer.request_token_request("https://p/request_token").oauth_parameters.to_h["oauth_callback"]
    assert_equal "https://c/cb",
                 consumer.request_token_request("https://p/rt", callback: "https://c/cb").oauth_parameters.to_h["oauth_callback"]
    access = consumer.with_token("rt", "rs").access_token_request("https://p/access_token", verifier: "v1")
    assert_equal "v1", access.oauth_parameters.to_h["oauth_verifier"]
    assert_equal "rt", access.oauth_parameters.to_h["oauth_token"]
    assert access.base_string.start_with?("POST&")
    assert_raises(OAuth1::InvalidParameter) { consumer.access_token_request("https://p/access_token", verifier: "v1") }
  end

  def test_versions
    assert_match(/\A\d+\.\d+\.\d+/, OAuth1.library_version)
    cargo = File.read(File.expand_path("../../Cargo.toml", __dir__))[/^version = "([^"]+)"/, 1]
    assert_equal cargo, OAuth1::VERSION, "bindings/ruby/lib/oauth1/version.rb must follow Cargo.toml"
  end
end
