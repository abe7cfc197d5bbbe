"""The operations of govreport, without a user interface.

Each module is one operation as plain functions that take values and return results or raise
an error whose message is for the user.  ``govreport.cli`` (click) and ``govreport.tui``
(Textual) both call them, so a command and the editor's dialog are one code path.
"""
