"""Whole runs replayed: a run of the ``relint`` command over inputs that have not changed,
with the same command line, configuration, code and environment, writes what the last such
run wrote, without loading a rule (computation caching, as Nx and Turborepo replay a task).

The per-file result cache (:mod:`linter.cache`) skips linting an unchanged file, but a run
still loads every rule and writes every finding again: 1.6 s for 600 unchanged reports, of
which 0.2 s is start-up. A record of the run makes it a few file reads.

What a run depends on is observed, not listed by hand: an audit hook (PEP 578) sees every
file the process opens for reading and every folder it lists; the record keeps a hash of
each file's bytes and of each folder's names, the size and mtime of every module loaded
(outside the standard library), whether each file looked for exists (:func:`probe`: the
config files discovery looks for, last year's report beside this year's), the command line, the
working folder, the environment, the date (rules anchor years on it) and the Python.
A replay checks all of it first; any difference, and the run goes the normal way.

What is not observed is not recorded: a run with worker processes (their reads are
invisible here), one that started a program (git's ignore rules), one that fixes files,
reads stdin, fails (exit 2) or writes a format that is not plain text. Only the command
itself records and replays (``main()`` called with ``argv=None``): a program calling
:func:`linter.cli.main` may hold state (registered plugins) no file shows.

A record lives in ``.relint_cache/runs/`` and carries an HMAC made with the user's secret
(the result cache's), so a record this user's relint did not write is never replayed.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import stat
import sys

#: Bumped when the record's layout changes.
VERSION = "replay-1"
#: Formats whose whole output is text written through the output stream.
RECORDED_FORMATS = ("text", "json", "sarif", "github", "junit", "checklist", "html", "csv")
#: Environment variables that differ between identical runs of one shell.
_VOLATILE_ENV = ("_", "OLDPWD", "SHLVL")
#: Folders whose files say nothing about a run's output.
_UNREAD = ("/proc/", "/dev/", "/sys/")
_CHUNK = 1 << 16

#: The run being recorded in this process, or None (the audit hook then does nothing).
_RECORDING: "Recording | None" = None
_HOOKED = False


def eligible(args) -> bool:
    """A run that can be recorded or replayed, as far as its command line says
    (``RELINT_NO_REPLAY`` set: never; the per-file cache still serves)."""
    return bool(args.paths) and "-" not in args.paths and not (
        args.fix or args.diff or args.no_cache or args.write_baseline or args.plugins or args.stdin_filename
        or os.environ.get("RELINT_NO_REPLAY"))


def _key(argv: list[str]) -> str:
    """What identifies a run before anything is read: the command, where it runs, the
    environment, the day, the Python, relint's version and the folders on sys.path (as the
    entry-point cache keys them: installing a plugin changes them)."""
    import datetime as dt

    from linter import __version__
    from linter.entrypoints import path_key

    here = os.getcwd()
    # sys.path's folders as the entry-point cache keys them, but the working folder (on
    # sys.path under ``python -m``), whose mtime changes with every file written there
    folders = [entry for entry in path_key() if entry[0] not in ("", here)]
    env = sorted((k, v) for k, v in os.environ.items() if k not in _VOLATILE_ENV)
    streams = [(stream.isatty(), getattr(stream, "encoding", None)) for stream in (sys.stdout, sys.stderr)]
    whole = json.dumps([VERSION, __version__, sys.executable, sys.version, argv, here, env,
                        dt.date.today().isoformat(), streams, folders], ensure_ascii=False)
    return hashlib.sha256(whole.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def _folder() -> str | None:
    """Where records live (the result cache's folder, checked the same way), or None."""
    from linter.cache import FOLDER

    top = os.path.join(os.path.realpath(os.getcwd()), FOLDER)
    runs = os.path.join(top, "runs")
    for path in (top, runs):  # a link anywhere: not used (see linter.cache)
        if os.path.lexists(path) and os.path.realpath(path) != path:
            return None
    return runs


def _mac(secret: bytes):
    return hmac.new(secret, VERSION.encode(), hashlib.sha256)


# --- replaying -------------------------------------------------------------------------


class Replay:
    """A verified record: what the run wrote, to be written again."""

    def __init__(self, path: str, head: dict, body_at: int):
        self.path, self.head, self.body_at = path, head, body_at
        self.output_format, self.target, self.exit = head["format"], head["target"], head["exit"]

    def chunks(self, part: str):
        """The text of ``part`` ("out" or "err"), in pieces."""
        import codecs

        start = self.body_at + (self.head["out"] if part == "err" else 0)
        left = self.head[part]
        decoder = codecs.getincrementaldecoder("utf-8")("surrogatepass")
        with open(self.path, "rb") as handle:
            handle.seek(start)
            while left > 0:
                data = handle.read(min(_CHUNK, left))
                if not data:
                    return
                left -= len(data)
                yield decoder.decode(data, final=left <= 0)


def find(argv: list[str]) -> Replay | None:
    """The record of this run, if it exists, is this user's and everything it depends on
    is as it was; else None (the run goes the normal way)."""
    from linter.cache import _secret

    folder, secret = _folder(), _secret()
    if folder is None or secret is None:
        return None
    path = os.path.join(folder, _key(argv))
    try:
        with open(path, "rb") as handle:
            mac = handle.readline().strip()
            head_line = handle.readline()
            signed = _mac(secret)
            signed.update(head_line)
            for data in iter(lambda: handle.read(_CHUNK), b""):
                signed.update(data)
        if not hmac.compare_digest(mac, signed.hexdigest().encode()):
            return None
        head = json.loads(head_line)
        if not _unchanged(head):
            return None
        return Replay(path, head, len(mac) + 1 + len(head_line))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _unchanged(head: dict) -> bool:
    return (all(_file_hash(path) == value for path, value in head["files"].items())
            and all(_module_stamp(path) == value for path, value in head["modules"].items())
            and all(_listing_hash(path) == value for path, value in head["folders"].items())
            and all(os.path.isfile(path) == value for path, value in head["probes"].items()))


def _file_hash(path: str) -> str | None:
    """A hash of the file's bytes; of its kind, if it is not a regular file (a FIFO named
    as last year's report must not block the record); None if it cannot be opened."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    with open(handle, "rb") as data:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            return f"kind {stat.S_IFMT(mode)}"
        return hashlib.blake2b(data.read(), digest_size=16).hexdigest()


def _module_stamp(path: str) -> list | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return [found.st_size, found.st_mtime_ns]


def _listing_hash(path: str) -> str | None:
    try:
        names = sorted(os.listdir(path))
    except OSError:
        return None
    return hashlib.blake2b("\0".join(names).encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()


# --- recording -------------------------------------------------------------------------


class Recording:
    """What a run reads and writes, gathered while it runs (see the module's docstring)."""

    def __init__(self, argv: list[str]):
        self.argv = argv
        self.files: set[str] = set()
        self.folders: set[str] = set()
        self.probes: dict[str, bool] = {}
        self.refused: str | None = None
        self.output_format = self.target = None
        self.out = self.err = None

    def refuse(self, reason: str) -> None:
        self.refused = self.refused or reason

    def tee(self, out, output_format: str, target: str | None):
        """``out``, its text also written to the record (when the format is recorded)."""
        if output_format not in RECORDED_FORMATS:
            self.refuse(f"format {output_format}")
            return out
        import tempfile

        self.output_format, self.target = output_format, target
        self.out = _Tee(out, tempfile.TemporaryFile())
        return self.out


class _Tee:
    """A text stream that also writes what it is given to a spool (UTF-8)."""

    def __init__(self, stream, spool):
        self.stream, self.spool, self.size = stream, spool, 0

    def write(self, text: str) -> int:
        data = text.encode("utf-8", "surrogatepass")
        self.spool.write(data)
        self.size += len(data)
        return self.stream.write(text)

    def __getattr__(self, name):  # flush, isatty, encoding, fileno: the stream's own
        return getattr(self.stream, name)


def start(argv: list[str]) -> Recording:
    """Begin recording this process's run; its stderr is teed from now on."""
    global _RECORDING, _HOOKED
    import tempfile

    if not _HOOKED:
        sys.addaudithook(_audit)
        _HOOKED = True
    recording = _RECORDING = Recording(argv)
    recording.err = _Tee(sys.stderr, tempfile.TemporaryFile())
    sys.stderr = recording.err
    return recording


def refuse(reason: str) -> None:
    """Say that the run being recorded (if any) depends on something a record cannot show."""
    if _RECORDING is not None:
        _RECORDING.refuse(reason)


def probe(path: str) -> bool:
    """Whether ``path`` is a file, as ``os.path.isfile`` says; the answer is part of the
    record of the run being recorded (a file that appears later changes the run)."""
    found = os.path.isfile(path)
    if _RECORDING is not None:
        _RECORDING.probes[os.path.abspath(path)] = found
    return found


def tee(out, output_format: str, target: str | None):
    """``out`` as the run should write to it: teed into the record when one is made."""
    return out if _RECORDING is None else _RECORDING.tee(out, output_format, target)


#: The audit events a record watches. Most events are others' (``builtins.id`` is raised
#: at every id(): a quarter of a million in a 600-report run), so this is the first test.
_WATCHED = frozenset(("open", "os.listdir", "os.scandir", "os.fork", "os.posix_spawn", "os.system", "os.exec",
                      "subprocess.Popen"))


def _audit(event: str, args) -> None:
    recording = _RECORDING
    if event not in _WATCHED or recording is None:
        return
    if event == "open":
        path, mode, flags = args
        if isinstance(path, (str, bytes)) and not _writes(mode, flags):
            recording.files.add(os.path.abspath(os.fsdecode(path)))
    elif event in ("os.listdir", "os.scandir"):
        caller = sys._getframe(1).f_code.co_filename
        if caller.startswith("<frozen importlib") or f"{os.sep}importlib{os.sep}" in caller:
            return  # imports and entry points reading sys.path's folders: the key and the modules stand for them
        path = args[0]
        if isinstance(path, (str, bytes)) or path is None:
            recording.folders.add(os.path.abspath(os.fsdecode(path) if path is not None else "."))
        else:
            recording.refuse("a folder listed by descriptor")
    elif event in ("os.fork", "os.posix_spawn", "os.system", "os.exec"):
        recording.refuse(event)
    elif event == "subprocess.Popen" and os.path.basename(os.fsdecode(args[0])) != "git":
        recording.refuse("a program started")  # git's answer is refused where it is used (linter.walk)


def _writes(mode, flags) -> bool:
    if isinstance(mode, str):
        return any(c in mode for c in "wax+")
    return isinstance(flags, int) and bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT))


