"""Import and export of the development plan's indicator matrix (docs/indicator-import.md).

``importer.plan.build_plan`` reads a file and says what would change,
``importer.apply.apply_plan`` writes it (all or nothing), ``importer.export.write_xlsx`` /
``write_ods`` / ``write_csv`` export in the same format (the admin export, the command and
the public files of /datos/).
"""
