# frozen_string_literal: true

module OAuth1
  # What the provider sent to the callback URL.
  CallbackParams = Struct.new(:token, :verifier, keyword_init: true)

  # A parsed token response (read once from oauth1_token_response, which is
  # then freed). The secret never appears in #inspect.
  class TokenResponse
    attr_reader :token, :token_secret, :callback_confirmed, :extra

    # callback_confirmed: true only for "true", nil when absent; extra: every
    # other field, [[name, value], ...] in the order received.
    def initialize(token:, token_secret:, callback_confirmed:, extra:)
      @token = token
      @token_secret = token_secret
      @callback_confirmed = callback_confirmed
      @extra = extra
    end

    # The first value of the other field name (e.g. oauth_session_handle), or nil.
    def [](name)
      @extra.find { |field, _| field == name }&.last
    end

    def inspect = "#<OAuth1::TokenResponse token=#{@token.inspect} token_secret=[redacted] extra=#{@extra.inspect}>"
  end

  module_function

  # The version of liboauth1 loaded, e.g. "0.1.0".
  def library_version
    Native.oauth1_version
  end

  # The resource-owner authorization URL: authorize_url with oauth_token added to its query.
  def authorization_url(authorize_url, request_token)
    Native.string_out(:oauth1_authorization_url, Native.cstr(authorize_url, "authorize_url"),
                      Native.cstr(request_token, "request_token"))
  end

  # The oauth_token and oauth_verifier of the callback the provider redirected
  # to (a whole URL or its query); raises InvalidResponse when either is
  # missing or the provider reported an oauth_problem. With request_token:,
  # the token this consumer is waiting for, a callback naming another one is
  # refused too (a stale or forged callback).
  def parse_callback(url_or_query, request_token: nil)
    token = FFI::MemoryPointer.new(:pointer)
    verifier = FFI::MemoryPointer.new(:pointer)
    url_or_query = Native.cstr(url_or_query, "url_or_query")
    Native.check(if request_token.nil?
                   Native.oauth1_parse_callback(url_or_query, token, verifier)
                 else
                   Native.oauth1_parse_callback_for(url_or_query, Native.cstr(request_token, "request_token"), token,
                                                    verifier)
                 end)
    CallbackParams.new(token: Native.take(token), verifier: Native.take(verifier))
  end

  # Parses a form-encoded token response body. With require_callback_confirmed
  # (the request-token response of OAuth 1.0a) oauth_callback_confirmed must be "true".
  def parse_token_response(body, require_callback_confirmed: false)
    body = Native.bytes(body, "body")
    response = Native.new_handle(:oauth1_parse_token_response, :oauth1_token_response_free,
                                 body, body.bytesize, require_callback_confirmed ? true : false)
    confirmed = FFI::MemoryPointer.new(:bool)
    result = Native.oauth1_token_response_callback_confirmed(response, confirmed)
    Native.check(result) unless result == Native::NOT_FOUND
    TokenResponse.new(
      token: Native.string_out(:oauth1_token_response_token, response),
      token_secret: Native.string_out(:oauth1_token_response_token_secret, response),
      callback_confirmed: result == Native::NOT_FOUND ? nil : confirmed.read(:bool),
      extra: Native.pairs(:oauth1_token_response_extra_count, :oauth1_token_response_extra, response),
    )
  ensure
    response&.free
  end

  # The absolute URL the client signed, rebuilt from the request target and
  # the Host header, and from Forwarded / X-Forwarded-* only when
  # trust_proxy_headers. headers: name => value (or [[name, value], ...]).
  def received_url(target, headers, tls: false, trust_proxy_headers: false)
    array, count, keep = Native.headers(headers)
    url = Native.string_out(:oauth1_received_url, tls ? true : false, Native.cstr(target, "target"), array, count,
                            trust_proxy_headers ? true : false)
    keep.clear
    url
  end
end
