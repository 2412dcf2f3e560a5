"""Experiments: ensembles, what-ifs against a baseline, sensitivity, discovery and claims.

Ensembles over the declared uncertainties run on interchangeable executors (one process, a
process pool, or dask.distributed) with the same results on each.
"""
