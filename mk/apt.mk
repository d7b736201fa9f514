# Debian packages the suites need, installed with apt-get only when missing
# (through sudo unless make runs as root). Used by the mk files of the
# language bindings, the demo and the Redis tests; CALLER, the first
# argument, names the mk file in the message.

APT_SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# $(call apt_ensure,CALLER,PACKAGES): installs those of PACKAGES dpkg does not list.
define apt_ensure
	@missing=""; for p in $(2); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "$(1): installing$$missing with apt-get"; \
	  $(APT_SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(APT_SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

# $(call apt_ensure_for,CALLER,CHECK,PACKAGE): installs PACKAGE when the
# shell command CHECK fails (e.g. a command or header found elsewhere counts).
define apt_ensure_for
	@if ! $(2) >/dev/null 2>&1; then \
	  echo "$(1): installing $(3) with apt-get"; \
	  $(APT_SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(APT_SUDO) apt-get install -y -qq --no-install-recommends $(3) >/dev/null; \
	fi
endef
