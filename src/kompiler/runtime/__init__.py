"""How kompiler runs at national scale: the garbage collector, shared objects, forked processes and signals.

None of this changes what a stage computes, only how fast and in how much memory it does: the domain
code (model, rules, graph, render) stays free of it, and the stages' entry points apply it.
"""
