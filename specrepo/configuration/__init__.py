"""Find, read and check specrepo.yaml."""
