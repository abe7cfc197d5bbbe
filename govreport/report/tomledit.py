"""Edit a report file in place: set values by key path, keep everything else as it was.

The document is held as a ``tomlkit`` document, so comments, blank lines, key order,
the spelling of untouched values and keys that govreport does not know all survive an
edit.  Each change is recorded on an undo stack; :meth:`ReportEditor.text` is the new
file text.  No user interface in here: the TUI uses it, and so can a future formatter.

A plain-Python mirror of the values (:attr:`ReportEditor.data`) is kept in step with the
document, so readers (computed totals, section states) need not re-parse the text.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as _dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import tomlkit
import tomlkit.exceptions
from tomlkit.container import Container, OutOfOrderTableProxy
from tomlkit.items import AoT, Comment, InlineTable, Item, Null, Table, Whitespace

from govreport.format.spec import KeyPath
from govreport.report.writer import display_width, toml_text


class _Missing:
    """The value of a key that is not in the document."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Final = _Missing()


class _NewTable:
    """The "value" of a table that an edit created (so that undo removes it again)."""

    def __repr__(self) -> str:
        return "NEW_TABLE"


NEW_TABLE: Final = _NewTable()


class EditError(ValueError):
    """An edit that cannot be made (e.g. a key path that runs through a plain value)."""


@dataclass(frozen=True)
class Change:
    """One value changed: *before* and *after* may be :data:`MISSING` (key absent)."""

    path: KeyPath
    before: Any
    after: Any
    # For a removed value: its line as it was (item with comments) and the key before it,
    # so that undo puts it back exactly where it was.
    removed: tuple[Item, str | None] | None = field(default=None, compare=False, repr=False)
    # The line comment (without "#") before and after, when the edit also changed it.
    comment: tuple[str, str] | None = field(default=None, compare=False)


@dataclass
class Edit:
    """One step on the undo stack: one or more changes, undone together."""

    changes: list[Change]
    label: str = ""
    group: str | None = None  # consecutive edits with the same group merge into one step

    @property
    def paths(self) -> list[KeyPath]:
        return [c.path for c in self.changes if c.after is not NEW_TABLE and c.before is not NEW_TABLE]


def _plain(value: Any) -> Any:
    if isinstance(value, Item | Container | OutOfOrderTableProxy):
        return value.unwrap()
    return value


