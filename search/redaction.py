"""The one redaction: what every writer of text that came from outside applies before it
keeps it — reject files, the query log, the access and error logs, the operators' exports.

Masked, each with ``MASK``:

- ID numbers (居民身份证号码): 18 characters, the last may be X, and the old 15 digits;
- mobile numbers: 11 digits from 13… to 19…, also typed 138 1234 5678 or +86 138-1234-5678;
- bank-card-like runs of 16 to 19 digits, also typed in groups of four;
- verification codes (查询密码) after their key or label, in any case and quoting:
  ``"query_password": "…"``, ``'Query_Password': '…'``, ``password=…``, ``查询密码：…``,
  ``验证码 4829`` and, as the query log keeps it (normalised), ``密码4829``.

Kept, for the operator reading the log: a number stands alone to be masked (no digit or Latin
letter right before or after it), so a case number (21 digits: 420100202611100000000), a guide
code (SG420100004), a request id and a case number with letters keep every character; so do
dates, amounts and shorter numbers.
"""

from __future__ import annotations

import re

MASK = "#"

_NUMBER = re.compile(r"""
    (?: (?<![0-9A-Za-z]) | (?<=\\[nrt]) )        # alone, or right after an escape in raw JSON text
    (?: \d{17}[Xx]                                # ID number whose last character is X
      | \d{15,19}                                 # old ID number (15), ID number (18), bank card (16 to 19)
      | (?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}  # mobile: 13812345678, 138 1234 5678, +86 138-1234-5678
      | \d{4}(?:[ -]\d{4}){3}(?:[ -]\d{1,4})?     # bank card in groups of four
    )
    (?![0-9A-Za-z])
    """, re.VERBOSE)

_CODE = re.compile(r"""
    (?P<label> (?:query[_ ]?password|password|passwd|pwd|verify|verification[_ ]?code|查询密码|密码|口令|验证码|校验码)
               ["']? )                                 # the key or label, and its closing quote
    (?: (?P<colon> \s*[:=：]\s* )                      # a value after : or =, quoted to its quote or the line's end …
        (?P<quoted> "(?:[^"\\]|\\.)*"? | '(?:[^'\\]|\\.)*'? )
      | (?P<gap> [\s:=：是为]* )                         # … or bare: 4 characters or more, no hanzi (密码忘了 stays)
        (?P<bare> [^\s"',;，；。、&{}\[\]\u2e80-\u9fff]{4,} )
    )
    """, re.VERBOSE | re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` with ID, mobile and bank-card numbers and labelled verification codes masked."""
    return _NUMBER.sub(MASK, _CODE.sub(_masked_code, text))


def _masked_code(found: re.Match) -> str:
    if found["quoted"] is not None:
        quote = found["quoted"][:1]
        return found["label"] + found["colon"] + quote + MASK + quote
    return found["label"] + found["gap"] + MASK
