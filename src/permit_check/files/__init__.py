"""Facts about files: walk the folder, tell each file's kind, inspect it in killable workers, cache the facts."""
