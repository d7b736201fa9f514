# frozen_string_literal: true

module OAuth1
  # The provider's credentials held in memory (oauth1_credentials): consumers
  # with their secret and/or RSA public key, tokens with their secret and the
  # consumer they were issued to.
  class Credentials
    include OwnsHandle

    CLOSED = "the Credentials are closed"

    def initialize
      @handle = Native.new_handle(:oauth1_credentials_new, :oauth1_credentials_free)
    end

    # Adds (or replaces) a consumer: secret for HMAC-* and PLAINTEXT, rsa_public_key
    # (PEM) for RSA-*; raises InvalidKey for a PEM that cannot be parsed.
    def add_consumer(consumer_key, secret, rsa_public_key: nil)
      Native.check(Native.oauth1_credentials_add_consumer(
        handle, Native.cstr(consumer_key, "consumer_key"), Native.opt_cstr(secret, "secret"),
        Native.opt_cstr(rsa_public_key, "rsa_public_key")
      ))
      self
    end

    # Adds (or replaces) a token, its secret and the key of the consumer it was issued to.
    def add_token(token, secret, consumer_key)
      Native.check(Native.oauth1_credentials_add_token(
        handle, Native.cstr(token, "token"), Native.cstr(secret, "secret"), Native.cstr(consumer_key, "consumer_key")
      ))
      self
    end

    # Removes a consumer; false when it was not there.
    def remove_consumer(consumer_key)
      removed(Native.oauth1_credentials_remove_consumer(handle, Native.cstr(consumer_key, "consumer_key")))
    end

    # Removes a token (exchanged, revoked or expired); false when it was not there.
    def remove_token(token)
      removed(Native.oauth1_credentials_remove_token(handle, Native.cstr(token, "token")))
    end

    def consumer_count = Native.size_out(:oauth1_credentials_consumer_count, handle)
    def token_count = Native.size_out(:oauth1_credentials_token_count, handle)

    def inspect = "#<OAuth1::Credentials#{@handle ? " #{consumer_count} consumers, #{token_count} tokens" : ' closed'}>"

    private

    def removed(result)
      return false if result == Native::NOT_FOUND

      Native.check(result)
      true
    end
  end

  # Replay protection in memory (oauth1_nonce_store_new): records each
  # accepted request's (consumer key, token, timestamp, nonce) and forgets a
  # record once its timestamp has left the window. One process only.
  class MemoryNonceStore
    include OwnsHandle

    CLOSED = "the MemoryNonceStore is closed"

    def initialize
      @handle = Native.new_handle(:oauth1_nonce_store_new, :oauth1_nonce_store_free)
    end

    # Checks and records (consumer key, token, timestamp, nonce) as the verifier
    # does (token "" for none): true when it was new and is now recorded.
    def check_and_record(consumer_key, token, timestamp, nonce, now:, window:)
      fresh = FFI::MemoryPointer.new(:bool)
      Native.check(Native.oauth1_nonce_store_check_and_record(
        handle, Native.cstr(consumer_key, "consumer_key"), Native.cstr(token, "token"),
        Native.seconds(timestamp, "timestamp"), Native.cstr(nonce, "nonce"),
        Native.seconds(now, "now"), Native.seconds(window, "window"), fresh
      ))
      fresh.read(:bool)
    end

    # Whether the store holds (consumer key, token, timestamp, nonce).
    def include?(consumer_key, token, timestamp, nonce)
      contains = FFI::MemoryPointer.new(:bool)
      Native.check(Native.oauth1_nonce_store_contains(
        handle, Native.cstr(consumer_key, "consumer_key"), Native.cstr(token, "token"),
        Native.seconds(timestamp, "timestamp"), Native.cstr(nonce, "nonce"), contains
      ))
      contains.read(:bool)
    end

    # The number of records held.
    def size = Native.size_out(:oauth1_nonce_store_len, handle)

    # Drops every record whose timestamp has left the window at now.
    def forget_expired(now:, window:)
      Native.check(Native.oauth1_nonce_store_forget_expired(handle, Native.seconds(now, "now"),
                                                            Native.seconds(window, "window")))
    end
  end

  # A request that passed every check (read once from oauth1_verified, which
  # is then freed). token and realm are nil when absent; parameter_location is
  # "header", "body" or "query"; oauth_parameters every protocol parameter
  # received, decoded, in order (no oauth_signature, no realm).
  VerifiedRequest = Struct.new(:consumer_key, :token, :signature_method, :realm, :nonce, :timestamp,
                               :parameter_location, :oauth_parameters, keyword_init: true) do
    # The decoded value of protocol parameter name (e.g. oauth_callback), or nil.
    def [](name)
      return super if name.is_a?(Symbol) || name.is_a?(Integer)

      oauth_parameters.find { |field, _| field == name }&.last
    end
  end

  # The verifier refused a received request (oauth1_problem). Answer the client
  # with #status, `WWW-Authenticate: www_authenticate(realm)` and #body
  # (application/x-www-form-urlencoded). The message explains the refusal for
  # logs (never a secret).
  class VerificationError < Error
    include OwnsHandle

    CLOSED = "the VerificationError is closed"
    private :handle

    KIND = "verification_failed"

    # problem: the oauth_problem code; parameters: the names concerned;
    # status: 400 or 401 (RFC 5849 s3.2); body: oauth_problem=...;
    # acceptable_timestamps: for timestamp_refused, the inclusive range accepted.
    attr_reader :problem, :parameters, :status, :body, :acceptable_timestamps

    # @api private: reads the problem, keeping the handle for #www_authenticate.
    def initialize(handle)
      @handle = handle
      super(Native.string_out(:oauth1_problem_message, handle), Native::VERIFICATION_FAILED)
      @problem = Native.string_out(:oauth1_problem_code, handle)
      @parameters = Array.new(Native.size_out(:oauth1_problem_parameter_count, handle)) do |i|
        Native.string_out(:oauth1_problem_parameter, handle, i)
      end
      status = FFI::MemoryPointer.new(:uint16)
      Native.check(Native.oauth1_problem_http_status(handle, status))
      @status = status.read(:uint16)
      @body = Native.string_out(:oauth1_problem_body, handle)
      min = FFI::MemoryPointer.new(:uint64)
      max = FFI::MemoryPointer.new(:uint64)
      result = Native.oauth1_problem_acceptable_timestamps(handle, min, max)
      Native.check(result) unless result == Native::NOT_FOUND
      @acceptable_timestamps = result == Native::NOT_FOUND ? nil : (min.read(:uint64)..max.read(:uint64))
    end

    # The WWW-Authenticate value for the provider's realm: `OAuth realm="..."`.
    def www_authenticate(realm)
      Native.string_out(:oauth1_problem_www_authenticate, handle, Native.cstr(realm, "realm"))
    end
  end

  # Checks received requests (oauth1_verifier) against the provider's
  # credentials and a nonce store: every check of the core, in its order
  # (tests/conformance/VERIFY.md), the nonce recorded only when every other
  # check passed. #close frees the verifier only: its credentials and nonce
  # store live on.
  class Verifier
    include OwnsHandle

    CLOSED = "the Verifier is closed"
    private :handle

    attr_reader :credentials, :nonce_store

    # nonce_store: nil for one of its own; signature_methods: the methods
    # allowed by exact name (nil: the library's defaults, every method but
    # PLAINTEXT); timestamp_window: seconds either way (nil: 300); now: a
    # fixed clock in Unix seconds (tests, replays), nil for the system clock.
    def initialize(credentials, nonce_store: nil, signature_methods: nil, timestamp_window: nil, now: nil)
      @credentials = credentials
      @nonce_store = nonce_store || MemoryNonceStore.new
      @handle = Native.new_handle(:oauth1_verifier_new, :oauth1_verifier_free)
      unless signature_methods.nil?
        Native.check(Native.oauth1_verifier_set_signature_methods(@handle, nil, 0))
        signature_methods.each { |name| allow_signature_method(name) }
      end
      unless timestamp_window.nil?
        Native.check(Native.oauth1_verifier_set_timestamp_window(@handle, Native.seconds(timestamp_window,
                                                                                          "timestamp_window")))
      end
      Native.check(Native.oauth1_verifier_set_clock(@handle, Native.seconds(now, "now"))) unless now.nil?
    rescue StandardError
      close
      raise
    end

    # Allows one more signature method, by its exact name (e.g. PLAINTEXT, off by default).
    def allow_signature_method(name)
      Native.check(Native.oauth1_verifier_allow_signature_method(handle, Native.cstr(name, "signature method")))
      self
    end

    def allowed?(name)
      allowed = FFI::MemoryPointer.new(:bool)
      Native.check(Native.oauth1_verifier_is_allowed(handle, Native.cstr(name, "signature method"), allowed))
      allowed.read(:bool)
    end

    # The timestamp window, in seconds either way.
    def timestamp_window = Native.uint64_out(:oauth1_verifier_timestamp_window, handle)

    # Goes back to the system clock (after a fixed now:).
    def use_system_clock
      Native.check(Native.oauth1_verifier_use_system_clock(handle))
      self
    end

    # The time the checks use now, in Unix seconds.
    def now = Native.uint64_out(:oauth1_verifier_now, handle)

    # Verifies a received request given with its headers, as a server has them
    # (Authorization and Content-Type are read, names case-insensitive):
    # headers is name => value (or [[name, value], ...]); content_type, when
    # given, goes as a Content-Type header before them. Returns a
    # VerifiedRequest or raises VerificationError with what to answer.
    def verify(method, url, headers: {}, body: nil, content_type: nil)
      all = []
      all << ["Content-Type", content_type] unless content_type.nil?
      headers.each { |name, value| all << [name, value] }
      array, count, keep = Native.headers(all)
      body = Native.bytes(body, "body")
      verified = FFI::MemoryPointer.new(:pointer)
      problem = FFI::MemoryPointer.new(:pointer)
      result = Native.oauth1_verifier_verify_headers(
        handle, @credentials.handle, @nonce_store.handle, Native.cstr(method, "method"), Native.cstr(url, "url"),
        array, count, body, body.nil? ? 0 : body.bytesize, verified, problem
      )
      keep.clear
      outcome(result, verified, problem)
    end

    # Verifies a received request given its Authorization value (nil: none;
    # the parameters may then be in the query or form body).
    def verify_authorization(method, url, authorization, body: nil, content_type: nil)
      body = Native.bytes(body, "body")
      verified = FFI::MemoryPointer.new(:pointer)
      problem = FFI::MemoryPointer.new(:pointer)
      result = Native.oauth1_verifier_verify(
        handle, @credentials.handle, @nonce_store.handle, Native.cstr(method, "method"), Native.cstr(url, "url"),
        Native.opt_cstr(authorization, "authorization"), body, body.nil? ? 0 : body.bytesize,
        Native.opt_cstr(content_type, "content_type"), verified, problem
      )
      outcome(result, verified, problem)
    end

    private

    def outcome(result, verified_slot, problem_slot)
      if result == Native::VERIFICATION_FAILED
        raise VerificationError.new(Native.handle(problem_slot.read_pointer, :oauth1_problem_free))
      end

      Native.check(result)
      verified = Native.handle(verified_slot.read_pointer, :oauth1_verified_free)
      begin
        timestamp = FFI::MemoryPointer.new(:uint64)
        found = Native.oauth1_verified_timestamp(verified, timestamp)
        Native.check(found) unless found == Native::NOT_FOUND
        optional = ->(function) { Native.string_out(function, verified, absent_is_nil: true) }
        VerifiedRequest.new(
          consumer_key: optional.call(:oauth1_verified_consumer_key),
          token: optional.call(:oauth1_verified_token),
          signature_method: optional.call(:oauth1_verified_signature_method),
          realm: optional.call(:oauth1_verified_realm),
          nonce: optional.call(:oauth1_verified_nonce),
          timestamp: found == Native::NOT_FOUND ? nil : timestamp.read(:uint64),
          parameter_location: optional.call(:oauth1_verified_parameter_location),
          oauth_parameters: Native.pairs(:oauth1_verified_oauth_parameter_count, :oauth1_verified_oauth_parameter,
                                         verified),
        )
      ensure
        verified.free
      end
    end
  end
end
