# frozen_string_literal: true

# The Ruby conformance runner: every case of the conformance files found in a
# folder, through the Ruby binding (bindings/ruby) as a user would call it.
# Prints, per file, "ruby vectors.json: N passed, M failed", then each
# failure's case id and the first field that differs; exits 1 on any failure
# and 2 when the folder holds none of the files it knows. A case it cannot run
# (unreadable, unknown shape) is a failure; nothing is skipped silently.
#
#   ruby tests/ruby/conformance.rb [DIR]   (default: CONFORMANCE_DIR, then tests/conformance/vectors)
#
# The same case handling as tests/python/conformance.py and tests/c/conformance.c.

$LOAD_PATH.unshift(File.expand_path("../../bindings/ruby/lib", __dir__))
require "json"
require "oauth1"

# The case itself is malformed: it cannot be run.
class CaseError < StandardError; end

module Conformance
  module_function

  def type_name(value)
    case value
    when String then "string"
    when Integer then "int"
    when true, false then "bool"
    when nil then "null"
    when Hash then "object"
    when Array then "list"
    else value.class.name
    end
  end

  def field(block, name, types, block_name)
    raise CaseError, "#{block_name} is not an object" unless block.is_a?(Hash)
    raise CaseError, "#{block_name}.#{name} is missing" unless block.key?(name)

    value = block[name]
    raise CaseError, "#{block_name}.#{name} has type #{type_name(value)}" unless types.include?(type_name(value))

    value
  end

  def optional(block, name, types, block_name)
    block.key?(name) ? field(block, name, types, block_name) : nil
  end

  # Signs a signing case's input through the binding, as a user would.
  def sign_case(kase)
    request = kase["request"]
    o = kase["oauth"]
    raise CaseError, "request is missing or not an object" unless request.is_a?(Hash)
    raise CaseError, "oauth is missing or not an object" unless o.is_a?(Hash)

    opt = ->(name) { o[name].nil? ? nil : field(o, name, ["string"], "oauth") }
    extra = o["extra_oauth_params"] || {}
    unless extra.is_a?(Hash) && extra.values.all?(String)
      raise CaseError, "oauth.extra_oauth_params is not an object of strings"
    end

    token = opt.call("token")
    signer = OAuth1::Signer.new(
      field(o, "consumer_key", ["string"], "oauth"),
      field(o, "consumer_secret", ["string"], "oauth"),
      token: token,
      token_secret: token.nil? ? nil : (opt.call("token_secret") || ""),
      signature_method: field(o, "signature_method", ["string"], "oauth"),
      realm: opt.call("realm"),
      rsa_private_key: opt.call("rsa_private_key_pem"),
      include_version: !opt.call("version").nil?,
      body_hash: o.fetch("body_hash", false) ? true : false,
    )
    signer.sign(
      field(request, "method", ["string"], "request"),
      field(request, "url", ["string"], "request"),
      body: optional(request, "body", %w[string null], "request"),
      content_type: optional(request, "content_type", %w[string null], "request"),
      timestamp: opt.call("timestamp") || OAuth1::OMIT,
      nonce: opt.call("nonce") || OAuth1::OMIT,
      callback: opt.call("callback"),
      verifier: opt.call("verifier"),
      extra_oauth_params: extra,
    )
  end

  def expect_field(kase, name)
    field(kase["expect"], name, ["string"], "expect")
  end

  def check_vector(kase)
    signed = begin
      sign_case(kase)
    rescue OAuth1::Error => e
      return "refused: #{e.kind}: #{e.message}"
    end
    %w[normalized_parameters base_string signature].each do |name|
      want = expect_field(kase, name)
      got = signed.public_send(name)
      return "#{name}: expected #{want.inspect}, got #{got.inspect}" unless got == want
    end
    nil
  end

  def check_error(kase)
    want = expect_field(kase, "error")
    signed = begin
      sign_case(kase)
    rescue OAuth1::Error => e
      return e.kind == want ? nil : "error: expected #{want}, got #{e.kind}: #{e.message}"
    end
    "error: expected #{want}, got a signature #{signed.signature.inspect}"
  end

  # The provider of a `provider` block (VERIFY.md, "Provider model"). Method
  # names the library does not know are left out of the allowed list, as in
  # the Rust runner: no request can use them anyway.
  def build_provider(block)
    now = field(block, "now", ["int"], "provider")
    window = field(block, "timestamp_window", ["int"], "provider")
    credentials = OAuth1::Credentials.new
    field(block, "consumers", ["object"], "provider").each do |key, consumer|
      where = "provider.consumers[#{key.inspect}]"
      credentials.add_consumer(key, field(consumer, "secret", %w[string null], where),
                               rsa_public_key: field(consumer, "rsa_public_key_pem", %w[string null], where))
    end
    field(block, "tokens", ["object"], "provider").each do |token, t|
      where = "provider.tokens[#{token.inspect}]"
      credentials.add_token(token, field(t, "secret", ["string"], where), field(t, "consumer_key", ["string"], where))
    end
    nonces = OAuth1::MemoryNonceStore.new
    field(block, "seen_nonces", ["list"], "provider").each do |entry|
      unless entry.is_a?(Array) && entry.size == 4 && entry[2].is_a?(Integer) && [0, 1, 3].all? { |i| entry[i].is_a?(String) }
        raise CaseError, "provider.seen_nonces entry #{entry.to_json} is not [str, str, int, str]"
      end

      nonces.check_and_record(entry[0], entry[1], entry[2], entry[3], now: now, window: window)
    end
    verifier = OAuth1::Verifier.new(credentials, nonce_store: nonces, signature_methods: [],
                                                 timestamp_window: window, now: now)
    field(block, "signature_methods", ["list"], "provider").each do |method|
      raise CaseError, "a signature method is not a string" unless method.is_a?(String)

      begin
        verifier.allow_signature_method(method)
      rescue OAuth1::UnsupportedSignatureMethod
        nil # not one the library knows: no request can use it
      end
    end
    verifier
  end

  # Verifies a case's request through the binding, as a provider would.
  def verify_request(verifier, request)
    raise CaseError, "request is missing or not an object" unless request.is_a?(Hash)

    headers = optional(request, "headers", ["object"], "request") || {}
    headers.each { |name, value| raise CaseError, "request.headers.#{name} is not a string" unless value.is_a?(String) }
    verifier.verify(
      field(request, "method", ["string"], "request"),
      field(request, "url", ["string"], "request"),
      headers: headers,
      body: optional(request, "body", %w[string null], "request"),
      content_type: optional(request, "content_type", %w[string null], "request"),
    )
  rescue OAuth1::VerificationError => e
    e
  end

  # The first difference between an outcome and a case's `expect`.
  def compare_verify(expect, outcome)
    if field(expect, "ok", ["bool"], "expect")
      return outcome.is_a?(OAuth1::VerificationError) ? "expected ok, got #{outcome.problem}: #{outcome.message}" : nil
    end

    want = field(expect, "problem", ["string"], "expect")
    want_params = optional(expect, "parameters", ["list"], "expect") || []
    return "expected #{want} #{want_params.to_json}, got ok" unless outcome.is_a?(OAuth1::VerificationError)
    return "problem: expected #{want}, got #{outcome.problem}: #{outcome.message}" unless outcome.problem == want
    unless outcome.parameters == want_params
      return "parameters: expected #{want_params.to_json}, got #{outcome.parameters.to_json} (#{outcome.message})"
    end

    nil
  end

  def check_verify(kase)
    verifier = build_provider(kase["provider"])
    compare_verify(kase["expect"], verify_request(verifier, kase["request"]))
  end

  RUNNERS = {
    "vectors.json" => :check_vector,
    "errors.json" => :check_error,
    "verify.json" => :check_verify,
  }.freeze

  # Runs every case of one file: [passed, [[case id, what differs], ...]].
  def run_file(path, runner)
    cases = begin
      JSON.parse(File.read(path, encoding: "UTF-8"))
    rescue SystemCallError, JSON::ParserError => e
      return [0, [[path, "cannot read: #{e.message}"]]]
    end
    return [0, [[path, "not a JSON list"]]] unless cases.is_a?(Array)

    passed = 0
    failures = []
    cases.each_with_index do |kase, i|
      id = kase.is_a?(Hash) && kase["id"].is_a?(String) ? kase["id"] : "##{i}"
      outcome = begin
        kase.is_a?(Hash) ? public_send(runner, kase) : "case is not an object"
      rescue CaseError => e
        "cannot run: #{e.message}"
      rescue StandardError => e # a case the runner cannot run is a failure
        "cannot run: #{e.class}: #{e.message}"
      end
      if outcome.nil?
        passed += 1
      else
        failures << [id, outcome]
      end
    end
    [passed, failures]
  end

  def main(argv)
    folder = argv[0] || ENV.fetch("CONFORMANCE_DIR", nil) || "tests/conformance/vectors"
    unless File.directory?(folder)
      warn "ruby: #{folder} is not a folder"
      return 2
    end
    failed = false
    ran = 0
    RUNNERS.each do |name, runner|
      path = File.join(folder, name)
      next unless File.exist?(path)

      ran += 1
      passed, failures = run_file(path, runner)
      puts "ruby #{name}: #{passed} passed, #{failures.size} failed"
      failures.each { |id, why| puts "  FAIL #{id}: #{why}" }
      failed ||= !failures.empty?
    end
    if ran.zero?
      warn "ruby: none of #{RUNNERS.keys.join(', ')} in #{folder}"
      return 2
    end
    failed ? 1 : 0
  end
end

exit(Conformance.main(ARGV)) if $PROGRAM_NAME == __FILE__
