"""specrepo: a git-native, static repository manager for technical design specs."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("specrepo")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
