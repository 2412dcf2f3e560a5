"""Experiments: ensembles over declared uncertainties, what-ifs against a baseline, sensitivity,
scenario discovery and claim verdicts, run on interchangeable executors."""
