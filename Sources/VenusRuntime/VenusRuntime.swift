// VenusRuntime: repo folders, config, token files, logging.
