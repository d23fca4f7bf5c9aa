#!/usr/bin/env bash
# Writes the Word and OpenDocument fixtures from their Markdown sources with pandoc (Debian's
# pandoc 2.17.1.1 made the committed files). Run from anywhere: Tests/DuidingTests/Fixtures/interviews/make_fixtures.sh
set -euo pipefail
cd "$(dirname "$0")"
pandoc --from markdown --to docx --output griffier.docx griffier.md
pandoc --from markdown --to odt --output provincie.odt provincie.md
