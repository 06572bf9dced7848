"""The GraphQL object types, one concept per module, each with a `from_domain` constructor."""
