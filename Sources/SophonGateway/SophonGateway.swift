// sophon-gateway: routes pool services' requests to storage providers' dialled-in connections.
