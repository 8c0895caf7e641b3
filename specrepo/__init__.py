"""specrepo: a git-native, static repository manager for technical design specs."""


def __getattr__(name: str) -> str:
    """`__version__`, looked up when first asked for: importing the package stays instant,
    so the console script answers Ctrl-C from its first line (see `specrepo.__main__`)."""
    if name != "__version__":
        raise AttributeError(f"module 'specrepo' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415 (lazy)

    try:
        return version("specrepo")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+unknown"
