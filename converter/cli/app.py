"""The command line: a thin layer over the library. Errors become one line and an exit code.

Exit codes: 0 done; 1 an input could not be read or converted; 2 the call itself is wrong; 3 an issue was
written without some inputs; 70 a bug (an internal error).
"""

from __future__ import annotations

from typing import Any, cast

import click
from click.exceptions import NoArgsIsHelpError

from converter.cli.common import reporting
from converter.cli.config_command import PROBLEMS, config, config_defaults
from converter.cli.convert import convert
from converter.cli.issue import issue

#: Commands whose options a configuration file may set.
CONFIGURABLE = ("convert", "issue")


class OneLineUsage(click.UsageError):
    """A mistake in the call, said in one line like every other error (click's own shows the usage, a hint
    and the message on three)."""

    def show(self, file: Any = None) -> None:
        message = self.format_message().rstrip(".")
        where = f" (see '{self.ctx.command_path} --help')" if self.ctx is not None else ""
        click.echo(f"converter: error: {message}{where}", err=True)


def _one_line(err: click.UsageError) -> click.UsageError:
    if isinstance(err, NoArgsIsHelpError | OneLineUsage):  # the help itself, or already converted
        return err
    return OneLineUsage(err.format_message(), err.ctx)


class Commands(click.Group):
    """The group, with click's usage errors (a bad value, an unknown option, a missing argument) in one
    line; parsing happens in ``make_context`` (the group's own options) and ``invoke`` (a command's)."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as err:
            raise _one_line(err) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as err:
            raise _one_line(err) from None


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="converter")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Turn a saved article (text scrape, HTML page, Markdown) into a clean reader edition.

    Options can also come from converter.toml (or [tool.converter] in pyproject.toml) in the current
    folder, keyed by their long names (page-size = "A4"); a flag on the command line wins. The file is
    read only when you own it and the folder (else a warning, and the defaults).
    """
    with reporting(quiet=False, debug=False):
        group = cast(click.Group, ctx.command)  # this callback's own command: the group
        lenient = ctx.invoked_subcommand == "config"  # it shows the file's problems itself
        ctx.default_map, ctx.meta[PROBLEMS] = config_defaults(
            {name: group.commands[name] for name in CONFIGURABLE}, lenient)


@main.command()
def themes() -> None:
    """List the built-in themes: the name, then a one-line description."""
    from converter.render.themes import themes as all_themes

    for name, description in all_themes().items():
        click.echo(f"{name:<12} {description}")



main.add_command(convert)
main.add_command(issue)
main.add_command(config)
