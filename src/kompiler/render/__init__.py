"""The render stage: the compiled corpus as bytes (documents in Markdown, PDF and Word, the site's pages,
model.json) through Jinja templates; writing them into the output folder is :mod:`kompiler.build`'s."""
