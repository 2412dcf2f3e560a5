"""Engines: pure functions over numpy arrays (power, bargaining, alignment, partition).

Engines know nothing of files, the CLI or the web; randomness comes in as an explicit
:class:`numpy.random.Generator`.
"""
