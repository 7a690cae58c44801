"""Settings for the test suite: the local (DEBUG) defaults with per-process caches.

Tests that need the shared database cache set it themselves.
"""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("CACHE", "memory")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("REQUEST_LOG_LEVEL", "WARNING")
os.environ.setdefault("RESPONSE_CACHE_SECONDS", "0")  # tests that cache responses turn it on

from .settings import *  # noqa: F403

# A second database for the routing tests (tests/test_read_replicas.py): a replica that never catches
# up, so that a read reaching it shows. The router leaves it alone until a test lists it in
# DATABASE_REPLICAS; only tests that name it in `databases` get it created.
DATABASE_REPLICAS = []
DATABASES = {
    "default": DATABASES["default"],  # noqa: F405
    "replica1": {
        **DATABASES["default"],  # noqa: F405
        "TEST": {}
        if DATABASES["default"]["ENGINE"].endswith("sqlite3")  # noqa: F405
        else {"NAME": f"test_{DATABASES['default']['NAME']}_replica1"},  # noqa: F405
    },
}
