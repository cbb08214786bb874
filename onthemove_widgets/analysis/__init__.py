"""Plain pandas functions: no widgets, no files, no kernel. Tested in milliseconds."""