def finish(recording: Recording, exit_code: int) -> None:
    """End the recording; write the record if the run can be replayed."""
    global _RECORDING
    from linter.cache import _secret

    _RECORDING = None
    sys.stderr = recording.err.stream
    out, err = recording.out, recording.err
    try:
        if recording.refused or out is None or exit_code not in (0, 1):
            return
        folder, secret = _folder(), _secret()
        if folder is None or secret is None:
            return
        cache_top = os.path.dirname(folder) + os.sep
        files = {path for path in recording.files
                 if not path.startswith((cache_top, *_UNREAD)) and "__pycache__" not in path}
        head = {"format": recording.output_format, "target": recording.target, "exit": exit_code,
                "files": {path: _file_hash(path) for path in sorted(files)},
                "modules": _modules(),
                "folders": {path: _listing_hash(path) for path in sorted(recording.folders)
                            if not (path + os.sep).startswith((cache_top, *_UNREAD))},
                "probes": recording.probes,
                "out": out.size, "err": err.size}
        _write(folder, secret, _key(recording.argv), head, (out.spool, err.spool))
    except (OSError, ValueError):
        pass  # a record that cannot be written is simply not made
    finally:
        for tee_ in (out, err):
            if tee_ is not None:
                tee_.spool.close()


def _modules() -> dict:
    """Size and mtime of every loaded module's file outside the standard library."""
    import sysconfig

    stdlib = sysconfig.get_paths()["stdlib"] + os.sep
    paths = {getattr(module, "__file__", None) for module in list(sys.modules.values())}
    return {path: _module_stamp(path) for path in sorted(p for p in paths if isinstance(p, str))
            if not path.startswith(stdlib) or "site-packages" in path}


