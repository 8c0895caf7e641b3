"""Find, read and check `specrepo.yaml`, giving a `Config`."""
