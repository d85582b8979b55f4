"""``quizgen list``: what skills, concepts and decks there are."""

from __future__ import annotations

import json

import click

from ._skills_option import skills_dir_option


@click.command("list")
@skills_dir_option
@click.argument("what", type=click.Choice(["skills", "concepts", "decks", "exams"]), default="skills")
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def command(what: str, as_json: bool) -> None:
    """List the available skills (default), concepts, shipped decks or shipped exams.

    Skills are the built-in ones, those of installed plugins (the `quizgen.skills`
    entry point), the folders in QUIZGEN_SKILLS and --skills-dir; a skill that is
    not built in says which file it comes from.

    \b
    Examples:
      quizgen list                  # skills, grouped by area, with parameters
      quizgen list --skills-dir skills   # with your own skill files
      quizgen list concepts
      quizgen list decks --json
      quizgen list exams
    """
    if what == "skills":
        from ..registry import all_skills

        skills = all_skills()
        if as_json:
            click.echo(json.dumps([s.to_json() for s in skills.values()], indent=2))
            return
        area = None
        width = max(len(s.id) for s in skills.values()) + 2
        for s in skills.values():
            if s.area != area:
                area = s.area
                click.echo(click.style(f"\n{area}", bold=True))
            click.echo(f"  {s.id:<{width}}{s.title}")
            if s.fixed:
                click.echo("  " + " " * width + f"fixed question ({', '.join(s.formats({})[0])}): {s.where}")
            else:
                click.echo(_wrapped("params: " + "; ".join(p.describe() for p in s.params), "  " + " " * width))
                if s.origin != "built-in":
                    click.echo("  " + " " * width + "from: " + s.where)
    elif what == "concepts":
        from ..concepts import load_library

        library = load_library()
        if as_json:
            click.echo(json.dumps([c.to_json() for c in library.values()], indent=2))
            return
        width = max(len(c.id) for c in library.values()) + 2
        for c in sorted(library.values(), key=lambda c: (c.area, c.id)):
            click.echo(f"  {c.area:<16}{c.id:<{width}}{c.term}")
    elif what == "exams":
        from ..exam.spec import load_exam, shipped_exams

        exams = []
        for name, path in shipped_exams().items():
            exam = load_exam(path)
            exams.append({"name": name, "title": exam.title, "questions": exam.slot_count,
                          "points": exam.total_points, "duration": exam.duration, "path": str(path)})
        if as_json:
            click.echo(json.dumps(exams, indent=2))
            return
        for e in exams:
            click.echo(f"  {e['name']:<24}{e['title']:<26}{e['questions']} questions, {e['points']:g} points"
                       + (f", {e['duration']}" if e["duration"] else ""))
    else:
        from ..spec import load_spec, shipped_specs

        rows = []
        for name, path in shipped_specs().items():
            spec = load_spec(path)
            rows.append({"name": name, "title": spec.title, "concepts": spec.concept_count,
                         "problems": spec.problem_count, "path": str(path)})
        if as_json:
            click.echo(json.dumps(rows, indent=2))
            return
        name_w = max(len(r["name"]) for r in rows) + 2
        title_w = max(len(r["title"]) for r in rows) + 2
        for r in rows:
            click.echo(f"  {r['name']:<{name_w}}{r['title']:<{title_w}}{r['concepts']} concepts, {r['problems']} problems")


def _wrapped(text: str, indent: str) -> str:
    """``text`` indented and wrapped to the terminal's width (at least 80 columns), at '; ' and spaces."""
    import shutil
    import textwrap

    columns = max(80, shutil.get_terminal_size((100, 24)).columns)
    return textwrap.fill(text, width=columns - 1, initial_indent=indent, subsequent_indent=indent + "        ",
                         break_long_words=False, break_on_hyphens=False)
