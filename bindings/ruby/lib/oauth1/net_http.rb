# frozen_string_literal: true

require "net/http"

module OAuth1
  # Signing Net::HTTP requests:
  #
  #   request = Net::HTTP::Post.new(uri)
  #   request.set_form_data("title" => "Hello")
  #   OAuth1::NetHTTP.sign!(request, signer)
  #   Net::HTTP.start(uri.host, uri.port, use_ssl: uri.scheme == "https") { |http| http.request(request) }
  #
  # The request's method, URL, body and Content-Type are signed as they will
  # be sent, and its Authorization header set. For the URL-query or form-body
  # transmissions, build the request from SignedRequest#signed_url or
  # #signed_form_body instead.
  module NetHTTP
    module_function

    # Signs request (a Net::HTTPRequest) and sets its Authorization header;
    # url: the absolute URL when the request was made from a path only;
    # options: Signer#sign's (timestamp:, nonce:, ...). Returns the header value.
    def sign!(request, signer, url: nil, **options)
      url ||= request.uri&.to_s
      raise InvalidParameter.new("the request has no absolute URL: pass url:", 10) if url.nil?
      raise InvalidParameter.new("a streamed body (body_stream) cannot be signed", 10) if request.body_stream

      request["Authorization"] = signer.authorization_header(request.method, url, body: request.body,
                                                                   content_type: request["Content-Type"], **options)
    end
  end
end
