"""The `rag` command line.

- `program`: the arguments (`rag index|search|ask|serve|eval|feedback|keys`) and errors turned into messages
  and exit codes in one place (2 for bad input, 1 for anything else).
- `commands`: what each command does, through `rag.runtime` for anything that answers or searches.
"""

from rag.cli.program import main

__all__ = ["main"]
