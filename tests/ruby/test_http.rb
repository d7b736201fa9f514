# frozen_string_literal: true

require_relative "helper"
require "oauth1/faraday"

# The Net::HTTP helper and the Faraday middleware: what they send verifies.
class TestHTTP < Minitest::Test
  def signer(**options) = OAuth1::Signer.new("ck", "cs", token: "tk", token_secret: "ts", **options)

  def verifier
    credentials = OAuth1::Credentials.new.add_consumer("ck", "cs").add_token("tk", "ts", "ck")
    OAuth1::Verifier.new(credentials)
  end

  def test_net_http_form_post
    uri = URI("https://api.example.com/records?x=1")
    request = Net::HTTP::Post.new(uri)
    request.set_form_data("title" => "Hello world", "tags" => "a,b")
    header = OAuth1::NetHTTP.sign!(request, signer)
    assert_equal header, request["Authorization"]
    assert header.start_with?('OAuth oauth_consumer_key="ck", oauth_token="tk", ')
    verified = verifier.verify("POST", uri.to_s, headers: request.each_header.to_a, body: request.body)
    assert_equal "tk", verified.token
  end

  def test_net_http_json_with_body_hash
    request = Net::HTTP::Put.new("/records/1")
    request.body = '{"done":true}'
    request.content_type = "application/json"
    OAuth1::NetHTTP.sign!(request, signer(body_hash: true), url: "https://api.example.com/records/1")
    assert_includes request["Authorization"], 'oauth_body_hash="'
    verifier.verify("PUT", "https://api.example.com/records/1", headers: request.each_header.to_a, body: request.body)
    assert_raises(OAuth1::InvalidParameter) { OAuth1::NetHTTP.sign!(Net::HTTP::Get.new("/x"), signer) }
  end

  def faraday(middleware_args, &stubs)
    sent = []
    Faraday.new("https://api.example.com") do |f|
      f.request :url_encoded
      f.request :oauth1, *middleware_args
      f.adapter(:test) do |stub|
        stubs.call(stub, sent)
      end
    end.then { |conn| [conn, sent] }
  end

  %i[header query body].each do |transmission|
    define_method("test_faraday_#{transmission}_transmission_verifies") do
      conn, sent = faraday([signer, { transmission: transmission }]) do |stub, log| # as `f.request :oauth1, signer, transmission: ...`
        stub.post(%r{/records}) { |env| log << env.dup; [201, {}, ""] }
      end
      conn.post("/records?x=1", { "title" => "Hello world", "tags" => "a,b" })
      env = sent.first
      verified = verifier.verify("POST", env.url.to_s, headers: env.request_headers, body: env.body)
      assert_equal transmission.to_s, verified.parameter_location
    end
  end

  def test_faraday_per_request_signer_or_none
    consumer = OAuth1::Signer.new("ck", "cs")
    conn, sent = faraday([consumer]) do |stub, log|
      stub.get(%r{/}) { |env| log << env.dup; [200, {}, ""] }
    end
    conn.get("/a") { |req| req.options.context = { oauth1: false } }
    conn.get("/b") { |req| req.options.context = { oauth1: consumer.with_token("tk", "ts") } }
    assert_nil sent[0].request_headers["Authorization"]
    assert_includes sent[1].request_headers["Authorization"], 'oauth_token="tk"'
  end

  def test_faraday_unknown_transmission_is_refused
    assert_raises(OAuth1::InvalidParameter) { OAuth1::FaradayMiddleware.new(nil, signer, transmission: :cookie) }
  end
end
