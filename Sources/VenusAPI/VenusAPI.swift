// VenusAPI: method descriptions and DTOs of every API.
