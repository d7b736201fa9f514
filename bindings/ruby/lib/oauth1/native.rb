# frozen_string_literal: true

require "ffi"

module OAuth1
  # @api private
  # An object that owns one library handle (@handle, an FFI::AutoPointer):
  # #close frees it now, else the garbage collector does (the library zeroes
  # any secrets it holds); after that, #handle raises IOError with the
  # class's CLOSED message.
  module OwnsHandle
    # Frees the handle now (else when the object is collected).
    def close
      @handle&.free
      @handle = nil
    end

    # @api private
    def handle
      @handle or raise IOError, self.class::CLOSED
    end
  end

  # The C API of liboauth1 (include/oauth1.h) through the ffi gem, and the few
  # helpers every class uses to call it: argument checks, result codes to
  # exceptions, library strings copied out and freed. No OAuth rule lives here.
  #
  # The library is OAUTH1_LIBRARY when set, else the repository's build
  # (target/c/lib/liboauth1.so), else liboauth1.so.0 from the system's
  # library path. tests/ruby/test_native.rb checks these declarations against
  # include/oauth1.h, so a changed header cannot go unnoticed.
  #
  # @api private
  module Native
    extend FFI::Library

    REPO_LIBRARY = File.expand_path("../../../../target/c/lib/liboauth1.so", __dir__)
    ffi_lib(ENV.fetch("OAUTH1_LIBRARY", nil) || (File.file?(REPO_LIBRARY) ? REPO_LIBRARY : "liboauth1.so.0"))

    # One received header (oauth1_header): two borrowed NUL-terminated strings.
    class Header < FFI::Struct
      layout :name, :pointer, :value, :pointer
    end

    R = :uint32 # oauth1_result
    P = :pointer
    S = :string # const char * in (NUL-terminated; NULs are refused before the call)
    FUNCTIONS = {
      oauth1_version: [[], :string],
      oauth1_string_free: [[P], :void],
      oauth1_last_error_message: [[P, :size_t], :size_t],
      oauth1_result_str: [[:uint32], :string],
      oauth1_authorization_url: [[S, S, P], R],
      oauth1_parse_callback: [[S, P, P], R],
      oauth1_parse_callback_for: [[S, S, P, P], R],
      oauth1_parse_token_response: [[P, :size_t, :bool, P], R],
      oauth1_token_response_free: [[P], :void],
      oauth1_token_response_token: [[P, P], R],
      oauth1_token_response_token_secret: [[P, P], R],
      oauth1_token_response_callback_confirmed: [[P, P], R],
      oauth1_token_response_extra_count: [[P, P], R],
      oauth1_token_response_extra: [[P, :size_t, P, P], R],
      oauth1_token_response_get: [[P, S, P], R],
      oauth1_signed_free: [[P], :void],
      oauth1_signed_signature: [[P, P], R],
      oauth1_signed_base_string: [[P, P], R],
      oauth1_signed_normalized_parameters: [[P, P], R],
      oauth1_signed_authorization_header: [[P, P], R],
      oauth1_signed_url: [[P, P], R],
      oauth1_signed_form_body: [[P, P], R],
      oauth1_signed_oauth_query: [[P, P], R],
      oauth1_signed_oauth_parameter_count: [[P, P], R],
      oauth1_signed_oauth_parameter: [[P, :size_t, P, P], R],
      oauth1_signer_builder_new: [[S, S, P], R],
      oauth1_signer_builder_free: [[P], :void],
      oauth1_signer_builder_set_token: [[P, S, S], R],
      oauth1_signer_builder_set_signature_method: [[P, S], R],
      oauth1_signer_builder_set_realm: [[P, S], R],
      oauth1_signer_builder_set_rsa_private_key_pem: [[P, S], R],
      oauth1_signer_builder_set_include_version: [[P, :bool], R],
      oauth1_signer_builder_set_body_hash: [[P, :bool], R],
      oauth1_signer_builder_set_body_hash_policy: [[P, S], R],
      oauth1_signer_builder_set_nonce: [[P, :size_t, S], R],
      oauth1_signer_builder_build: [[P, P], R],
      oauth1_signer_free: [[P], :void],
      oauth1_signer_to_builder: [[P, P], R],
      oauth1_signer_with_token: [[P, S, S, P], R],
      oauth1_signer_consumer_key: [[P, P], R],
      oauth1_signer_token: [[P, P], R],
      oauth1_signer_signature_method: [[P, P], R],
      oauth1_signer_realm: [[P, P], R],
      oauth1_signer_sign: [[P, S, S, P, :size_t, S, P, P], R],
      oauth1_signer_request_token_request: [[P, S, S, P], R],
      oauth1_signer_access_token_request: [[P, S, S, P], R],
      oauth1_sign_options_new: [[P], R],
      oauth1_sign_options_free: [[P], :void],
      oauth1_sign_options_set_timestamp: [[P, :uint32, S], R],
      oauth1_sign_options_set_nonce: [[P, :uint32, S], R],
      oauth1_sign_options_set_callback: [[P, S], R],
      oauth1_sign_options_set_verifier: [[P, S], R],
      oauth1_sign_options_add_extra_oauth_param: [[P, S, S], R],
      oauth1_sign_options_clear_extra_oauth_params: [[P], R],
      oauth1_verifier_new: [[P], R],
      oauth1_verifier_free: [[P], :void],
      oauth1_verifier_set_signature_methods: [[P, P, :size_t], R],
      oauth1_verifier_allow_signature_method: [[P, S], R],
      oauth1_verifier_is_allowed: [[P, S, P], R],
      oauth1_verifier_set_timestamp_window: [[P, :uint64], R],
      oauth1_verifier_timestamp_window: [[P, P], R],
      oauth1_verifier_set_clock: [[P, :uint64], R],
      oauth1_verifier_use_system_clock: [[P], R],
      oauth1_verifier_now: [[P, P], R],
      oauth1_verifier_verify: [[P, P, P, S, S, S, P, :size_t, S, P, P], R],
      oauth1_verifier_verify_headers: [[P, P, P, S, S, P, :size_t, P, :size_t, P, P], R],
      oauth1_received_url: [[:bool, S, P, :size_t, :bool, P], R],
      oauth1_credentials_new: [[P], R],
      oauth1_credentials_new_with_callbacks: [[P, P, P, P], R],
      oauth1_credentials_free: [[P], :void],
      oauth1_credentials_add_consumer: [[P, S, S, S], R],
      oauth1_credentials_add_token: [[P, S, S, S], R],
      oauth1_credentials_remove_consumer: [[P, S], R],
      oauth1_credentials_remove_token: [[P, S], R],
      oauth1_credentials_consumer_count: [[P, P], R],
      oauth1_credentials_token_count: [[P, P], R],
      oauth1_consumer_answer_set_secret: [[P, S], R],
      oauth1_consumer_answer_set_rsa_public_key_pem: [[P, S], R],
      oauth1_token_answer_set: [[P, S, S], R],
      oauth1_nonce_store_new: [[P], R],
      oauth1_nonce_store_new_with_callback: [[P, P, P], R],
      oauth1_nonce_store_free: [[P], :void],
      oauth1_nonce_store_check_and_record: [[P, S, S, :uint64, S, :uint64, :uint64, P], R],
      oauth1_nonce_store_contains: [[P, S, S, :uint64, S, P], R],
      oauth1_nonce_store_len: [[P, P], R],
      oauth1_nonce_store_forget_expired: [[P, :uint64, :uint64], R],
      oauth1_verified_free: [[P], :void],
      oauth1_verified_consumer_key: [[P, P], R],
      oauth1_verified_token: [[P, P], R],
      oauth1_verified_signature_method: [[P, P], R],
      oauth1_verified_realm: [[P, P], R],
      oauth1_verified_nonce: [[P, P], R],
      oauth1_verified_timestamp: [[P, P], R],
      oauth1_verified_parameter_location: [[P, P], R],
      oauth1_verified_get: [[P, S, P], R],
      oauth1_verified_oauth_parameter_count: [[P, P], R],
      oauth1_verified_oauth_parameter: [[P, :size_t, P, P], R],
      oauth1_problem_free: [[P], :void],
      oauth1_problem_code: [[P, P], R],
      oauth1_problem_http_status: [[P, P], R],
      oauth1_problem_parameter_count: [[P, P], R],
      oauth1_problem_parameter: [[P, :size_t, P], R],
      oauth1_problem_message: [[P, P], R],
      oauth1_problem_www_authenticate: [[P, S, P], R],
      oauth1_problem_body: [[P, P], R],
      oauth1_problem_acceptable_timestamps: [[P, P, P], R],
      # Provider profiles and NetSuite's TokenPassport (declared so the
      # header check stays whole; the Ruby classes for them are not written yet).
      oauth1_signer_builder_new_for_profile: [[S, S, S, S, P], R],
      oauth1_signer_builder_set_monotonic_timestamps: [[P, :bool], R],
      oauth1_verifier_new_for_profile: [[S, P], R],
      oauth1_profile_count: [[], :size_t],
      oauth1_profile_name: [[:size_t, P], R],
      oauth1_profile_get: [[S, S, P], R],
      oauth1_token_passport_signer_new: [[S, S, S, S, S, P], R],
      oauth1_token_passport_signer_free: [[P], :void],
      oauth1_token_passport_signer_sign: [[P, :uint32, S, :uint32, S, P], R],
      oauth1_token_passport_free: [[P], :void],
      oauth1_token_passport_signature: [[P, P], R],
      oauth1_token_passport_base_string: [[P, P], R],
      oauth1_token_passport_timestamp: [[P, P], R],
      oauth1_token_passport_nonce: [[P, P], R],
      oauth1_token_passport_xml: [[P, S, P], R],
      # The provider library (declared so the header check stays whole; the
      # Ruby classes for it are not written yet).
      oauth1_provider_new: [[S, S, P], R],
      oauth1_provider_free: [[P], :void],
      oauth1_provider_add_consumer: [[P, S, S, S, S], R],
      oauth1_provider_remove_consumer: [[P, S, P], R],
      oauth1_provider_request_token: [[P, S, S, P, :size_t, P, :size_t, P], R],
      oauth1_provider_access_token: [[P, S, S, P, :size_t, P, :size_t, P], R],
      oauth1_provider_authenticate: [[P, S, S, P, :size_t, P, :size_t, P], R],
      oauth1_provider_authorization: [[P, S, P], R],
      oauth1_provider_decide: [[P, S, :bool, S, S, P], R],
      oauth1_provider_revoke: [[P, S, P], R],
      oauth1_provider_response_free: [[P], :void],
      oauth1_provider_response_status: [[P, P], R],
      oauth1_provider_response_content_type: [[P, P], R],
      oauth1_provider_response_body: [[P, P], R],
      oauth1_provider_response_get: [[P, S, P], R],
    }.freeze
    FUNCTIONS.each { |name, (params, result)| attach_function(name, params, result) }

    OK = 0
    NOT_FOUND = 4
    VERIFICATION_FAILED = 13
    UTF8_LIKE = [Encoding::UTF_8, Encoding::US_ASCII, Encoding::BINARY].freeze

    module_function

    # A String for a `const char *` argument: UTF-8 (other encodings are
    # transcoded; bytes of a binary string go as they are and the library
    # checks them), and no NUL byte, which would cut a C string short.
    def cstr(value, what)
      raise TypeError, "#{what} must be a String, not #{value.class}" unless value.is_a?(String)

      value = value.encode(Encoding::UTF_8) unless UTF8_LIKE.include?(value.encoding)
      raise InteriorNul.new("#{what} holds a NUL byte, which a C string cannot carry", 5) if value.include?("\0")

      value
    end

    def opt_cstr(value, what)
      value.nil? ? nil : cstr(value, what)
    end

    # The bytes of a body (any byte, NUL included: it goes with its length).
    def bytes(value, what)
      return nil if value.nil?
      raise TypeError, "#{what} must be a String, not #{value.class}" unless value.is_a?(String)

      value
    end

    # A uint64_t argument.
    def seconds(value, what)
      raise TypeError, "#{what} must be an Integer, not #{value.class}" unless value.is_a?(Integer)
      raise InvalidParameter.new("#{what} #{value} is negative", 10) if value.negative?

      value
    end

    # Raises the exception of a failed call's result code, with the library's message.
    def check(result)
      raise error(result) unless result == OK
    end

    def error(result)
      message = last_error_message
      message = oauth1_result_str(result) if message.empty?
      ERRORS.fetch(result, Error).new(message, result)
    end

    def last_error_message
      length = oauth1_last_error_message(nil, 0)
      return +"" if length.zero?

      buffer = FFI::MemoryPointer.new(:char, length + 1)
      oauth1_last_error_message(buffer, length + 1)
      buffer.read_bytes(length).force_encoding(Encoding::UTF_8)
    end

    # Output slots (a `char **`, a `size_t *`, ...) for one call at a time:
    # allocated once per thread (fiber) and reused, since a MemoryPointer costs
    # more than the call it serves; each is read right after its call.
    def slots
      Thread.current[:__oauth1_slots] ||= Array.new(3) { FFI::MemoryPointer.new(:uint64) }
    end

    # Copies a library string out of its slot and frees it.
    def take(slot)
      pointer = slot.read_pointer
      value = pointer.read_string.force_encoding(Encoding::UTF_8)
      oauth1_string_free(pointer)
      value
    end

    # Calls `function(*args, slot)` and returns the string it wrote; nil on
    # OAUTH1_RESULT_NOT_FOUND when absent_is_nil.
    def string_out(function, *args, absent_is_nil: false)
      slot = slots[0]
      result = public_send(function, *args, slot)
      return nil if absent_is_nil && result == NOT_FOUND

      check(result)
      take(slot)
    end

    # The size_t `function(*args, out)` writes (counts, lengths).
    def size_out(function, *args) = number_out(:size_t, function, *args)

    # The uint64 `function(*args, out)` writes (seconds).
    def uint64_out(function, *args) = number_out(:uint64, function, *args)

    # The number of C type `type` that `function(*args, out)` writes.
    def number_out(type, function, *args)
      slot = slots[0]
      check(public_send(function, *args, slot))
      slot.read(type)
    end

    # The [name, value] pairs a count/at-index getter pair gives.
    def pairs(count_function, at_function, handle)
      Array.new(size_out(count_function, handle)) do |i|
        name, value = slots
        check(public_send(at_function, handle, i, name, value))
        [take(name), take(value)]
      end
    end

    # An oauth1_header array from name => value (a value may be an Array:
    # each is one header) or [[name, value], ...]; returns the array, its
    # length and what must stay alive while it is used.
    def headers(headers)
      flat = []
      headers.each do |name, values|
        Array(values).each { |value| flat << [cstr(name.to_s, "a header name"), cstr(value, "header #{name}")] }
      end
      return [nil, 0, []] if flat.empty?

      array = FFI::MemoryPointer.new(Header, flat.size)
      keep = [array]
      flat.each_with_index do |(name, value), i|
        header = Header.new(array + (i * Header.size))
        header[:name] = keep.push(FFI::MemoryPointer.from_string(name)).last
        header[:value] = keep.push(FFI::MemoryPointer.from_string(value)).last
      end
      [array, flat.size, keep]
    end

    # The _free function of each handle type, as the callables AutoPointer calls.
    RELEASERS = Hash.new { |cache, name| cache[name] = Native.method(name) }

    # A handle the library made, freed by its _free function when the Ruby
    # object is collected, or at once by #free (what every #close calls).
    def handle(pointer, free_function)
      FFI::AutoPointer.new(pointer, RELEASERS[free_function])
    end

    # Makes a handle with `function(*args, slot)`; freed by free_function.
    def new_handle(function, free_function, *args)
      slot = slots[0]
      check(public_send(function, *args, slot))
      handle(slot.read_pointer, free_function)
    end
  end
end
