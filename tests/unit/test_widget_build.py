"""The widget's modules joined into one script: what the build accepts and what it refuses."""

from __future__ import annotations

from importlib import resources

import pytest

from entrypoints.web.widget_build import MODULES, WidgetBuildError, build

FOLDER = resources.files("entrypoints.web") / "static" / "widget"


def real_sources() -> dict[str, str]:
    return {item.name: item.read_text("utf-8") for item in FOLDER.iterdir()
            if item.name.endswith(".js")}


def tiny(**changes: str) -> dict[str, str]:
    """Every listed module empty, except the ones given."""
    return {name: "" for name in MODULES} | {f"{key}.js": body for key, body in changes.items()}


def test_the_real_modules_join_into_one_strict_function_without_module_syntax() -> None:
    script = build(real_sources())
    assert script.startswith("/*! Pasokh chat widget")
    body = script[script.index("(() => {"):]
    assert body.startswith("(() => {\n'use strict';\n")
    assert body.endswith("})();\n")
    lines = body.splitlines()
    assert not [line for line in lines if line.startswith(("import ", "export "))]
    assert "attachShadow" in body and "function connect()" in body


def test_modules_come_in_the_listed_order_with_imports_dropped_and_exports_unmarked() -> None:
    script = build(tiny(config="export const A = 1;\n",
                        main="import { A } from './config.js';\nconst B = A + 1;\n"))
    assert script.index("const A = 1;") < script.index("const B = A + 1;")
    assert "import" not in script.split("(() => {", 1)[1]


def test_importing_a_name_the_module_does_not_export_fails_the_build() -> None:
    with pytest.raises(WidgetBuildError, match=r"main.js imports \['B'\] that config.js"):
        build(tiny(config="const B = 1;\n", main="import { B } from './config.js';\n"))


def test_importing_from_an_unknown_module_fails_the_build() -> None:
    with pytest.raises(WidgetBuildError, match="unknown module nowhere.js"):
        build(tiny(main="import { A } from './nowhere.js';\n"))


def test_one_top_level_name_in_two_modules_fails_the_build() -> None:
    with pytest.raises(WidgetBuildError, match="timer is declared in both config.js and main.js"):
        build(tiny(config="let timer = 0;\n", main="function timer() {}\n"))


def test_a_module_left_out_of_the_list_or_missing_fails_the_build() -> None:
    with pytest.raises(WidgetBuildError, match=r"not in MODULES: \['extra.js'\]"):
        build(tiny() | {"extra.js": ""})
    sources = tiny()
    del sources["main.js"]
    with pytest.raises(WidgetBuildError, match=r"missing: \['main.js'\]"):
        build(sources)


def test_module_syntax_the_build_does_not_join_fails_the_build() -> None:
    with pytest.raises(WidgetBuildError, match="unsupported module syntax"):
        build(tiny(main="export default function start() {}\n"))


def test_comment_lines_stay_in_the_modules_and_out_of_the_script() -> None:
    script = build(tiny(main="// why this is so\nconst A = 'http://x'; // kept\n"))
    assert "why this is so" not in script
    assert "const A = 'http://x'; // kept" in script
