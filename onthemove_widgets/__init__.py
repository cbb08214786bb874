"""On the Move."""

import sys

# jsonschema (under Altair, nbformat and Papermill) imports rfc3987_syntax, when it is
# installed, only to check the "iri" and "iri-reference" formats, which none of our
# schemas or Jupyter's use; that import builds some 35 Earley parsers and costs 1.4 s in
# every process that imports jsonschema: each report worker and kernel, each Voilà
# kernel. Marking the module absent makes jsonschema skip those two formats
# (python-jsonschema/jsonschema#1428).
sys.modules.setdefault("rfc3987_syntax", None)
