"""Mining git history: lineages of spec files, events, status periods, and the cache."""
