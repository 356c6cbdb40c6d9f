"""Inventory text made harmless wherever our output lands.

The inventory (and a baseline, a policy, a file name) is written by anyone who can open a pull
request, and its strings reach terminals, CI logs, GitHub workflow commands and GitHub's
Markdown. There, text can act instead of being shown: an escape sequence clears a terminal or
sets its title, a log line starting with `::` (or holding `##[`) is executed by the Actions
runner as a workflow command, a bare URL or `@user` becomes a live link or a notification.
Every text-like format passes its data through this one module:

- `visible()`: data as one line, each character that acts instead of printing shown as an
  escape (`\\n`, `\\x1b`, `\\u202e`): text report, stderr, annotations, JUnit;
- `log_line()` / `log_text()`: a finished line of ours for stdout or stderr (what the Actions
  runner reads) that data cannot turn into a workflow command;
- `workflow_data()` / `workflow_property()`: GitHub's own escapes inside a workflow command;
- `markdown_text()` / `markdown_code()` / `fenced()`: Markdown that renders as literal text,
  with no link, mention, issue reference or HTML from data, and fences data cannot close.

Normal text (letters of any script, punctuation, emoji, tabs) passes unchanged. Backslashes are
left as they are, so `\\n` in the data and a shown newline look alike: the aim is that nothing
acts, not a reversible encoding (JSON and SARIF carry the exact strings).
"""

from __future__ import annotations

import re

# C0 controls but tab, DEL, C1 controls, the line and paragraph separators, bidirectional
# embeddings/overrides/isolates and marks ("Trojan Source"), and lone surrogates (which cannot
# even be encoded as UTF-8).
_ACTS = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)
_NAMED = {"\n": "\\n", "\r": "\\r"}


def _shown(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def visible(text: object) -> str:
    """Data as one line of plain text: controls, escape sequences, line breaks and bidi
    overrides shown as `\\xNN` / `\\n` / `\\uNNNN`, so they print instead of acting."""
    text = str(text)
    if text.isprintable():  # the common case, and fast: every character above is unprintable
        return text
    return _ACTS.sub(_shown, text)


# --- logs: lines the GitHub Actions runner reads ----------------------------------------------

# Characters .NET's culture-aware comparison (StartsWith, IndexOf in the runner) may skip:
# Unicode's default-ignorable code points. Whitespace is trimmed by the runner itself.
_IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
)
_COMMAND_START = re.compile(f"^[\\s{_IGNORABLE}]*:")
# The runner's legacy form `##[command]` is recognised anywhere in a line.
_LEGACY_COMMAND = re.compile(f"#[{_IGNORABLE}]*#[{_IGNORABLE}]*\\[")


def log_line(line: str) -> str:
    """A line of ours for stdout/stderr that the Actions runner cannot take for a workflow
    command: a `:` that data put first (a file name, say) is shown as `\\x3a`, and `##[`
    becomes `##\\x5b`. Our own lines never start with `:` nor hold `##[`."""
    first = line.lstrip()[:1]
    start = None if first.isascii() and first != ":" else _COMMAND_START.match(line)
    if start:
        line = line[: start.end() - 1] + "\\x3a" + line[start.end() :]
    if "#" in line and "[" in line:
        line = _LEGACY_COMMAND.sub(lambda m: m.group()[:-1] + "\\x5b", line)
    return line


def plain_line(text: object) -> str:
    """A one-line message of ours that embeds data, ready for stdout or stderr."""
    return log_line(visible(text))


def log_text(text: str) -> str:
    """Several lines for a log (another process's stderr copied, say): each line made plain."""
    return "".join(plain_line(line) + "\n" for line in text.splitlines())


# --- GitHub workflow commands (`::error file=…,title=…::message`) -----------------------------


def workflow_data(text: str) -> str:
    """A command's message: '%', CR and LF percent-encoded (the runner decodes them). Data in
    it should already be `visible()`; the line breaks left are ours (e.g. before "Fix:")."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def workflow_property(text: str) -> str:
    """A command's property value (file, title): shown `visible()`, then encoded as data and
    ':' and ',' too, so it can neither end the properties nor start another one."""
    return workflow_data(visible(text)).replace(":", "%3A").replace(",", "%2C")


# --- Markdown rendered by GitHub (cmark-gfm, then its link and mention filters) --------------

_REFERENCES = {ord(c): f"&#{ord(c)};" for c in "\\`*[]|~$"}
_REFERENCES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"})
_SPACES = {ord(c): " " for c in "\t\n\r"}  # whitespace a paragraph allows; the rest is shown
# "_" only where it could open or close emphasis: not inside a word (snake_case stays readable).
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
# What would start a heading, a list, a block quote or a setext underline at the start of a line.
_LINE_START = re.compile(r"^(?:[#+=-]+(?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))")
# Where GitHub makes a link or a notification of plain text: `@user`, `@org/team` and e-mail
# addresses, `#123` / `owner/repo#123` / `GH-123`, `scheme://` and `www.` addresses. A word
# joiner (U+2060, invisible, no break) after the `@`, `#`, `GH`, `:` or `www` breaks each
# pattern in cmark-gfm's autolinker and in GitHub's mention and reference filters alike.
_LINKABLE = re.compile(r"@(?=\S)|#(?=\d)|\bGH(?=-\d)|:(?=//)|www(?=\.)", re.IGNORECASE)
WORD_JOINER = "\u2060"


def markdown_text(text: object) -> str:
    """One line of literal text for Markdown and inline HTML: controls shown `visible()`,
    line breaks and tabs as spaces, `\\ ` * _ [ ] | ~ $ & < > "` (and a leading `#`, `-`,
    `+`, `=` or `1.`) as character references, and a word joiner (`&#8288;`) breaking every
    autolink, mention and issue reference, which neither Markdown, HTML nor GitHub acts on."""
    text = visible(str(text).replace("\r\n", " ").translate(_SPACES))
    text = _LINKABLE.sub(lambda m: m.group() + WORD_JOINER, text)
    escaped = _UNDERSCORE.sub("&#95;", text.translate(_REFERENCES))
    match = _LINE_START.match(escaped)
    if match is not None:
        if match.group().isdigit():  # "1." / "1)": escape the punctuation after the number
            end = match.end()
            escaped = escaped[:end] + f"&#{ord(escaped[end])};" + escaped[end + 1 :]
        else:
            escaped = f"&#{ord(escaped[0])};" + escaped[1:]
    return escaped.replace(WORD_JOINER, "&#8288;")


def _ticks(text: str, at_least: int) -> str:
    """Backticks longer than any run of them in `text`: a fence the text cannot close."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    return "`" * max(at_least, longest + 1)


def markdown_code(text: object) -> str:
    """Data as a Markdown code span (in a heading or paragraph; not in a table or HTML, use
    markdown_text there): nothing inside is interpreted, not even by GitHub's filters."""
    text = visible(str(text).replace("\r\n", " ").translate(_SPACES))
    ticks = _ticks(text, 1)
    # CommonMark strips one space from each end when both are spaces; pad so nothing is lost.
    padded = text[:1] in ("`", " ") or text[-1:] in ("`", " ")
    pad = " " if padded and text.strip() else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def fenced(text: str, info: str = "") -> str:
    """A fenced code block holding `text` (lines made `visible()`): its fence is longer than
    any run of backticks inside, so no line of the text can close it (CommonMark 4.5)."""
    body = "\n".join(visible(line) for line in text.splitlines())
    fence = _ticks(body, 3)
    return f"{fence}{info}\n{body}\n{fence}\n"
