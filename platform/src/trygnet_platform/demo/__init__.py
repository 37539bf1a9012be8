"""Demo data shaped like the real world (DOMAIN.md), written through the public GraphQL
API as a municipality's coordinator would: deterministic, so every run looks alike."""