class ReportEditor:
    """A TOML report file being edited.

    *label_for* names the comment written beside a key that an edit adds to the file (the
    schema's label of that key, as ``govreport new`` writes it); keys that are already in
    the file keep their own comments.
    """

    def __init__(self, text: str, *, label_for: Callable[[KeyPath], str | None] | None = None) -> None:
        try:
            self._doc = tomlkit.parse(text)
        except tomlkit.exceptions.ParseError as exc:
            raise EditError(f"TOML 语法错误：{exc}") from None
        self._text: str | None = text
        self.data: dict[str, Any] = self._doc.unwrap()
        self._label_for = label_for
        self._undo: list[Edit] = []
        self._redo: list[Edit] = []
        self._sealed = True
        self.version = 0  # counts the changes applied, for caches

    # -- reading ----------------------------------------------------------------------
    @property
    def text(self) -> str:
        """The file text with all edits applied."""
        if self._text is None:
            self._text = self._doc.as_string()
        return self._text

    def get(self, path: KeyPath) -> Any:
        """The plain value at *path*, or :data:`MISSING`."""
        node: Any = self.data
        for part in path:
            if not isinstance(node, dict) or part not in node:
                return MISSING
            node = node[part]
        return node

    def comment(self, path: KeyPath) -> str:
        """The comment on the line of the value at *path* (without ``#``), or ``""``."""
        try:
            parent = self._container(path[:-1], create=False, changes=None)
        except EditError:
            return ""
        if parent is None or path[-1] not in parent:
            return ""
        item = parent[path[-1]]
        if not isinstance(item, Item) or isinstance(item, Table | AoT):
            return ""
        return item.trivia.comment.lstrip("#").strip()

    def _set_comment(self, path: KeyPath, text: str) -> None:
        """Set the line comment of the value at *path* (``""`` removes it)."""
        parent = self._container(path[:-1], create=False, changes=None)
        if parent is None or path[-1] not in parent:
            return
        item = parent[path[-1]]
        if not isinstance(item, Item) or isinstance(item, Table | AoT):
            return
        item.trivia.comment = f"# {text}" if text else ""
        if text and not item.trivia.comment_ws:
            item.trivia.comment_ws = "  "
        self._text = None
        self.version += 1

    # -- the undo stack -----------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def seal(self) -> None:
        """End the current undo step: the next edit starts a new one even in the same group."""
        self._sealed = True

    def undo(self) -> Edit | None:
        """Undo the last step; return it (its paths are what changed), or None."""
        if not self._undo:
            return None
        edit = self._undo.pop()
        for change in reversed(edit.changes):
            self._write(change.path, change.before, removed=change.removed)
            if change.comment is not None:
                self._set_comment(change.path, change.comment[0])
        self._redo.append(edit)
        self._sealed = True
        return edit

    def redo(self) -> Edit | None:
        if not self._redo:
            return None
        edit = self._redo.pop()
        for change in edit.changes:
            self._write(change.path, change.after)
            if change.comment is not None:
                self._set_comment(change.path, change.comment[1])
        self._undo.append(edit)
        self._sealed = True
        return edit

    # -- editing ------------------------------------------------------------------------
    def set(self, path: KeyPath, value: Any, *, label: str = "", group: str | None = None) -> bool:
        """Set the value at *path* (:data:`MISSING` removes the key).  False if nothing changed.

        With *group*, consecutive edits in the same group merge into one undo step (typing
        in a text field); :meth:`seal` ends the step.
        """
        return self.apply({path: value}, label=label, group=group) is not None

    def apply(
        self,
        values: Mapping[KeyPath, Any] | Iterable[tuple[KeyPath, Any]],
        *,
        label: str = "",
        group: str | None = None,
        comments: Mapping[KeyPath, str] | None = None,
    ) -> Edit | None:
        """Set several values as one undo step.  Returns the step, or None if nothing changed.

        *comments* gives new line comments (without ``#``) for some of the paths changed;
        undo restores the comments they had."""
        items = list(values.items()) if isinstance(values, Mapping) else list(values)
        changes: list[Change] = []
        try:
            for path, value in items:
                path = tuple(path)
                if not path:
                    raise EditError("empty key path")
                before = self.get(path)
                if _same(before, value):
                    continue
                written = self._write(path, value, record=True)
                if comments is not None and path in comments and written and written[-1].path == path:
                    old_comment = self.comment(path)
                    self._set_comment(path, comments[path])
                    written[-1] = dataclasses.replace(written[-1], comment=(old_comment, comments[path]))
                changes.extend(written)
        except EditError:
            for change in reversed(changes):  # all or nothing: the text stays as it was
                self._write(change.path, change.before, removed=change.removed)
                if change.comment is not None:
                    self._set_comment(change.path, change.comment[0])
            raise
        if not changes:
            return None
        self._redo.clear()
        top = self._undo[-1] if self._undo else None
        if group is not None and not self._sealed and top is not None and top.group == group:
            top.changes.extend(changes)
            return top
        edit = Edit(changes, label, group)
        self._undo.append(edit)
        self._sealed = group is None
        return edit

    # -- the tomlkit side ----------------------------------------------------------------
    def _container(self, path: KeyPath, *, create: bool, changes: list[Change] | None) -> Any:
        """The table at *path*, creating missing tables when *create* (recorded in *changes*)."""
        node: Any = self._doc
        for i, part in enumerate(path):
            if part not in node:
                if not create:
                    return None
                _add_table(node, part, self._label_for(path[: i + 1]) if self._label_for else None)
                self._mirror(path[: i + 1], NEW_TABLE)
                if changes is not None:
                    changes.append(Change(path[: i + 1], MISSING, NEW_TABLE))
            node = node[part]
            if not isinstance(node, Table | InlineTable | OutOfOrderTableProxy | Container):
                raise EditError(f"{'.'.join(path[: i + 1])} 是一个值，不是表")
        return node

    def _write(
        self,
        path: KeyPath,
        value: Any,
        *,
        record: bool = False,
        removed: tuple[Item, str | None] | None = None,
    ) -> list[Change]:
        changes: list[Change] = []
        before = self.get(path)
        taken: tuple[Item, str | None] | None = None
        if value is NEW_TABLE:  # redo of a table creation
            self._container(path, create=True, changes=None)
        else:
            parent = self._container(path[:-1], create=value is not MISSING, changes=changes)
            key = path[-1]
            if value is MISSING:
                if parent is not None and key in parent:
                    taken = _remove(parent, key)
            else:
                item = _make_item(value)
                if removed is not None and key not in parent:
                    old_item, after_key = removed
                    item = copy.deepcopy(old_item)  # the line as it was, comment and all
                    _add_key(parent, key, item, after=after_key)
                    self._mirror(path, value)
                    self._text = None
                    self.version += 1
                    return changes
                if key in parent:
                    old = parent[key]
                    if isinstance(old, Table | AoT):
                        raise EditError(f"{'.'.join(path)} 是一个表，不是值")
                    if isinstance(old, Item):
                        _keep_comment_column(old, item)
                    parent[key] = item
                else:
                    label = self._label_for(path) if self._label_for else None
                    if label:
                        item.trivia.comment_ws = "  "
                        item.trivia.comment = f"# {label}"
                    _add_key(parent, key, item)
            self._mirror(path, value)
        self._text = None
        self.version += 1
        if record:
            changes.append(Change(path, before, copy.deepcopy(value), removed=taken))
        return changes

    def _mirror(self, path: KeyPath, value: Any) -> None:
        node = self.data
        for part in path[:-1]:
            node = node.setdefault(part, {})
        if value is MISSING:
            node.pop(path[-1], None)
        elif value is NEW_TABLE:
            node.setdefault(path[-1], {})
        else:
            node[path[-1]] = copy.deepcopy(value)


