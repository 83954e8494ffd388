"""The process entry point (``converter.cli.run``): exit codes, flushed output, exit handlers run, and no
module loaded that the command does not use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _converter(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "converter", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120, check=False)


def test_output_is_flushed_and_the_exit_code_kept(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("---\ntitle: Ferry\n---\n\nThe ferry left at nine.\n", "utf-8")
    done = _converter("convert", str(source), "--to", "md", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout == "---\ntitle: Ferry\nsource: a.md\n---\n\n# Ferry\n\nThe ferry left at nine.\n"
    missing = _converter("convert", str(tmp_path / "none.txt"), "-o", str(tmp_path / "x.md"), cwd=tmp_path)
    assert missing.returncode == 1
    assert missing.stderr == f"converter: error: {tmp_path / 'none.txt'}: no such file; check the path\n"
    usage = _converter("convert", cwd=tmp_path)
    assert usage.returncode == 2
    assert usage.stderr == "converter: error: Missing argument 'INPUT...' (see 'python -m converter convert --help')\n"


def test_a_wrong_call_is_one_line_and_exit_2(tmp_path: Path) -> None:
    source = tmp_path / "a.md"
    source.write_text("The ferry left at nine.\n", "utf-8")
    wrong = _converter("convert", str(source), "--to", "rtf", cwd=tmp_path)
    assert wrong.returncode == 2
    assert wrong.stderr == ("converter: error: Invalid value for '--to': 'rtf' is not a format; use md, html, pdf, "
                            "epub (several with commas: pdf,epub,md) (see 'python -m converter convert --help')\n")
    unknown = _converter("frob", cwd=tmp_path)
    assert (unknown.returncode, unknown.stderr) == (2, "converter: error: No such command 'frob' "
                                                       "(see 'python -m converter --help')\n")
    bare = _converter(cwd=tmp_path)  # no command at all: the help, as before
    assert bare.returncode == 2 and bare.stderr.startswith("Usage: python -m converter [OPTIONS] COMMAND [ARGS]...")
    assert "Commands:" in bare.stderr


def test_a_conversion_loads_neither_the_issue_compiler_nor_metadata_readers() -> None:
    code = ("import sys; import converter.cli.app; "
            "print(sorted(m for m in ('converter.issue', 'importlib.metadata', 'multiprocessing', "
            "'concurrent.futures') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout == "[]\n"


def test_converting_an_english_text_to_html_loads_no_archive_yaml_or_babel(tmp_path: Path) -> None:
    source = tmp_path / "a.txt"
    source.write_text("The Ferry Runs Again\n\nBy Ann Lee\n\n"
                      "The harbour ferry left at nine with forty people aboard, the first crossing since May.\n\n"
                      "Its engine had been rebuilt over the winter by the yard across the water, at twice the cost.\n\n"
                      "The council will decide in March whether the evening crossings come back as well.\n", "utf-8")
    code = ("import sys; from converter.cli import main\n"
            f"try:\n    main(['convert', {str(source)!r}, '-q', '-o', {str(tmp_path / 'a.html')!r}])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith(('converter.archive', 'converter.issue', 'warcio', "
            "'fsspec', 'yaml', 'babel', 'weasyprint', 'multiprocessing'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout == "['converter.archive', 'converter.archive.inputs']\n"  # is the input a web archive?
    html = (tmp_path / "a.html").read_text("utf-8")
    assert '<html lang="en" dir="ltr">' in html and "<p>The council will decide in March whether" in html
