// sophon-gateway executable (see Sources/SophonGateway).
print("sophon-gateway: not yet implemented")
