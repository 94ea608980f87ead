"""What the people stage says, as documents and tables: per-person documents (Markdown, PDF, Word) and the
CSV tables HR systems import, which go only to the private folder, and the agency's suppressed aggregates,
the only part that may reach the public site."""
