"""The `pasokh` command: serve, migrate, rebuild projections, manage FAQs, create agents."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from entrypoints import server, tasks
from entrypoints.container import Container, create_container
from entrypoints.faq import tasks as faq_tasks
from entrypoints.logging import configure_logging


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pasokh", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP and WebSocket server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)

    commands.add_parser("migrate", help="bring the database schema up to date")

    projections = commands.add_parser("projections", help="manage the read models")
    projections.add_subparsers(dest="action", required=True).add_parser(
        "rebuild", help="drop the read models and rebuild them from the events")

    faqs = commands.add_parser("faqs", help="manage the FAQ catalog")
    faq_actions = faqs.add_subparsers(dest="action", required=True)
    faq_actions.add_parser("seed", help="add the sample clinic FAQs that are not there yet")
    importing = faq_actions.add_parser(
        "import", help="add and update FAQs from a .json or .csv file, all or nothing")
    importing.add_argument("file", type=Path, metavar="FILE", help="a .json or .csv file")
    importing.add_argument("--replace", action="store_true",
                           help="also remove the FAQs that the file does not hold")
    exporting = faq_actions.add_parser("export", help="write every FAQ to a .json or .csv file")
    exporting.add_argument("file", type=Path, metavar="FILE", help="a .json or .csv file")
    faq_actions.add_parser(
        "reindex", help="embed every active FAQ again with the configured model")

    admin = commands.add_parser(
        "create-admin", help="create an admin account (admins make the others in the desk)")
    admin.add_argument("username")
    admin.add_argument("--password-stdin", action="store_true",
                       help="read the password from the first line of standard input")
    admin.add_argument("--display-name")
    return parser


def main(argv: Sequence[str] | None = None, container: Container | None = None) -> int:
    args = _parser().parse_args(argv)
    if container is None:
        try:
            container = create_container()
        except ValidationError as error:  # a setting refused: say which and why, no traceback
            problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']).upper()}: {e['msg']}"
                                 for e in error.errors())
            print(f"pasokh: the configuration is refused: {problems}", file=sys.stderr)
            return 2
    configure_logging(container.config.env(), container.config.log_level())
    try:
        return _run(args, container)
    except tasks.CommandFailed as failure:
        print(f"pasokh: {failure}", file=sys.stderr)
        return failure.exit_code


def _run(args: argparse.Namespace, container: Container) -> int:
    match args.command:
        case "serve":
            return server.serve(container, args.host, args.port)
        case "migrate":
            return tasks.migrate(container)
        case "projections":
            return asyncio.run(tasks.rebuild_projections(container))
        case "faqs":
            return asyncio.run(_faqs(args, container))
        case "create-admin":
            password = _password(args.password_stdin)
            return asyncio.run(
                tasks.create_admin(container, args.username, password, args.display_name))
    raise AssertionError(f"unknown command {args.command}")


async def _faqs(args: argparse.Namespace, container: Container) -> int:
    match args.action:
        case "import":
            return await faq_tasks.import_faqs(container, args.file, args.replace)
        case "export":
            return await faq_tasks.export_faqs(container, args.file)
        case "reindex":
            return await faq_tasks.reindex_faqs(container)
    return await faq_tasks.seed_faqs(container)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if getpass.getpass("Password (again): ") != password:
        raise tasks.CommandFailed("the passwords do not match")
    return password


if __name__ == "__main__":
    raise SystemExit(main())
