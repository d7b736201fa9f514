# frozen_string_literal: true

require "faraday"
require "oauth1"

module OAuth1
  # Faraday request middleware that signs every request with a Signer:
  #
  #   require "oauth1/faraday"
  #   conn = Faraday.new(url) do |f|
  #     f.request :url_encoded          # first: the body is signed as it is sent
  #     f.request :oauth1, signer
  #     f.adapter Faraday.default_adapter
  #   end
  #
  # The method, URL, body and Content-Type are signed as sent. Per request,
  # `req.options.context = { oauth1: other_signer }` signs with another Signer
  # and `{ oauth1: false }` sends unsigned. transmission: is where the protocol
  # parameters go (RFC 5849 s3.5): :header (Authorization, the default),
  # :query (the URL) or :body (the form body).
  class FaradayMiddleware < ::Faraday::Middleware
    TRANSMISSIONS = %i[header query body].freeze

    # Options come as a Hash too: Faraday 1.x passes a middleware's
    # keywords on as a positional Hash under Ruby 3.
    def initialize(app, signer, options = {}, transmission: nil)
      super(app)
      transmission ||= options.fetch(:transmission, :header)
      unless TRANSMISSIONS.include?(transmission)
        raise InvalidParameter.new("transmission #{transmission.inspect} is not one of #{TRANSMISSIONS.join(', ')}", 10)
      end

      @signer = signer
      @transmission = transmission
    end

    def call(env)
      context = env.request&.context || {}
      signer = context.fetch(:oauth1, @signer)
      return @app.call(env) if signer == false
      raise InvalidParameter.new("the oauth1 context is neither a Signer nor false", 10) unless signer.is_a?(Signer)

      body = env.body
      raise InvalidParameter.new("the body is not a String: add a body encoder (e.g. :url_encoded) first", 10) \
        unless body.nil? || body.is_a?(String)

      body = nil if body&.empty?
      method = env.method.to_s.upcase
      content_type = env.request_headers["Content-Type"]
      if @transmission == :header
        env.request_headers["Authorization"] =
          signer.authorization_header(method, env.url.to_s, body: body, content_type: content_type)
      else
        signed = signer.sign(method, env.url.to_s, body: body, content_type: content_type)
        @transmission == :query ? env.url = URI(signed.signed_url) : env.body = signed.signed_form_body
        signed.close
      end
      @app.call(env)
    end
  end

  ::Faraday::Request.register_middleware(oauth1: FaradayMiddleware)
end
