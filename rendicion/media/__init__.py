"""Documents and images: uploads checked for what they claim to be, files served only while
public (``views``, ``storage``, ``privacy``), and the audit trail of replaced files. Whether a
file is public is ``rendicion.visibility``'s answer; who may see it before that,
``rendicion.editorial.scope``'s. See docs/documents.md and docs/private-media.md."""
