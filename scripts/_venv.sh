# Sourced by scripts/serve and scripts/test: make sure .venv exists, with the project in it.
# Usage: ensure_venv [extras]   e.g. ensure_venv dev

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
  if [[ -n $extras ]]; then
    .venv/bin/python -m pip install -q -e ".[$extras]"
  else
    .venv/bin/python -m pip install -q -e .
  fi
}
