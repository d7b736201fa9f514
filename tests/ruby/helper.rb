# frozen_string_literal: true

# What the minitest files of tests/ruby share: the binding, minitest, the
# project's standard request (crates/oauth1/benches/common/mod.rs) and the
# conformance vectors' keys.

$LOAD_PATH.unshift(File.expand_path("../../bindings/ruby/lib", __dir__))
require "json"
require "minitest/autorun"
require "oauth1"

module Standard
  URL = "https://api.example.com:443/v1/records/search?limit=50&offset=100&q=caf%C3%A9%20au%20lait"
  BODY = "status=active&tags=a%2Cb&name=John+Doe"
  FORM = "application/x-www-form-urlencoded"
  CONSUMER_KEY = "ck_5f4dcc3b5aa765d61d8327deb882cf99"
  CONSUMER_SECRET = "cs_2c26b46b68ffc68ff99b453c1d30413413422d706"
  TOKEN = "tk_6b86b273ff34fce19d6b804eff5a3f57"
  TOKEN_SECRET = "ts_d4735e3a265e46eff7f4b6f0b3e2ab4b"
  TIMESTAMP = "1700000000"
  NONCE = "kllo9940pd9333jh"
  SIGNATURE = "7YW4s/RtwCowc9nBLyiBo/EfsYqdRKwcZmi+E0+WDxI="

  module_function

  def signer(**options)
    OAuth1::Signer.new(CONSUMER_KEY, CONSUMER_SECRET, **{ token: TOKEN, token_secret: TOKEN_SECRET,
                                                         signature_method: "HMAC-SHA256", realm: "1234567_SB1" }.merge(options))
  end

  def sign(signer = self.signer, **options)
    signer.sign("POST", URL, body: BODY, content_type: FORM, **{ timestamp: TIMESTAMP, nonce: NONCE }.merge(options))
  end

  # A case of tests/conformance/vectors/file by id.
  def vector(file, id)
    JSON.parse(File.read(File.expand_path("../conformance/vectors/#{file}", __dir__))).find { |c| c["id"] == id } or
      raise "no case #{id} in #{file}"
  end

  def rsa_public_key
    vector("verify.json", "valid-rsa-sha1")["provider"]["consumers"]["ck-rsa"]["rsa_public_key_pem"]
  end

  def provider(now: 1_700_000_000, nonce_store: nil)
    credentials = OAuth1::Credentials.new
    credentials.add_consumer(CONSUMER_KEY, CONSUMER_SECRET)
    credentials.add_token(TOKEN, TOKEN_SECRET, CONSUMER_KEY)
    OAuth1::Verifier.new(credentials, nonce_store: nonce_store, now: now)
  end
end
