"""Build a static HTML site of the specs: pages, timelines, a JSON index and an Atom feed."""
