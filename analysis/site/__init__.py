"""The site file: what people know about the office that no scan can see.

``model`` is the validated TOML shape, ``load`` reads and checks it, ``apply`` merges it
into the inventory and the graph (processes, redundancy groups, power, overrides)."""
