"""The directory as Open Referral HSDS 3.0 open data: export (`export.py`), the tabular CSV package
(`tabular.py`), validation against the official schemas copied into `schemas/` (`validation.py`) and import
(`importer.py`, called by the service `import_directory`).

What HSDS has no field for (the reading, the organisation type, the area, the service type, the stages of
the ladder a service suits) travels as `attributes` whose taxonomy terms belong to the taxonomy
"tsunagu" (`terms.py`). Ids are the records' uuids; the ids of what Tsunagu keeps as plain fields (a
phone, an address, an attribute) are derived from their owner's uuid (uuid5), so an export, imported into
an empty database and exported again, gives the same document.
"""
