"""The configuration side of the command line: defaults from ``converter.toml`` and ``converter config``."""

from __future__ import annotations

from pathlib import Path

import click

#: Options that belong to one run, not to a house style.
#: ``allow_outside`` widens what a file may make the converter read: only ever typed, never from a file.
NOT_CONFIGURABLE = {"output", "out_dir", "explain", "explain_json", "debug", "debug_dir", "help", "strict_mode",
                    "allow_outside"}


#: Where ``main`` leaves the configuration file's problems for ``converter config`` (``ctx.meta``).
PROBLEMS = "converter.config-problems"


def config_defaults(commands: dict[str, click.Command],
                    lenient: bool = False) -> tuple[dict[str, dict[str, object]], list[str]]:
    """The configuration file's values as the defaults of each command's parameters (its default map), and
    the file's problems, each naming the file, the key, the value and what is allowed.

    A key must name an option of at least one command, and its value be one the option takes. Every
    problem is found at once; unless ``lenient`` (``converter config``, which shows them) they raise one
    ``UsageError`` (exit 2) listing them all. The keys with problems are left out of the defaults.
    """
    from converter.cli.config import find_config, invalid_values, unknown_keys
    from converter.errors import UsageError

    config = find_config(Path.cwd())
    names = {name: option_names(command) for name, command in commands.items()}
    params = {key: param for command in commands.values() for key, param in _params(command).items()}
    unknown = unknown_keys(config, set().union(*names.values()))
    invalid = invalid_values(config, params)
    problems = [f"{config.path}: {problem}" for problem in [*unknown, *invalid.values()]]
    if problems and not lenient:
        raise UsageError("; ".join(problems) if len(problems) == 1 else
                         f"{config.path}: {len(problems)} settings are wrong: "
                         + "; ".join([*unknown, *invalid.values()]))
    values = {key: value for key, value in config.values.items() if key not in invalid}
    return {name: _defaults(values, known) for name, known in names.items()}, problems


def _params(command: click.Command) -> dict[str, click.Parameter]:
    """Long option name -> the option it sets (negating names too)."""
    by_name = {str(p.name): p for p in command.params}
    return {key: by_name[name] for key, (name, _) in option_names(command).items()}


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
    """Print the effective configuration of 'convert': defaults, overridden by the configuration file.

    A key or value of the file that a run would refuse is shown as an error (and the command exits 1).
    """
    from converter.cli.common import PROGRESS
    from converter.cli.config import find_config, toml_value

    found = find_config(Path.cwd())
    command = ctx.find_root().command.commands["convert"]  # type: ignore[attr-defined]
    defaults = (ctx.find_root().default_map or {}).get("convert", {})
    problems: list[str] = ctx.find_root().meta.get(PROBLEMS, [])
    click.echo(f"# configuration file: {found.path or 'none (converter.toml or pyproject.toml [tool.converter])'}")
    for param in command.params:
        if not isinstance(param, click.Option) or param.name in NOT_CONFIGURABLE:
            continue
        key = param.opts[-1][2:]
        wrong = next((p for p in problems if p.startswith(f"{found.path}: {key} = ")), None)
        if wrong is not None:
            click.echo(f"# error: {wrong.removeprefix(f'{found.path}: ')}")
            continue
        value = defaults.get(str(param.name), param.get_default(ctx))
        shown = toml_value(value)
        click.echo(f"{key} = {shown}" if shown else f"# {key} = (not set)")
    for problem in problems:
        PROGRESS.above(f"converter: error: {problem}")
    if problems:
        raise SystemExit(1)
