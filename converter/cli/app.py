"""The command line: a thin layer over the library. Errors become one line and an exit code.

Exit codes: 0 done; 1 an input could not be read or converted; 2 the call itself is wrong; 3 an issue was
written without some inputs; 70 a bug (an internal error).
"""

from __future__ import annotations

from typing import cast

import click

from converter.cli.common import reporting
from converter.cli.config_command import config, config_defaults
from converter.cli.convert import convert
from converter.cli.issue import issue

#: Commands whose options a configuration file may set.
CONFIGURABLE = ("convert", "issue")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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
        ctx.default_map = config_defaults({name: group.commands[name] for name in CONFIGURABLE})


@main.command()
def themes() -> None:
    """List the built-in themes: the name, then a one-line description."""
    from converter.render.themes import themes as all_themes

    for name, description in all_themes().items():
        click.echo(f"{name:<12} {description}")



main.add_command(convert)
main.add_command(issue)
main.add_command(config)
