"""The widget's ES modules (static/widget/*.js) joined into the one script sites embed.

No Node toolchain: the modules keep to a small subset of module syntax (named imports from
a sibling, `export` before a top-level declaration), so joining them is concatenation in a
fixed order inside one function scope, after checks that make a mistake fail the build
instead of the visitor's page (ADR 0031).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

# Each module after every module whose names it uses while loading (calls made later, from
# event handlers and start(), may go either way: the names are all in one scope by then).
MODULES = (
    "config.js", "colors.js", "texts.js", "direction.js", "storage.js", "state.js", "dom.js",
    "styles.js", "status.js", "messages.js", "drafts.js", "feedback.js", "rating.js",
    "contact.js",
    "popular.js", "sending.js", "connection.js", "panel.js", "main.js",
)

HEADER = """/*! Pasokh chat widget. Embed with one line:
 *    <script src="https://HOST/widget.js" defer></script>
 *  Options (data attributes on that tag): data-title, data-color (#rgb or #rrggbb),
 *  data-lang (fa | en), data-position (right | left). See docs/widget.md.
 *  Built by Pasokh from its modules (src/entrypoints/web/static/widget/). Everything renders
 *  inside a shadow root, and every stored text is set with textContent, never as HTML.
 */
"""

_IMPORT = re.compile(r"^import \{([^}]*)\} from '\./([\w-]+\.js)';\n", re.MULTILINE)
_EXPORTED = re.compile(r"^export (?:async )?(?:function\*?|const|let|class) (\w+)", re.MULTILINE)
_DECLARED = re.compile(r"^(?:export )?(?:async )?(?:function\*?|const|let|class) (\w+)",
                       re.MULTILINE)
_EXPORT_KEYWORD = re.compile(r"^export (?=(?:async )?(?:function|const|let|class) )",
                             re.MULTILINE)
_OTHER_MODULE_SYNTAX = re.compile(r"^\s*(?:import|export)\b", re.MULTILINE)
# Lines that hold only a comment are for readers of the modules, not for browsers.
_COMMENT_LINE = re.compile(r"^[ \t]*//.*\n", re.MULTILINE)


class WidgetBuildError(Exception):
    """The modules cannot be joined into one script as they are."""


def build(sources: Mapping[str, str]) -> str:
    """The embeddable script from the modules' sources, by file name."""
    listed, present = set(MODULES), set(sources)
    if listed != present:
        raise WidgetBuildError(f"modules not in MODULES: {sorted(present - listed)}; "
                               f"in MODULES but missing: {sorted(listed - present)}")
    exports = {name: set(_EXPORTED.findall(sources[name])) for name in MODULES}
    _check_declared_once(sources)
    parts = [HEADER, "(() => {\n'use strict';\n"]
    for name in MODULES:
        body = _IMPORT.sub(functools.partial(_checked_import, name, exports=exports),
                           sources[name])
        body = _COMMENT_LINE.sub("", _EXPORT_KEYWORD.sub("", body))
        if (leftover := _OTHER_MODULE_SYNTAX.search(body)) is not None:
            raise WidgetBuildError(f"{name}: unsupported module syntax {leftover.group(0)!r}")
        parts.append(f"// {name}\n{body}")
    parts.append("})();\n")
    return "".join(parts)


def _checked_import(importer: str, match: re.Match[str], *,
                    exports: dict[str, set[str]]) -> str:
    source = match.group(2)
    if source not in exports:
        raise WidgetBuildError(f"{importer} imports from unknown module {source}")
    names = {name.strip() for name in match.group(1).split(",") if name.strip()}
    if missing := names - exports[source]:
        raise WidgetBuildError(f"{importer} imports {sorted(missing)} that {source} "
                               "does not export")
    return ""


def _check_declared_once(sources: Mapping[str, str]) -> None:
    """All modules share one scope once joined: a top-level name may be declared once."""
    owner: dict[str, str] = {}
    for name in MODULES:
        for declared in _DECLARED.findall(sources[name]):
            if declared in owner:
                raise WidgetBuildError(f"{declared} is declared in both {owner[declared]} "
                                       f"and {name}")
            owner[declared] = name
