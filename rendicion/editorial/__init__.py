"""The editorial process: who may see and change what (``scope``), what the workflow
publishes and which writes it refuses while an item is in review (``moderation``), and the
signal handlers that keep both in force (``signals``). See docs/workflow.md."""
