"""``quizgen check``: stress-test skills against the contract every renderer relies on."""

from __future__ import annotations

import sys

import click

from ._skills_option import skills_dir_option


class _CheckCommand(click.Command):
    """Lists the rules at the end of ``--help``, read from :data:`quizgen.check.RULES` only when asked."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from ..check import RULES

        with formatter.section("Rules (a warning does not fail the check)"):
            formatter.write_dl([(r.name, r.summary + (" [warning]" if r.severity == "warning" else ""))
                                for r in RULES.values()])


@click.command("check", cls=_CheckCommand)
@skills_dir_option
@click.argument("targets", nargs=-1, metavar="SKILL|FILE|DIR...")
@click.option("--seeds", type=click.IntRange(min=1), default=100, show_default=True,
              help="Seeds per setting.")
@click.option("--all", "check_all", is_flag=True, help="Check every loaded skill, the built-ins included.")
@click.option("--keep", type=click.IntRange(min=1), default=3, show_default=True,
              help="Failures shown per rule per setting (the rest are counted).")
def command(targets: tuple[str, ...], seeds: int, check_all: bool, keep: int) -> None:
    """Stress-test skills: every rule of the skill contract, many seeds, every setting.

    A target is a skill id, a skill file (skills/vector_sum.py) or a folder of
    skill files. Each skill is run for every *setting*: its defaults, then one
    parameter at a time at each of its values (every difficulty, both ends and
    the middle of a range, every choice, both booleans, None), the other
    parameters at their defaults; each setting over SEEDS seeds (0, 1, 2, ...).

    The table shows, per setting, the draws, how many distinct problems they
    gave (by prompt and figure: how many exam versions or live variants it can
    supply), the mean time per draw and the result. Each failure follows with
    the rule, what is wrong, the command that shows the problem again and, for
    an exception, the traceback in your own file.

    Exit status: 0 when every rule holds (warnings allowed), 1 when a rule is
    broken or a skill file fails to load (its error and traceback are printed),
    2 for a usage error (an unknown skill id, a path that does not exist).

    \b
    Examples:
      quizgen check skills/vector_sum.py          one skill file
      quizgen check skills/                       every skill file in a folder
      quizgen check dot_product --seeds 20        a built-in skill, quickly
      quizgen check vector_sum --skills-dir skills
      quizgen check --all --seeds 25              every skill quizgen loads
    """
    from ..check import check_skill, format_report, resolve_targets, total_draws
    from ..errors import QuizgenError
    from ..registry import all_skills
    from ..skillfiles import author_traceback

    if not targets and not check_all:
        raise QuizgenError("name a skill id, a skill file or a folder to check (or --all); "
                           "see `quizgen check --help`")
    skills, broken = resolve_targets(targets)
    if check_all:
        known = {s.id for s in skills}
        skills += [s for s in all_skills().values() if s.id not in known]
    for path, exc in broken:
        click.echo(f"FAIL load: {exc}")
        click.echo("  " + author_traceback(exc).rstrip().replace("\n", "\n  "))
        click.echo()

    show_bar = sys.stderr.isatty() and total_draws(skills, seeds) > seeds
    ok = not broken
    passed = 0
    with click.progressbar(length=total_draws(skills, seeds), label="Checking", file=sys.stderr,
                           hidden=not show_bar) as bar:
        for i, sk in enumerate(skills):
            report = check_skill(sk, seeds, keep=keep, on_draw=bar.update)
            text = format_report(report)
            if show_bar:
                click.echo("", err=True)  # leave the bar's line before the table
            click.echo(("\n" if i else "") + text)
            ok &= report.ok
            passed += report.ok
    if len(skills) + len(broken) > 1:
        click.echo(f"\n{passed} of {len(skills) + len(broken)} skills pass" +
                   (f"; {len(broken)} file(s) failed to load" if broken else ""))
    if not ok:
        sys.exit(1)
