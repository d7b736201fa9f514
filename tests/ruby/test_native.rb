# frozen_string_literal: true

require_relative "helper"

# The ffi declarations of bindings/ruby/lib/oauth1/native.rb against
# include/oauth1.h: every function of the header is attached, with one
# parameter per C parameter, of the matching kind.
class TestNative < Minitest::Test
  HEADER = File.read(File.expand_path("../../include/oauth1.h", __dir__))

  # name => [parameter C types], from the header's prototypes.
  def prototypes
    text = HEADER.gsub(%r{/\*.*?\*/}m, "").gsub(%r{//[^\n]*}, "")
    text.scan(/^[a-z_][\w\s\*]*?\b(oauth1_\w+)\(([^)]*)\);/m).to_h do |name, params|
      types = params.strip == "void" ? [] : params.split(",").map { |p| p.strip.sub(/\s*\b\w+\z/, "").gsub(/\s+/, " ") }
      [name.to_sym, types]
    end
  end

  def expected_ffi_type(c_type)
    case c_type
    when "const char *" then :string
    when "bool" then :bool
    when "size_t" then :size_t
    when "uint64_t" then :uint64
    when "uint32_t" then :uint32
    else c_type.include?("*") || c_type.match?(/\Aoauth1_\w+\z/) ? :pointer : c_type
    end
  end

  def test_every_function_of_the_header_is_declared
    declared = OAuth1::Native::FUNCTIONS
    missing = prototypes.keys - declared.keys
    assert_empty missing, "include/oauth1.h declares functions native.rb does not attach"
    assert_empty OAuth1::Native::FUNCTIONS.keys - prototypes.keys, "native.rb attaches functions the header lacks"
  end

  def test_parameters_match_the_header
    declared = OAuth1::Native::FUNCTIONS
    prototypes.each do |name, c_types|
      params, = declared.fetch(name)
      # Bodies are pointers with a length (they may hold NUL bytes).
      expected = c_types.map { |t| t == "const uint8_t *" ? :pointer : expected_ffi_type(t) }
      assert_equal expected, params, "#{name}: #{c_types.join(', ')}"
    end
  end
end
