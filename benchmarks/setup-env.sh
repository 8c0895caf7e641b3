#!/usr/bin/env bash
# The benchmark environment: the tools specrepo is compared against, kept out of the
# project's own dependencies.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m venv .venv
.venv/bin/pip install --quiet -r requirements.txt
