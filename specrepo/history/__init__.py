"""Everything that talks to git: the only package that imports GitPython."""

import os

# GitPython refuses to import when no git executable is found; specrepo must still run
# (validate needs no git), and says "git is not installed" when history is asked for.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")
