# frozen_string_literal: true

require_relative "helper"
require "open3"

# The README's signing example runs as written.
class TestReadme < Minitest::Test
  def test_signing_example_runs
    readme = File.read(File.expand_path("../../bindings/ruby/README.md", __dir__))
    code = readme[/```ruby\n(.*?)```/m, 1]
    lib = File.expand_path("../../bindings/ruby/lib", __dir__)
    output, status = Open3.capture2e(RbConfig.ruby, "-I", lib, "-e", code)
    assert status.success?, output
    assert output.start_with?('Authorization: OAuth realm="1234567_SB1", oauth_consumer_key="ck_5f4dcc3b5aa765d61d8327deb882cf99"'), output
  end
end
