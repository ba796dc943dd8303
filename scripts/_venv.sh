# Sourced by scripts/serve and scripts/test: make sure .venv exists, with the project in it.
# Usage: ensure_venv [extras]   e.g. ensure_venv dev (installs requirements/dev.txt)

ensure_venv() {
  local extras=${1:-} python
  if [[ ! -x .venv/bin/python ]]; then
    python=$(command -v python3.11 || command -v python3 || true)
    if [[ -z $python ]]; then
      echo "error: Python 3.11 is needed (neither python3.11 nor python3 is on PATH)" >&2
      exit 1
    fi
    if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "error: $python is Python $("$python" -c 'import platform; print(platform.python_version())'); Pasokh needs 3.11 or newer" >&2
      exit 1
    fi
    echo "creating .venv with $python" >&2
    "$python" -m venv .venv
  fi
  export PIP_DISABLE_PIP_VERSION_CHECK=${PIP_DISABLE_PIP_VERSION_CHECK:-1}
  # The dependencies come from the lock file (exact versions, checked against their hashes),
  # the project itself without resolving anything again (docs/dependencies.md).
  .venv/bin/python -m pip install -q --require-hashes -r "requirements/${extras:-runtime}.txt"
  .venv/bin/python -m pip install -q --no-deps -e .
}

# The browser tests (tests/browser) drive Debian's Chromium through Playwright, which never
# downloads a browser of its own. Install the package when it is missing and we may: as
# root, or with passwordless sudo. Otherwise say how; the browser tests then skip with that
# reason, and fail under CI=true.
# Debian packages the tests drive: Chromium (browser tests), nginx (the proxy in front of
# two instances) and docker-compose (validates docker-compose.yml). Installed when missing.
ensure_test_tools() {
  local missing=() sudo=()
  [[ -x ${PASOKH_CHROMIUM:-/usr/bin/chromium} ]] ||
    missing+=(chromium fonts-liberation fonts-dejavu-core)
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
  command -v docker-compose >/dev/null || docker compose version >/dev/null 2>&1 ||
    missing+=(docker-compose)
  (( ${#missing[@]} )) || return 0
  if ! command -v apt-get >/dev/null; then
    echo "note: missing ${missing[*]}; install them to run every test" >&2
    return 0
  fi
  if (( EUID != 0 )); then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
      sudo=(sudo -n)
    else
      echo "note: missing ${missing[*]}; run 'sudo apt-get install ${missing[*]}'" >&2
      return 0
    fi
  fi
  echo "installing Debian packages for the tests: ${missing[*]}" >&2
  if ! { "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
         "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
           --no-install-recommends "${missing[@]}" >/dev/null; }; then
    echo "warning: installing ${missing[*]} failed; the tests that need them cannot run" >&2
  fi
}
