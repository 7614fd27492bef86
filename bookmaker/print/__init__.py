"""Print for binders: trim sizes, imposition into signatures, cover wraps and print-on-demand checks."""
