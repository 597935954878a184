"""One module per regulation, each following :class:`nmgpolicy.engine.RuleSet`."""
