"""One module per command: `run(config, options)` gives a result with its exit code."""
