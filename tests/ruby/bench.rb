# frozen_string_literal: true

# `make bench-ruby`: signs the project's standard request (POST, query + form
# body, realm, fixed timestamp and nonce; the one of `make bench`) through
# the Ruby binding and, in the same run and round by round, with the oauth
# gem (Debian ruby-oauth: OAuth::Client::Helper#header over a Net::HTTP
# request) and simple_oauth (Debian ruby-simple-oauth: SimpleOAuth::Header,
# the body parsed with URI.decode_www_form as its API needs), and through the
# C API (tests/c/sign_median.c, a process run between the rounds). Both gems
# know HMAC-SHA1 only, so they are compared with the binding signing
# HMAC-SHA1; the standard HMAC-SHA256 figure is the ratio to C. Prints each
# median, the ratios, and what one FFI call costs from Ruby. Prints only:
# timings are asserted nowhere.
#
#   ruby tests/ruby/bench.rb C_SIGN_MEDIAN

$LOAD_PATH.unshift(File.expand_path("../../bindings/ruby/lib", __dir__))
require "oauth1"
require "oauth"
require "oauth/client/net_http"
require "simple_oauth"
require "net/http"

URL = "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait"
BODY = "status=active&tags=a%2Cb&name=John+Doe"
FORM = "application/x-www-form-urlencoded"
CK = "ck_5f4dcc3b5aa765d61d8327deb882cf99"
CS = "cs_2c26b46b68ffc68ff99b453c1d30413413422d706"
TK = "tk_6b86b273ff34fce19d6b804eff5a3f57"
TS = "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b"
TIMESTAMP = "1700000000"
NONCE = "kllo9940pd9333jh"
SIGNATURE_SHA256 = "7YW4s%2FRtwCowc9nBLyiBo%2FEfsYqdRKwcZmi%2BE0%2BWDxI%3D"
ROUNDS = 15
ITERS = 5_000

def round_ns(iters)
  start = Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond)
  iters.times { yield }
  (Process.clock_gettime(Process::CLOCK_MONOTONIC, :nanosecond) - start).fdiv(iters)
end

def median(xs) = xs.sort[xs.size / 2]

def gem_version(name)
  Gem::Specification.find_by_name(name).version.to_s
rescue Gem::MissingSpecError
  "?"
end

c_program = ARGV[0]
unless c_program && File.executable?(c_program)
  warn "usage: ruby tests/ruby/bench.rb C_SIGN_MEDIAN"
  exit 2
end

options = OAuth1::SignOptions.new(timestamp: TIMESTAMP, nonce: NONCE)
sha256 = OAuth1::Signer.new(CK, CS, token: TK, token_secret: TS, signature_method: "HMAC-SHA256", realm: "1234567_SB1")
sha1 = OAuth1::Signer.new(CK, CS, token: TK, token_secret: TS, signature_method: "HMAC-SHA1", realm: "1234567_SB1")
ours = -> { sha256.sign("POST", URL, body: BODY, content_type: FORM, options: options).authorization_header }
ours_per_call = lambda do
  sha256.sign("POST", URL, body: BODY, content_type: FORM, timestamp: TIMESTAMP, nonce: NONCE).authorization_header
end
ours_header = -> { sha256.authorization_header("POST", URL, body: BODY, content_type: FORM, options: options) }
ours_sha1 = -> { sha1.sign("POST", URL, body: BODY, content_type: FORM, options: options).authorization_header }

consumer = OAuth::Consumer.new(CK, CS)
token = OAuth::AccessToken.new(consumer, TK, TS)
oauth_gem = lambda do
  request = Net::HTTP::Post.new(URI(URL))
  request.body = BODY
  request.content_type = FORM
  OAuth::Client::Helper.new(request, consumer: consumer, token: token, request_uri: URL, realm: "1234567_SB1",
                                     timestamp: TIMESTAMP, nonce: NONCE).header
end
simple_oauth = lambda do
  SimpleOAuth::Header.new("POST", URL, URI.decode_www_form(BODY),
                          consumer_key: CK, consumer_secret: CS, token: TK, token_secret: TS,
                          timestamp: TIMESTAMP, nonce: NONCE).to_s
end
# One FFI call with next to no work in the library: what crossing costs.
crossing = -> { OAuth1::Native.oauth1_last_error_message(nil, 0) }

