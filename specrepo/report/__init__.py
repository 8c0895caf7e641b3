"""`specrepo report`: where every spec stands, built from mined history."""
