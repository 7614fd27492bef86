"""The command line: `bookmaker build | inspect | manuscript | check`; argv -> files in dist/ and an exit code."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from bookmaker.errors import BookmakerError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    help="bookmaker: turn raw stories into EPUB 3 and print-ready PDF books.",
)


def fail(error: BookmakerError) -> None:
    """Print one line on stderr and exit with the error's code."""
    typer.echo(f"error: {error}", err=True)
    raise typer.Exit(error.exit_code)


@app.command()
def inspect(
    file: Path = typer.Argument(..., help="A story: raw text or a .md manuscript."),
    as_json: bool = typer.Option(False, "--json", help="Print the manuscript as JSON."),
) -> None:
    """Show the structure found in a story.

    Example: bookmaker inspect seeds/002_da42a1dd7f11f69f.txt --json
    """
    from bookmaker import views
    from bookmaker.pipeline import compile_story_with_changes

    manuscript, changes = compile_story_with_changes(file)
    if as_json:
        typer.echo(json.dumps(views.to_json(manuscript), ensure_ascii=False, indent=2))
    else:
        typer.echo(views.report(manuscript, changes))


@app.command()
def manuscript(
    file: Path = typer.Argument(..., help="A story: raw text or a .md manuscript."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write here instead of standard output."),
) -> None:
    """Write the structured manuscript as an editable Markdown file.

    Example: bookmaker manuscript seeds/003_4ee20ee4305d8422.txt -o story.md
    """
    from bookmaker import manuscript_md
    from bookmaker.atomic import write_text_atomic
    from bookmaker.pipeline import compile_story

    text = manuscript_md.write(compile_story(file))
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text_atomic(output, text)


def main() -> None:
    """Entry point that turns the project's errors into one line and an exit code, never a traceback."""
    try:
        app(standalone_mode=False)
    except BookmakerError as error:
        typer.echo(f"error: {error}", err=True)
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        typer.echo("error: interrupted", err=True)
        sys.exit(130)
    except (typer.Exit,) as done:
        sys.exit(done.exit_code)
    except Exception as error:  # a bug: still one line, with what to report
        import click

        if isinstance(error, click.exceptions.ClickException):
            error.show()
            sys.exit(error.exit_code)
        if isinstance(error, click.exceptions.Abort):
            typer.echo("error: aborted", err=True)
            sys.exit(1)
        typer.echo(f"error: internal error ({type(error).__name__}: {error}); please report it", err=True)
        sys.exit(70)
