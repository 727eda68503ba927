"""What changed between two assessed scans: assets, SPOFs, findings and lost redundancy.

Pure functions over two :class:`~analysis.model.Assessment` objects; the run history
(:mod:`drscout.history`) and ``drscout diff`` feed them, :mod:`reports.diff_md` renders them."""
