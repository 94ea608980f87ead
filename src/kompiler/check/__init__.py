"""The check's own machinery: the per-file stage, its cache and parallelism, and what a check remembers.

The per-file stage (:mod:`~kompiler.check.load` → :mod:`~kompiler.check.schema`, joined by
:mod:`~kompiler.check.per_file`) turns one file's bytes into a located document and its diagnostics,
knowing nothing of other files; :mod:`~kompiler.check.parallel` runs it over many files, and
:mod:`~kompiler.check.cache` keeps its outcomes between runs. :mod:`~kompiler.check.facts` is what a
check learns about a corpus, so that the next one re-checks only what changed
(:mod:`~kompiler.check.incremental`); :mod:`~kompiler.check.record` is what it records of its run, to
answer the same check again (:class:`~kompiler.check.record.RecalledResult`, a
:class:`~kompiler.check.result.CompileResult`). The stages that need the whole corpus (model, rules)
live in their own folders; :mod:`kompiler.pipeline` runs them all.
"""
