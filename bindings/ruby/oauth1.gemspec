# frozen_string_literal: true

require_relative "lib/oauth1/version"

Gem::Specification.new do |spec|
  spec.name = "liboauth1"
  spec.version = OAuth1::VERSION
  spec.summary = "OAuth 1.0a (RFC 5849) signing and verification: a thin binding of liboauth1's C API"
  spec.description = <<~TEXT
    Signs and verifies OAuth 1.0a requests through liboauth1, the one verified
    implementation shared with C, Python, PHP, Node.js and Go: every signature
    method, realm, body hash, the three transmissions, the token flow, and a
    provider's verifier with credentials and a nonce store. Needs liboauth1.so
    (set OAUTH1_LIBRARY, or install it on the library path).
  TEXT
  spec.license = "MIT OR Apache-2.0"
  spec.authors = ["liboauth1 contributors"]
  spec.required_ruby_version = ">= 3.0"
  spec.files = Dir["lib/**/*.rb"] + ["README.md"]
  spec.require_paths = ["lib"]
  spec.add_dependency "ffi", ">= 1.15"
  spec.add_development_dependency "minitest", ">= 5.15"
end