# Same request, same answer: the comparison is fair.
sha1_signature = sha1.sign("POST", URL, body: BODY, content_type: FORM, options: options).oauth_parameters.to_h["oauth_signature"]
encoded_sha1 = URI.encode_www_form_component(sha1_signature)
{ "binding" => [ours.call, SIGNATURE_SHA256], "binding per-call" => [ours_per_call.call, SIGNATURE_SHA256],
  "binding header" => [ours_header.call, SIGNATURE_SHA256],
  "oauth gem" => [oauth_gem.call, encoded_sha1], "simple_oauth" => [simple_oauth.call, encoded_sha1] }.each do |who, (header, want)|
  next if header.include?(%(oauth_signature="#{want}"))

  warn "#{who} gave another signature: #{header}"
  exit 1
end

contenders = { ours: [ours, ITERS * 4], header: [ours_header, ITERS * 4], per_call: [ours_per_call, ITERS * 4], ours_sha1: [ours_sha1, ITERS * 4],
               oauth_gem: [oauth_gem, ITERS], simple_oauth: [simple_oauth, ITERS], crossing: [crossing, ITERS * 20] }
contenders.each_value { |f, iters| round_ns(iters / 10) { f.call } } # warm up
samples = Hash.new { |h, k| h[k] = [] }
ROUNDS.times do
  contenders.each { |name, (f, iters)| samples[name] << round_ns(iters) { f.call } }
  c = `#{c_program} 1`.strip
  abort "#{c_program} printed no figure" unless c.match?(/\A[0-9.]+\z/)
  samples[:c] << c.to_f
end
m = samples.transform_values { |xs| median(xs) }

row = ->(who, what, ns, ratio = nil) { puts format("  %-40s %-52s median %8.0f ns%s", who, what, ns, ratio ? format("  (%.1fx C)", ratio) : "") }
puts "ruby bench: standard request (POST, query + form body, realm), fixed nonce and timestamp; Ruby #{RUBY_VERSION}, ffi #{FFI::VERSION}"
row.call("liboauth1 #{OAuth1.library_version} C API (same run)", "HMAC-SHA256: oauth1_signer_sign + header + free", m[:c])
row.call("liboauth1 Ruby binding", "HMAC-SHA256: sign(options: prepared).authorization_header", m[:ours], m[:ours] / m[:c])
row.call("liboauth1 Ruby binding", "HMAC-SHA256: authorization_header(options: prepared)", m[:header], m[:header] / m[:c])
row.call("liboauth1 Ruby binding", "HMAC-SHA256: sign(timestamp:, nonce:).authorization_header", m[:per_call], m[:per_call] / m[:c])
row.call("liboauth1 Ruby binding", "HMAC-SHA1: sign(options: prepared).authorization_header", m[:ours_sha1])
row.call("oauth gem #{gem_version('oauth')}", "HMAC-SHA1: Net::HTTP request + Client::Helper#header", m[:oauth_gem])
row.call("simple_oauth #{gem_version('simple_oauth')}", "HMAC-SHA1: decode_www_form + Header#to_s", m[:simple_oauth])
row.call("one FFI call from Ruby", "oauth1_last_error_message(NULL, 0)", m[:crossing])
overhead = m[:ours] - m[:c]
puts format(
  "ruby bench: the binding signs in %.2f µs, %.1fx the C API's %.2f µs; with HMAC-SHA1 it is %.1fx faster than the oauth gem " \
  "(%.1f µs) and %.1fx faster than simple_oauth (%.1f µs); the binding's own cost is %.2f µs (%.0f%% of its time): " \
  "4 FFI calls (sign, header, string_free, signed_free) at ~%.0f ns each = %.2f µs; the SignedRequest's " \
  "AutoPointer (a finalizer registered, then run) costs %.2f µs more than Signer#authorization_header, which frees " \
  "at once; the rest is Ruby: keyword arguments, argument checks, copying the header out",
  m[:ours] / 1000, m[:ours] / m[:c], m[:c] / 1000, m[:oauth_gem] / m[:ours_sha1], m[:oauth_gem] / 1000,
  m[:simple_oauth] / m[:ours_sha1], m[:simple_oauth] / 1000, overhead / 1000, 100 * overhead / m[:ours],
  m[:crossing], 4 * m[:crossing] / 1000, (m[:ours] - m[:header]) / 1000
)
