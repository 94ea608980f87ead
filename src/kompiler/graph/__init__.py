"""The graph stage: the job-family graph of the compiled model, similarities, merge groups and proposals.

Imported only by the commands that need it, because numpy, scipy, networkx and igraph take a while to load.
"""
