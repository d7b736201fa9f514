# frozen_string_literal: true

module OAuth1
  # An input was refused, or liboauth1 could not be used. Every exception of
  # this gem derives from it. The message is the library's own, naming the
  # offending input; #code is the C API's oauth1_result number and #kind its
  # stable name ("invalid_url", ...; "error" on this base class).
  class Error < StandardError
    KIND = "error"

    attr_reader :code

    def initialize(message = nil, code = nil)
      super(message)
      @code = code
    end

    def kind
      self.class::KIND
    end
  end

  # Not an absolute http(s) URL with a host and a valid port.
  class InvalidURL < Error; KIND = "invalid_url"; end
  # A bad % escape, or a query or form body that is not UTF-8.
  class InvalidEncoding < Error; KIND = "invalid_encoding"; end
  # Not one of the exact, case-sensitive signature method names.
  class UnsupportedSignatureMethod < Error; KIND = "unsupported_signature_method"; end
  # The RSA private key is missing or cannot be parsed.
  class InvalidKey < Error; KIND = "invalid_key"; end
  # A protocol parameter, option or HTTP method is not acceptable.
  class InvalidParameter < Error; KIND = "invalid_parameter"; end
  # A provider's token response or callback lacks what the flow needs.
  class InvalidResponse < Error; KIND = "invalid_response"; end
  # A string argument is not valid UTF-8.
  class InvalidUTF8 < Error; KIND = "invalid_utf8"; end
  # A string holds a NUL byte, so it cannot cross the C API.
  class InteriorNul < Error; KIND = "interior_nul"; end
  # A required argument was missing (a bug of this gem).
  class NullParameter < Error; KIND = "null_parameter"; end
  # The requested value is absent.
  class NotFound < Error; KIND = "not_found"; end
  # liboauth1 panicked: a bug, please report it.
  class Panic < Error; KIND = "panic"; end

  # The oauth1_result codes and their exceptions.
  ERRORS = {
    1 => NullParameter, 2 => InvalidUTF8, 3 => Panic, 4 => NotFound, 5 => InteriorNul,
    6 => InvalidURL, 7 => InvalidEncoding, 8 => UnsupportedSignatureMethod, 9 => InvalidKey,
    10 => InvalidParameter, 11 => InvalidResponse,
  }.freeze
end
