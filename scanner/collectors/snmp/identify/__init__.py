"""What a device is: vendor, type, model, OS, version and serial, each a weighted claim
with its evidence.  General evidence (the enterprise registry, standard MIBs, the shape of
the sysDescr) comes first; the vendor tables under ``vendors`` and ``products`` refine it."""
