#!/usr/bin/env bash
# Install everything the tests need from the project's own files, then run the whole suite.
# Usage: bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

python -m pip install --quiet --disable-pip-version-check -e ".[test]"

python -m pytest "$@"
