"""The people stage: competency gaps, development plans, assignment and mobility, measured against the
compiled standards. It reads assessments (personal data) from files given on the command line, never
from the standards project, and returns data; ``build/`` writes it to a private folder."""
