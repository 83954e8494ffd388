"""The configuration side of the command line: defaults from ``converter.toml`` and ``converter config``."""

from __future__ import annotations

from pathlib import Path

import click

#: Options that belong to one run, not to a house style.
#: ``allow_outside`` widens what a file may make the converter read: only ever typed, never from a file.
NOT_CONFIGURABLE = {"output", "out_dir", "explain", "explain_json", "debug", "debug_dir", "help", "strict_mode",
                    "allow_outside"}


def config_defaults(commands: dict[str, click.Command]) -> dict[str, dict[str, object]]:
    """The configuration file's values as the defaults of each command's parameters (its default map).

    A key must name an option of at least one command; each command takes the keys it knows.
    """
    from converter.cli.config import check_keys, find_config

    config = find_config(Path.cwd())
    names = {name: option_names(command) for name, command in commands.items()}
    check_keys(config, set().union(*names.values()))
    return {name: _defaults(config.values, known) for name, known in names.items()}


def _defaults(values: dict[str, object], known: dict[str, tuple[str, bool]]) -> dict[str, object]:
    defaults = {}
    for key, value in values.items():
        if key in known:
            param, negated = known[key]
            defaults[param] = (not value) if negated else value
    return defaults


def option_names(command: click.Command) -> dict[str, tuple[str, bool]]:
    """Long option name (``page-size``, ``no-hyphenate``) -> (parameter name, whether it negates)."""
    names: dict[str, tuple[str, bool]] = {}
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in NOT_CONFIGURABLE:
            continue
        for opt in param.opts:
            if opt.startswith("--"):
                names[opt[2:]] = (str(param.name), False)
        for opt in param.secondary_opts:
            names[opt[2:]] = (str(param.name), True)
    return names


@click.command()
@click.pass_context
def config(ctx: click.Context) -> None:
    """Print the effective configuration of 'convert': defaults, overridden by the configuration file."""
    from converter.cli.config import find_config

    found = find_config(Path.cwd())
    command = ctx.find_root().command.commands["convert"]  # type: ignore[attr-defined]
    defaults = (ctx.find_root().default_map or {}).get("convert", {})
    click.echo(f"# configuration file: {found.path or 'none (converter.toml or pyproject.toml [tool.converter])'}")
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in NOT_CONFIGURABLE:
            continue
        value = defaults.get(str(param.name), param.get_default(ctx))
        shown = _toml_value(value)
        click.echo(f"{param.opts[-1][2:]} = {shown}" if shown else f"# {param.opts[-1][2:]} = (not set)")


def _toml_value(value: object) -> str:
    """A value as TOML, or "" for an option with no value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, (str, Path)):
        return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
    return ""
