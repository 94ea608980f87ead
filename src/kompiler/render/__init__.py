"""The render stage: everything written to the output folder is produced here from the compiled corpus."""
