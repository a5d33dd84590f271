"""The use cases: scan, init, letter, pack and checklists, each a plain function the CLI calls once."""
