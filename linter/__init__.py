"""relint: a compliance linter for rule-of-law government reports.

The package keeps its import cheap: ``relint --version`` must not pay for pluggy,
lark or the rules. ``hookimpl`` is therefore created on first access.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "hookimpl"]


def __getattr__(name):
    if name == "hookimpl":
        from linter.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(f"module 'linter' has no attribute {name!r}")