def _write(folder: str, secret: bytes, key: str, head: dict, spools) -> None:
    import tempfile

    from linter.cache import make_folder

    make_folder(os.path.dirname(folder), folder)
    head_line = json.dumps(head, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n"
    signed = _mac(secret)
    signed.update(head_line)
    for spool in spools:
        spool.seek(0)
        for data in iter(lambda: spool.read(_CHUNK), b""):
            signed.update(data)
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as record:
            record.write(signed.hexdigest().encode() + b"\n" + head_line)
            for spool in spools:
                spool.seek(0)
                for data in iter(lambda: spool.read(_CHUNK), b""):
                    record.write(data)
        os.replace(temporary, os.path.join(folder, key))
    except BaseException:
        os.unlink(temporary)
        raise
    _prune(folder)


#: Records kept per folder: one per command line and environment run there lately.
KEPT = 16
#: Bytes the records of a folder may take together (a record holds the run's output: json
#: over 10,000 reports is 320 MB); the newest record is kept whatever its size.
KEPT_BYTES = 1 << 30


def _prune(folder: str) -> None:
    """Remove all but the newest records, at most :data:`KEPT` of them and
    :data:`KEPT_BYTES` together (a key holds the environment, so a variable that changes
    each run would otherwise leave a record each time)."""
    records = []
    for entry in os.scandir(folder):
        with contextlib.suppress(OSError):
            stamp = entry.stat()
            records.append((stamp.st_mtime_ns, stamp.st_size, entry.path))
    total = 0
    for number, (_, size, path) in enumerate(sorted(records, reverse=True)):
        total += size
        if number >= KEPT or (number and total > KEPT_BYTES):
            with contextlib.suppress(OSError):
                os.unlink(path)
