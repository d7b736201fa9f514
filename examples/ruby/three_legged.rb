# frozen_string_literal: true

# The whole OAuth 1.0a flow (RFC 5849 s2) against a provider, signing with
# the Ruby binding of liboauth1 and sending with Net::HTTP (through
# OAuth1::NetHTTP.sign! where the request is signed as sent). Each step is
# printed by name with what was sent and what came back.
#
#   ruby examples/ruby/three_legged.rb BASE_URL
#
# BASE_URL is the provider's, e.g. the first line `oauth1 serve --port 0
# --auto-approve` prints. The consumer's credentials come from
# OAUTH1_CONSUMER_KEY and OAUTH1_CONSUMER_SECRET (the local provider's demo
# consumer when unset). The provider must approve on its own (auto-approve).
#
# Exit status 0 only when every step succeeded.

$LOAD_PATH.unshift(File.expand_path("../../bindings/ruby/lib", __dir__))
require "json"
require "net/http"
require "oauth1"

FORM = "application/x-www-form-urlencoded"
STEPS = 8

# A step got something other than what the flow needs.
class StepFailed < StandardError; end

# The consumer's side of the flow.
class Flow
  attr_reader :passed

  def initialize(base_url, consumer_key, consumer_secret)
    @base_url = base_url.chomp("/")
    @consumer_key = consumer_key
    @consumer_secret = consumer_secret
    @consumer = OAuth1::Signer.new(consumer_key, consumer_secret)
    @passed = 0
  end

  def step(name) = puts("\n== #{name} ==")

  def ok
    puts "  ok"
    @passed += 1
  end

  REQUESTS = { "GET" => Net::HTTP::Get, "POST" => Net::HTTP::Post, "PUT" => Net::HTTP::Put }.freeze

  # Sends one request; signer: signs it as sent (NetHTTP.sign!), signed: a SignedRequest made beforehand.
  def send_request(method, url, signer: nil, signed: nil, body: nil, content_type: nil, expected: 200)
    uri = URI(url)
    request = REQUESTS.fetch(method).new(uri)
    request.body = body
    request.content_type = content_type if content_type
    request["Authorization"] = signed.authorization_header if signed
    OAuth1::NetHTTP.sign!(request, signer) if signer
    puts "  sent:     #{method} #{url}"
    %w[Authorization Content-Type].each { |name| puts "            #{name}: #{request[name]}" if request[name] }
    puts "            #{body}" if body
    http = Net::HTTP.new(uri.host, uri.port, nil) # loopback: never a proxy
    http.open_timeout = http.read_timeout = 10
    response = http.start { http.request(request) }
    puts "  received: HTTP #{response.code}"
    puts "            Location: #{response['Location']}" if response["Location"]
    puts "            #{response.body}" unless response.body.to_s.empty?
    raise StepFailed, "expected HTTP #{expected}, got #{response.code}" unless response.code.to_i == expected

    response
  end

  def json(response)
    value = JSON.parse(response.body)
    raise StepFailed, "the answer is not a JSON object" unless value.is_a?(Hash)

    value
  end

  def run
    step "1. request token"
    url = "#{@base_url}/oauth/request_token"
    callback = "#{@base_url}/callback"
    puts "  oauth_callback: #{callback}"
    answer = send_request("POST", url, signed: @consumer.request_token_request(url, callback: callback))
    issued = OAuth1.parse_token_response(answer.body, require_callback_confirmed: true)
    ok

    step "2. user authorization"
    authorize = OAuth1.authorization_url("#{@base_url}/oauth/authorize", issued.token)
    location = send_request("GET", authorize, expected: 302)["Location"]
    raise StepFailed, "no redirect to the callback" if location.nil?

    ok

    step "3. callback with verifier"
    puts "  callback: #{location}"
    # With the request token: a callback naming another one is refused.
    params = OAuth1.parse_callback(location, request_token: issued.token)
    puts "  oauth_token=#{params.token} oauth_verifier=#{params.verifier}"
    ok

    step "4. access token"
    url = "#{@base_url}/oauth/access_token"
    with_request_token = @consumer.with_token(issued.token, issued.token_secret)
    answer = send_request("POST", url, signed: with_request_token.access_token_request(url, verifier: params.verifier))
    access = OAuth1.parse_token_response(answer.body)
    signer = @consumer.with_token(access.token, access.token_secret)
    ok

    step "5. GET with query"
    me_url = "#{@base_url}/api/me?fields=name%2Cemail&lang=en"
    me_signed = signer.sign("GET", me_url)
    answer = send_request("GET", me_url, signed: me_signed)
    raise StepFailed, "the provider did not see the query" unless json(answer).dig("query", "fields") == "name,email"

    ok

    step "6. POST with form (signed by OAuth1::NetHTTP.sign!)"
    answer = send_request("POST", "#{@base_url}/api/records", signer: signer,
                                                             body: "title=Hello+from+Ruby&tags=demo%2Cruby", content_type: FORM, expected: 201)
    record_id = json(answer)["id"]
    raise StepFailed, "no record id in the answer" unless record_id.is_a?(Integer)

    ok

    step "7. PUT with JSON + body hash (signed by OAuth1::NetHTTP.sign!)"
    # The same credentials, adding oauth_body_hash: a JSON body is signed through it.
    hashing = OAuth1::Signer.new(@consumer_key, @consumer_secret, token: access.token,
                                                                  token_secret: access.token_secret, body_hash: true)
    send_request("PUT", "#{@base_url}/api/records/#{record_id}", signer: hashing,
                                                                 body: '{"title":"Hello again from Ruby","done":true}', content_type: "application/json")
    ok

    step "8. replayed GET is refused"
    puts "  the request of step 5 again, same nonce and signature:"
    answer = send_request("GET", me_url, signed: me_signed, expected: 401)
    problem = answer.body.split("&").first
    raise StepFailed, "expected oauth_problem=nonce_used, got #{problem}" unless problem == "oauth_problem=nonce_used"

    puts "  WWW-Authenticate: #{answer['WWW-Authenticate']}"
    ok
  end
end

base_url = ARGV[0] || ENV.fetch("OAUTH1_PROVIDER", nil)
if base_url.nil?
  warn "usage: ruby examples/ruby/three_legged.rb BASE_URL (e.g. http://127.0.0.1:8080)"
  exit 2
end
flow = Flow.new(base_url, ENV.fetch("OAUTH1_CONSUMER_KEY", "demo-consumer"),
                ENV.fetch("OAUTH1_CONSUMER_SECRET", "demo-consumer-secret"))
puts "Ruby client (liboauth1 #{OAuth1.library_version}, Ruby #{RUBY_VERSION}, ffi #{FFI::VERSION}) against #{base_url}"
failed = 0
begin
  flow.run
rescue StepFailed, OAuth1::Error, SystemCallError, Net::HTTPBadResponse, Timeout::Error => e
  puts "  FAILED: #{e.message}"
  failed = 1
end
puts "\nRuby flow: #{flow.passed} passed, #{failed} failed"
exit(failed.zero? && flow.passed == STEPS ? 0 : 1)
