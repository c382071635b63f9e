"""Pages of the surveys app, one module per part: surveys, the builder, answering, results."""
