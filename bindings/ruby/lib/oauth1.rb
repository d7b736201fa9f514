# frozen_string_literal: true

# OAuth 1.0a (RFC 5849) signing and verification for Ruby: a thin binding,
# over the ffi gem, of liboauth1's C API, the one verified implementation
# shared with C, Python, PHP, Node.js and Go. No OAuth rule is written here.
#
#   signer = OAuth1::Signer.new("ck", "cs", token: "tk", token_secret: "ts", signature_method: "HMAC-SHA256")
#   signed = signer.sign("POST", url, body: "a=1", content_type: "application/x-www-form-urlencoded")
#   request["Authorization"] = signed.authorization_header
module OAuth1
end

require_relative "oauth1/version"
require_relative "oauth1/errors"
require_relative "oauth1/native"
require_relative "oauth1/signer"
require_relative "oauth1/flow"
require_relative "oauth1/verifier"
require_relative "oauth1/profile"
require_relative "oauth1/net_http"
