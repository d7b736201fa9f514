# frozen_string_literal: true

module OAuth1
  # One provider profile's description (oauth1_profile_get), read from the
  # library when made: what the provider accepts and where its endpoints are
  # (templates with {account} or {store}; nil when the provider has none).
  Profile = Struct.new(
    :name, :display_name, :summary, :signature_methods, :default_signature_method, :transmission,
    :account, :realm, :body_hash, :timestamp, :callback_confirmed_required, :request_token_url,
    :authorize_url, :access_token_url, :api_base, :response_fields, :pitfalls, :docs,
    keyword_init: true
  ) do
    def callback_confirmed_required? = callback_confirmed_required
  end

  class << self
    # The names of the provider profiles the library holds, sorted (e.g. netsuite, x).
    def profile_names
      Array.new(Native.oauth1_profile_count) { |i| Native.string_out(:oauth1_profile_name, i) }
    end

    # Every profile.
    def profiles = profile_names.map { |name| profile(name) }

    # One field of a profile as text (see oauth1_profile_get for the fields);
    # nil for an endpoint the profile has not. Raises InvalidParameter for an
    # unknown profile or field.
    def profile_field(name, field)
      Native.string_out(:oauth1_profile_get, Native.cstr(name, "profile"), Native.cstr(field.to_s, "field"),
                        absent_is_nil: true)
    end

    # The profile called name; InvalidParameter when there is none.
    def profile(name)
      text = ->(field) { profile_field(name, field) || "" }
      words = ->(field) { text.call(field).split }
      Profile.new(
        name: name, display_name: text.call("display_name"), summary: text.call("summary"),
        signature_methods: words.call("signature_methods"),
        default_signature_method: text.call("default_signature_method"),
        transmission: text.call("transmission"), account: text.call("account"), realm: text.call("realm"),
        body_hash: text.call("body_hash"), timestamp: text.call("timestamp"),
        callback_confirmed_required: text.call("callback_confirmed_required") == "true",
        request_token_url: profile_field(name, "request_token_url"),
        authorize_url: profile_field(name, "authorize_url"),
        access_token_url: profile_field(name, "access_token_url"),
        api_base: profile_field(name, "api_base"), response_fields: words.call("response_fields"),
        pitfalls: text.call("pitfalls"), docs: words.call("docs")
      ).freeze
    end
  end

  class Signer
    # A signer with a provider profile's settings (OAuth1.profile_names): its
    # default signature method, oauth_version, body-hash policy, nonces and
    # timestamp rule (NetSuite: monotonic). account: the profile's account, a
    # NetSuite account id such as "1234567-sb1" (realm 1234567_SB1) or a store
    # URL. The other options override the profile's where given. Raises
    # InvalidParameter (unknown profile; NetSuite without an account or realm)
    # or UnsupportedSignatureMethod (a method the provider does not accept).
    def self.for_profile(profile, consumer_key, consumer_secret = "", account: nil, token: nil, token_secret: nil,
                         signature_method: nil, realm: nil, rsa_private_key: nil, body_hash: nil,
                         monotonic_timestamps: nil)
      builder = Native.new_handle(:oauth1_signer_builder_new_for_profile, :oauth1_signer_builder_free,
                                  Native.cstr(profile, "profile"), Native.cstr(consumer_key, "consumer_key"),
                                  Native.cstr(consumer_secret, "consumer_secret"), Native.opt_cstr(account, "account"))
      if token
        Native.check(Native.oauth1_signer_builder_set_token(builder, Native.cstr(token, "token"),
                                                            Native.cstr(token_secret || "", "token_secret")))
      elsif token_secret
        raise InvalidParameter.new("token_secret is given without a token", 10)
      end
      if signature_method
        Native.check(Native.oauth1_signer_builder_set_signature_method(
          builder, Native.cstr(signature_method, "signature_method")
        ))
      end
      Native.check(Native.oauth1_signer_builder_set_realm(builder, Native.cstr(realm, "realm"))) if realm
      if rsa_private_key
        Native.check(Native.oauth1_signer_builder_set_rsa_private_key_pem(
          builder, Native.cstr(rsa_private_key, "rsa_private_key")
        ))
      end
      allocate.send(:set_body_hash, builder, body_hash) unless body_hash.nil?
      unless monotonic_timestamps.nil?
        Native.check(Native.oauth1_signer_builder_set_monotonic_timestamps(builder, monotonic_timestamps ? true : false))
      end
      wrap(Native.new_handle(:oauth1_signer_builder_build, :oauth1_signer_free, builder))
    ensure
      builder&.free
    end
  end

  class Verifier
    SIGNATURE_METHODS = %w[HMAC-SHA1 HMAC-SHA256 HMAC-SHA512 PLAINTEXT RSA-SHA1 RSA-SHA256 RSA-SHA512].freeze

    # A verifier for the requests of a provider profile's consumers (e.g. a
    # WooCommerce shop, an LTI 1.1 tool; oauth1_verifier_new_for_profile):
    # exactly the profile's signature methods; the other options as in new.
    def self.for_profile(profile, credentials, nonce_store: nil, timestamp_window: nil, now: nil)
      handle = Native.new_handle(:oauth1_verifier_new_for_profile, :oauth1_verifier_free,
                                 Native.cstr(profile, "profile"))
      verifier = allocate
      verifier.instance_variable_set(:@handle, handle)
      verifier.instance_variable_set(:@credentials, credentials)
      verifier.instance_variable_set(:@nonce_store, nonce_store || MemoryNonceStore.new)
      unless timestamp_window.nil?
        Native.check(Native.oauth1_verifier_set_timestamp_window(handle, Native.seconds(timestamp_window,
                                                                                         "timestamp_window")))
      end
      Native.check(Native.oauth1_verifier_set_clock(handle, Native.seconds(now, "now"))) unless now.nil?
      verifier
    rescue StandardError
      handle&.free
      raise
    end

    # The signature methods allowed, by their exact names.
    def signature_methods = SIGNATURE_METHODS.select { |name| allowed?(name) }
  end

  # A signed NetSuite TokenPassport (oauth1_token_passport): its values, and
  # #to_xml for the SOAP header element.
  class TokenPassport
    include OwnsHandle

    CLOSED = "the TokenPassport is closed"
    private :handle

    # @api private
    def initialize(handle)
      @handle = handle
    end

    # The base64 signature.
    def signature = get(:oauth1_token_passport_signature)
    # The signed base string, account&consumerKey&token&nonce&timestamp.
    def base_string = get(:oauth1_token_passport_base_string)
    # The timestamp sent (Unix seconds, as text).
    def timestamp = get(:oauth1_token_passport_timestamp)
    def nonce = get(:oauth1_token_passport_nonce)
    # The algorithm NetSuite is told: the only one a TokenPassport uses.
    def algorithm = "HMAC-SHA256"

    # The <tokenPassport> element; namespace (e.g.
    # "urn:messages_2024_2.platform.webservices.netsuite.com") is declared as
    # its default namespace.
    def to_xml(namespace = nil)
      Native.string_out(:oauth1_token_passport_xml, handle, Native.opt_cstr(namespace, "namespace"))
    end

    private

    def get(function) = Native.string_out(function, handle)
  end

  # Makes NetSuite SOAP TokenPassport elements for one account, integration
  # and token (oauth1_token_passport_signer): HMAC-SHA256 over
  # account&consumerKey&token&nonce&timestamp keyed with
  # consumerSecret&tokenSecret. Timestamps never go backwards.
  class TokenPassportSigner
    include OwnsHandle

    CLOSED = "the TokenPassportSigner is closed"
    private :handle

    # account: the NetSuite account id, "1234567", "1234567_SB1" or "1234567-sb1" (sent as 1234567_SB1).
    def initialize(account, consumer_key, consumer_secret, token, token_secret)
      @handle = Native.new_handle(:oauth1_token_passport_signer_new, :oauth1_token_passport_signer_free,
                                  Native.cstr(account, "account"), Native.cstr(consumer_key, "consumer_key"),
                                  Native.cstr(consumer_secret, "consumer_secret"), Native.cstr(token, "token"),
                                  Native.cstr(token_secret, "token_secret"))
    end

    # Signs a TokenPassport: timestamp nil for the clock (else Unix seconds,
    # String or Integer), nonce nil for a fresh 20-character one (else 6-64
    # letters and digits). A fixed timestamp earlier than the last one raises
    # InvalidParameter.
    def sign(timestamp: nil, nonce: nil)
      timestamp = Native.cstr(timestamp.to_s, "timestamp") unless timestamp.nil?
      TokenPassport.new(Native.new_handle(:oauth1_token_passport_signer_sign, :oauth1_token_passport_free, handle,
                                          timestamp.nil? ? 0 : 1, timestamp, nonce.nil? ? 0 : 1,
                                          Native.opt_cstr(nonce, "nonce")))
    end

    # Secrets never appear here.
    def inspect = "#<OAuth1::TokenPassportSigner#{@handle ? '' : ' closed'}>"
  end
end
