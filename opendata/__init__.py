"""Public document library and open data: /documentos/ and /datos/ (fixed addresses)."""
