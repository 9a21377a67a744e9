"""One module per briefing section; each exposes ``build(ctx) -> Section``."""
