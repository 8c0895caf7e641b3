"""Every output format of every command, and writing files and standard output safely."""