def _same(a: Any, b: Any) -> bool:
    if a is MISSING or b is MISSING:
        return a is b
    return type(a) is type(b) and bool(a == b)


def _make_item(value: Any) -> Item:
    if isinstance(value, str) and "\n" in value:
        # A paragraph text: the multi-line string govreport writes (literal when possible).
        source = toml_text(value)
        parsed = tomlkit.parse(f"v = {source}\n")
        item = parsed.item("v")
        if isinstance(item, Item) and item.unwrap() == value:
            item.trivia.trail = "\n"
            return item
    if isinstance(value, bool | int | float | str | _dt.date | _dt.datetime | _dt.time):
        return tomlkit.item(value)
    raise EditError(f"cannot write a value of type {type(value).__name__}")


def _keep_comment_column(old: Item, new: Item) -> None:
    """Keep a comment that was aligned with its neighbours in its column, where it fits."""
    ws = old.trivia.comment_ws
    if not old.trivia.comment or "\n" in old.as_string() or "\n" in new.as_string():
        return
    delta = display_width(new.as_string()) - display_width(old.as_string())
    minimum = min(len(ws), 2)
    new.trivia.comment_ws = " " * max(minimum, len(ws) - delta)


def _add_key(parent: Any, key: str, item: Item, *, after: str | None = None) -> None:
    """Add *key* after the key *after* or else after the last plain value of the table: before
    its trailing comments (which introduce what follows) and before its sub-tables."""
    container = parent.value if isinstance(parent, Table) else parent
    if isinstance(container, Container):
        body = container.body
        last = None
        if after == "" and body:  # it was the first key
            container._insert_at(0, key, item)
            if isinstance(parent, Table):
                dict.__setitem__(parent, key, container[key])
            return
        for k, v in body:
            if k is not None and not isinstance(v, Table | AoT):
                last = k
                if after is not None and k.key == after:
                    break
        if last is not None:
            container._insert_after(last, key, item)
        elif body and not isinstance(parent, tomlkit.TOMLDocument):
            container._insert_at(0, key, item)
        else:
            container.append(key, item)
        if isinstance(parent, Table):
            dict.__setitem__(parent, key, container[key])
        return
    parent[key] = item


def _trailing_trivia(container: Container) -> list[Item]:
    """Remove and return the comments and blank lines that end the last table in *container*
    (e.g. the banner of the next section), so that a new table can go before them."""
    container = _last_table(container)
    body = container.body
    taken: list[Item] = []
    while body and body[-1][0] is None and isinstance(body[-1][1], Whitespace | Comment | Null):
        item = body.pop()[1]
        if not isinstance(item, Null):
            taken.append(item)
    taken.reverse()
    return taken


def _last_table(container: Container) -> Container:
    """The container of the last table nested at the end of *container* (or itself)."""
    while True:
        items = [v for _, v in container.body if not isinstance(v, Null)]
        if not items or not isinstance(items[-1], Table):
            return container
        container = items[-1].value


def _remove(parent: Any, key: str) -> tuple[Item, str | None] | None:
    """Remove *key*; a table hands its trailing comments back to the table before it.  For a
    plain value, return its item and the key before it (to put it back on undo)."""
    old = parent[key]
    trailing = _trailing_trivia(old.value) if isinstance(old, Table) else []
    taken: tuple[Item, str | None] | None = None
    container = parent.value if isinstance(parent, Table) else parent
    if isinstance(old, Item) and not isinstance(old, Table | AoT) and isinstance(container, Container):
        previous = None
        for k, v in container.body:
            if k is not None and k.key == key:
                break
            if k is not None and not isinstance(v, Table | AoT):
                previous = k.key
        taken = (copy.deepcopy(old), previous or "")
    del parent[key]
    if trailing:
        _last_table(container).body.extend((None, item) for item in trailing)
    return taken


def _add_table(parent: Any, key: str, label: str | None) -> None:
    """Add an empty table *key* to *parent*, after its last table, with a header comment."""
    table = tomlkit.table()
    table.trivia.indent = "\n"
    if label:
        table.trivia.comment_ws = "  "
        table.trivia.comment = f"# {label}"
    container = parent.value if isinstance(parent, Table) else parent
    trailing = _trailing_trivia(container) if isinstance(container, Container) else []
    if trailing and isinstance(trailing[0], Whitespace) and trailing[0].s.startswith("\n"):
        table.trivia.indent = ""  # the blank line that ended the previous table stays before us
    parent[key] = table
    for item in trailing:
        table.value.body.append((None, item))
