"""Layout settings: the layout model, its checks, and the pages a pack will surely print."""
