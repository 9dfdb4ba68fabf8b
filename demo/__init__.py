"""Demo content for the portal: the Alcaldía de Palmira's 2021 accountability cycle.

The content lives as plain data in the modules of this package (``organisation``,
``indicators``, ``stakeholders``, ``documents``, ``cycle``, ``users``); ``loader`` turns it
into objects with the idempotent helpers of ``helpers``; ``pdf`` builds the documents' files.
Run it with ``python manage.py load_demo_data``.
"""
