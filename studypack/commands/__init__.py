"""The commands: the command line, completion, watch, preview, new, serve."""
