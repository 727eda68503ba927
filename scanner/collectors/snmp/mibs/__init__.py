"""One module per MIB (or MIB group): a pure ``parse`` from walked values to plain records.

No network and no guessing here: what a device *is* belongs to :mod:`..identify`."""
