"""``python -m neurosim``: the command line, the same as the ``neurosim`` console script.

The library never imports the CLI; this file is the one exception, run only as ``python -m neurosim`` (it is the
entry point itself, not part of the library's import graph).
"""

from neurosim_cli.main import main

if __name__ == "__main__":
    main()
