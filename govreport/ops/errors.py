"""The one error of an operation: what was asked cannot be done (exit status 2, nothing
written).  The message is data, in Chinese and English; the caller picks the language."""

from __future__ import annotations


class OperationError(Exception):
    """What was asked cannot be done.

    ``zh`` and ``en`` are the message (``en`` is ``zh`` until an English text is given);
    ``details`` are lines said before it (e.g. every input that could not be read);
    ``option`` names the option at fault, for a usage error (None: not the options' fault),
    ``bad_value`` says that it is that option's value which is wrong."""

    def __init__(
        self,
        zh: str,
        en: str | None = None,
        *,
        option: str | None = None,
        bad_value: bool = False,
        details: list[str] | None = None,
    ) -> None:
        super().__init__(zh)
        self.zh = zh
        self.en = en if en is not None else zh
        self.option = option
        self.bad_value = bad_value
        self.details = list(details or [])

    @property
    def message(self) -> str:
        return self.zh

    def text(self, lang: str | None = None) -> str:
        """The message in *lang* (``"en"``: English; anything else: Chinese)."""
        return self.en if lang == "en" else self.zh


class NotWritten(OperationError):
    """A file was not written: it exists (``exists``) or the system refused (``reason``)."""

    def __init__(self, target: str, *, exists: bool, reason: str = "", reason_en: str = "") -> None:
        if exists:
            super().__init__(
                f"{target} 已存在，未覆盖（如需覆盖请加 --force）",
                f"{target} exists; not overwritten (add --force to replace it)",
            )
        else:
            super().__init__(f"无法写入 {target}：{reason}", f"cannot write {target}: {reason_en or reason}")
        self.target = target
        self.exists = exists
        self.reason = reason


def usage_error(zh: str, option: str, en: str | None = None, *, bad_value: bool = False) -> OperationError:
    """An error in the options given (the command line reports it as a usage error; with
    *bad_value*, as a wrong value of *option*)."""
    return OperationError(zh, en, option=option, bad_value=bad_value)
