"""The bottom layer: errors, where each value was written, plain-word messages, lengths, paths, bounds, discovery, process pools."""
