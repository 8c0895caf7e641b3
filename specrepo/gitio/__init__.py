"""The only code that runs git: plain subprocesses with fixed configuration, typed answers."""
