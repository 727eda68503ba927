"""The application layer: the ``drscout`` command line and the run history.

It sits above the three libraries (``scanner`` -> ``analysis`` -> ``reports``) and is the only
package that imports all of them; none of them imports it.  Files are written here, never in
the libraries."""
