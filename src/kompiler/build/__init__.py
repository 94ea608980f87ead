"""``kompiler build``: run the stages in order and write their output folder safely.

:mod:`~kompiler.build.orchestrate` runs check, graph and render; :mod:`~kompiler.build.output` owns the
output folder (its marker, its lock, the atomic swap that replaces it); :mod:`~kompiler.build.pages`
renders pages in worker processes; :mod:`~kompiler.build.graph_files` writes the merge stage's files;
:mod:`~kompiler.build.amendment` writes the documents of ``kompiler diff --amendment``. The stages
themselves (:mod:`kompiler.graph`, :mod:`kompiler.render`) only turn the corpus into data and bytes.
"""
