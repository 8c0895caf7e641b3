"""Everything that talks to git: the only package that imports GitPython."""
