# frozen_string_literal: true

module OAuth1
  # Pass as timestamp: or nonce: to leave the parameter out (PLAINTEXT allows that).
  OMIT = Object.new.tap do |omit|
    def omit.inspect = "OAuth1::OMIT"
    omit.freeze
  end

  # Per-request protocol parameters (oauth1_sign_options): timestamp, nonce,
  # callback, verifier and further oauth_* parameters. Made once, it may be
  # passed to many Signer#sign calls.
  class SignOptions
    include OwnsHandle

    CLOSED = "the SignOptions are closed"

    # timestamp: nil for the clock, a fixed value (String or Integer) or OMIT;
    # nonce: nil for a fresh random nonce, a fixed value or OMIT.
    def initialize(timestamp: nil, nonce: nil, callback: nil, verifier: nil, extra_oauth_params: {})
      @handle = Native.new_handle(:oauth1_sign_options_new, :oauth1_sign_options_free)
      SignOptions.configure(@handle, timestamp, nonce, callback, verifier, extra_oauth_params)
    rescue StandardError
      close
      raise
    end

    # @api private: options for one call, freed when the block returns (no finalizer to register).
    def self.temporary(timestamp, nonce, callback, verifier, extra_oauth_params)
      slot = Native.slots[1]
      Native.check(Native.oauth1_sign_options_new(slot))
      pointer = slot.read_pointer
      begin
        configure(pointer, timestamp, nonce, callback, verifier, extra_oauth_params)
        yield pointer
      ensure
        Native.oauth1_sign_options_free(pointer)
      end
    end

    # @api private
    def self.configure(handle, timestamp, nonce, callback, verifier, extra_oauth_params)
      Native.check(Native.oauth1_sign_options_set_timestamp(handle, *generated(timestamp, "timestamp")))
      Native.check(Native.oauth1_sign_options_set_nonce(handle, *generated(nonce, "nonce")))
      Native.check(Native.oauth1_sign_options_set_callback(handle, Native.cstr(callback, "callback"))) unless callback.nil?
      Native.check(Native.oauth1_sign_options_set_verifier(handle, Native.cstr(verifier, "verifier"))) unless verifier.nil?
      extra_oauth_params&.each do |name, value|
        Native.check(Native.oauth1_sign_options_add_extra_oauth_param(
          handle, Native.cstr(name.to_s, "an extra parameter name"), Native.cstr(value, "extra parameter #{name}")
        ))
      end
    end

    # The oauth1_generated mode and value.
    def self.generated(value, what)
      return [0, nil] if value.nil?
      return [2, nil] if value.equal?(OMIT)

      [1, Native.cstr(value.is_a?(Integer) ? value.to_s : value, what)]
    end
    private_class_method :generated
  end

  # A signed request (oauth1_signed): the signature, what it covers, and every
  # way to send it: Authorization header, URL query or form body (RFC 5849
  # s3.5). Each reader asks the library.
  class SignedRequest
    include OwnsHandle

    CLOSED = "the SignedRequest is closed"
    private :handle

    # @api private
    def initialize(handle)
      @handle = handle
    end

    # The signature (oauth_signature), not percent-encoded.
    def signature = get(:oauth1_signed_signature)
    # The signature base string: compare it with the provider's to debug an invalid signature.
    def base_string = get(:oauth1_signed_base_string)
    # The normalized request parameters (RFC 5849 s3.4.1.3.2).
    def normalized_parameters = get(:oauth1_signed_normalized_parameters)
    # The Authorization header value: `OAuth realm="...", oauth_consumer_key="...", ...`.
    def authorization_header = get(:oauth1_signed_authorization_header)
    # The URL with the protocol parameters added to its query (RFC 5849 s3.5.3).
    def signed_url = get(:oauth1_signed_url)
    # The form body with the protocol parameters appended (RFC 5849 s3.5.2);
    # raises InvalidParameter when the request's body is not a form.
    def signed_form_body = get(:oauth1_signed_form_body)
    # The protocol parameters as one encoded `oauth_...=...&...` string, oauth_signature last.
    def oauth_query = get(:oauth1_signed_oauth_query)

    # {"Authorization" => authorization_header}
    def headers = { "Authorization" => authorization_header }

    # The protocol parameters sent, decoded, in order (oauth_signature last; no realm): [[name, value], ...].
    def oauth_parameters
      Native.pairs(:oauth1_signed_oauth_parameter_count, :oauth1_signed_oauth_parameter, handle)
    end

    def inspect = "#<OAuth1::SignedRequest#{@handle ? '' : ' closed'}>"

    private

    def get(function)
      Native.string_out(function, handle)
    end
  end

  # Signs requests with one set of credentials (oauth1_signer). Immutable once
  # made; build one per set of credentials and reuse it (also from threads).
  class Signer
    include OwnsHandle

    CLOSED = "the Signer is closed"
    private :handle

    # consumer_secret: "" for RSA-only clients. token: nil sends no oauth_token,
    # "" an empty one. signature_method: HMAC-SHA1, HMAC-SHA256, HMAC-SHA512,
    # PLAINTEXT, RSA-SHA1, RSA-SHA256 or RSA-SHA512. realm: the Authorization
    # header's realm, never signed. rsa_private_key: PKCS#8 or PKCS#1 PEM.
    # body_hash: when oauth_body_hash is sent, the policy "off", "non-form" or
    # "always" (true is "always", false "off").
    def initialize(consumer_key, consumer_secret = "", token: nil, token_secret: nil,
                   signature_method: "HMAC-SHA1", realm: nil, rsa_private_key: nil,
                   include_version: true, body_hash: false, nonce_length: nil, nonce_alphabet: nil)
      builder = Native.new_handle(:oauth1_signer_builder_new, :oauth1_signer_builder_free,
                                  Native.cstr(consumer_key, "consumer_key"),
                                  Native.cstr(consumer_secret, "consumer_secret"))
      if token
        Native.check(Native.oauth1_signer_builder_set_token(builder, Native.cstr(token, "token"),
                                                            Native.cstr(token_secret || "", "token_secret")))
      elsif token_secret
        raise InvalidParameter.new("token_secret is given without a token", 10)
      end
      Native.check(Native.oauth1_signer_builder_set_signature_method(
        builder, Native.cstr(signature_method, "signature_method")
      ))
      Native.check(Native.oauth1_signer_builder_set_realm(builder, Native.cstr(realm, "realm"))) if realm
      if rsa_private_key
        Native.check(Native.oauth1_signer_builder_set_rsa_private_key_pem(
          builder, Native.cstr(rsa_private_key, "rsa_private_key")
        ))
      end
      Native.check(Native.oauth1_signer_builder_set_include_version(builder, include_version ? true : false))
      set_body_hash(builder, body_hash)
      if nonce_length || nonce_alphabet
        length = nonce_length.nil? ? 32 : Native.seconds(nonce_length, "nonce_length")
        Native.check(Native.oauth1_signer_builder_set_nonce(builder, length,
                                                            Native.opt_cstr(nonce_alphabet, "nonce_alphabet")))
      end
      @handle = Native.new_handle(:oauth1_signer_builder_build, :oauth1_signer_free, builder)
    ensure
      builder&.free
    end

    # @api private: a signer around a handle the library made.
    def self.wrap(handle)
      allocate.tap { |signer| signer.instance_variable_set(:@handle, handle) }
    end

    # Signs a request. body is signed as parameters only when content_type is
    # application/x-www-form-urlencoded; other bodies are covered by
    # oauth_body_hash when the signer's policy asks for it. Pass prepared
    # options: to reuse them, or the named options for this call.
    def sign(method, url, **request)
      signed(method, url, **request) { |pointer| SignedRequest.new(Native.handle(pointer, :oauth1_signed_free)) }
    end

    # The Authorization header value for this request, as #sign(...).authorization_header,
    # without making a SignedRequest: the signed request is freed at once, so no
    # finalizer is registered (what HTTP clients call for each request).
    def authorization_header(method, url, **request)
      signed(method, url, **request) do |pointer|
        Native.string_out(:oauth1_signed_authorization_header, pointer)
      ensure
        Native.oauth1_signed_free(pointer)
      end
    end
    # The same consumer and settings with another token (e.g. the access token).
    def with_token(token, token_secret)
      Signer.wrap(Native.new_handle(:oauth1_signer_with_token, :oauth1_signer_free, handle,
                                    Native.cstr(token, "token"), Native.cstr(token_secret, "token_secret")))
    end

    # Signs the request-token request, POST url, with oauth_callback ("oob" when nil).
    def request_token_request(url, callback: nil)
      SignedRequest.new(Native.new_handle(:oauth1_signer_request_token_request, :oauth1_signed_free, handle,
                                          Native.cstr(url, "url"), Native.opt_cstr(callback, "callback")))
    end

    # Signs the access-token request, POST url, with oauth_verifier; the signer must hold the request token.
    def access_token_request(url, verifier:)
      SignedRequest.new(Native.new_handle(:oauth1_signer_access_token_request, :oauth1_signed_free, handle,
                                          Native.cstr(url, "url"), Native.cstr(verifier, "verifier")))
    end

    def consumer_key = Native.string_out(:oauth1_signer_consumer_key, handle)
    # The token, or nil.
    def token = Native.string_out(:oauth1_signer_token, handle, absent_is_nil: true)
    def signature_method = Native.string_out(:oauth1_signer_signature_method, handle)
    # The realm, or nil.
    def realm = Native.string_out(:oauth1_signer_realm, handle, absent_is_nil: true)

    # Secrets never appear here.
    def inspect = "#<OAuth1::Signer#{@handle ? " #{consumer_key} #{signature_method}" : ' closed'}>"

    private

    # Signs and yields the new oauth1_signed pointer, which the block owns.
    def signed(method, url, body: nil, content_type: nil, options: nil, timestamp: nil, nonce: nil,
               callback: nil, verifier: nil, extra_oauth_params: nil)
      if timestamp.nil? && nonce.nil? && callback.nil? && verifier.nil? && extra_oauth_params.nil?
        return yield sign_with(method, url, body, content_type, options&.handle)
      end
      raise InvalidParameter.new("give either options: or the named sign options, not both", 10) if options

      pointer = SignOptions.temporary(timestamp, nonce, callback, verifier, extra_oauth_params) do |temporary|
        sign_with(method, url, body, content_type, temporary)
      end
      yield pointer
    end

    # The new oauth1_signed pointer (owned by the caller).
    def sign_with(method, url, body, content_type, options_handle)
      body = Native.bytes(body, "body")
      slot = Native.slots[0]
      Native.check(Native.oauth1_signer_sign(handle, Native.cstr(method, "method"), Native.cstr(url, "url"),
                                             body, body.nil? ? 0 : body.bytesize,
                                             Native.opt_cstr(content_type, "content_type"), options_handle, slot))
      slot.read_pointer
    end

    def set_body_hash(builder, policy)
      if policy == true || policy == false
        Native.check(Native.oauth1_signer_builder_set_body_hash(builder, policy))
      else
        Native.check(Native.oauth1_signer_builder_set_body_hash_policy(builder, Native.cstr(policy.to_s, "body_hash")))
      end
    end
  end
end
