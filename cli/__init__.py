"""The ``neurosim`` command line: a thin Click layer over the library (installed as ``neurosim_cli``)."""
