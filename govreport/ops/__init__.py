"""The operations of govreport, without a user interface.

Each module is one operation as plain functions that take typed options and return typed
results (nothing printed, nothing exited), or raise :class:`govreport.ops.errors.OperationError`,
whose message, in Chinese and English, is for the user.  ``govreport.cli`` (click) and
``govreport.tui`` (Textual) both call them, so a command and the editor's dialog are one code path.
"""
