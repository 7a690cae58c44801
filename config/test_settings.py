"""Settings for the test suite: the local (DEBUG) defaults with per-process caches.

Tests that need the shared database cache set it themselves.
"""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("CACHE", "memory")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("REQUEST_LOG_LEVEL", "WARNING")

from .settings import *  # noqa: F403
