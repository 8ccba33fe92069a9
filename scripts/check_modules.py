#!/usr/bin/env python3
"""Validation script: checks module structure, quizzes, links and safety (same as `kompetensi check`).

Usage: python scripts/check_modules.py [PATH ...] [--format text|json|github] [--strict] [--online]
"""

import sys

from kompetensi.cli import main

if __name__ == "__main__":
    sys.exit(main(["check", *sys.argv[1:]]))
