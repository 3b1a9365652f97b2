"""The linter: what `prfacts check` adds around the analysis. The configuration, the budget of a
document, suppression comments, the engine shared by check, batch and serve, and the rule examples."""
