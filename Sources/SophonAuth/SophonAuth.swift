// SophonAuth: the pool's token authority.
