"""The Inventory and how it is built: the contract between the scanner and the rest.

``model`` (the versioned data model) and ``schema`` (its published JSON Schema); ``sighting``
(what one collector saw of one device); ``identity``, ``grouping`` and ``resolve`` (which
sightings are one device, and what it is); ``roles``, ``versions`` and ``device_status``
(facts derived from the merged evidence); ``build`` (collector results -> Inventory)."""
