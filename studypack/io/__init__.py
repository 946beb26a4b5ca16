"""Files in and out: YAML with locations, rosters, the workspace and settings files that extend each other, the cache, atomic writes."""
