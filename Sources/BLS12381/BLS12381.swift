// BLS12381: see ARCHITECTURE.md for this module's job.
