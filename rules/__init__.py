"""relint's built-in rules, installed as ``linter.rules``.

Each module is a plugin registered through the ``relint`` entry-point group, exactly
as a third-party rule pack would be (see ``linter/hookspecs.py``).
"""
