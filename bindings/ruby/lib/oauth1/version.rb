# frozen_string_literal: true

module OAuth1
  # The version of this gem (the workspace's, from Cargo.toml).
  VERSION = "0.1.0"
end
