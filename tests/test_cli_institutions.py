"""``fapai institutions``: the same use cases from the command line, refusals as one
line on standard error with exit status 2 (seed 003)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from case_support import a_court, ruled_lot
from fapai.app.institutions import designation
from fapai.cli.main import app
from institution_support import applicant, database


def test_the_commands_act_as_the_tokens_user_and_refuse_in_one_line(
    services, clock, tmp_path
) -> None:
    c = a_court(services)
    members = [applicant() for _ in range(3)]
    database(services, c, clock, members)
    lot = ruled_lot(services, c, clock)
    designation.schedule(services, c.office, lot, {})
    chosen = designation.run(services, c.office, lot)
    env = {"FAPAI_DATABASE_URL": services.db.engine.url.render_as_string(hide_password=False),
           "FAPAI_DATA_DIR": str(tmp_path)}  # fmt: skip
    runner = CliRunner()

    def run(*args: str, role: str = "director"):
        return runner.invoke(app, ["institutions", *args, "--token", c.tokens[role]], env=env)

    shown = run("show")
    assert shown.exit_code == 0, shown.output
    listed = {i["credit_code"]: i["status"] for i in json.loads(shown.output)["institutions"]}
    assert listed == dict.fromkeys((m.credit_code for m in members), "admitted")
    bad_term = run("ban-term", "4")
    assert bad_term.exit_code == 2
    assert len(bad_term.output.strip().splitlines()) == 1
    assert "Art 26" in bad_term.output or "第二十六条" in bad_term.output
    assert run("ban-term", "3").exit_code == 0
    wrong_role = run("round", "日报", "2026-11-30", "2026-12-07", role="auction_office")
    assert wrong_role.exit_code == 2
    assert "role_not_allowed" in wrong_role.output
    recuse = run("draw", str(lot), "--recuse", "no-reason", role="auction_office")
    assert recuse.exit_code == 2
    out = tmp_path / "letter.html"
    letter = run("letter", str(lot), str(out), "--format", "html", role="supervisor")
    assert letter.exit_code == 0, letter.output
    assert chosen in out.read_text(encoding="utf-8")
    fee = run("fee", str(lot), role="supervisor")  # no round yet: no fee (Arts 18-19)
    assert fee.exit_code == 0, fee.output
    assert json.loads(fee.output)["rounds"] == []
    nothing = run("fee-complete", str(lot), role="auction_office")
    assert nothing.exit_code == 2
    assert "no_fee_owed" in nothing.output
    with services.db.read() as tx:
        institution = tx.designations(lot)[-1].institution_id
    # the command runs on the real clock: a past period, before the test's designation
    period = ("2026-01-01", "2026-01-31")
    evaluated = run("evaluate", str(institution), *period, "pass", "合格", role="auction_office")
    assert evaluated.exit_code == 0, evaluated.output
    assert json.loads(evaluated.output)["figures"]["designations"] == 0


def test_tasks_from_the_command_line_art_3(services, clock, tmp_path) -> None:
    """``fapai institutions task``, ``tasks`` and ``task-review``: reserved work refused in
    one line (Art 3(8)), a task given and read back with its log."""
    from institution_support import entrusted

    c = a_court(services)
    e = entrusted(services, c, clock)
    env = {"FAPAI_DATABASE_URL": services.db.engine.url.render_as_string(hide_password=False),
           "FAPAI_DATA_DIR": str(tmp_path)}  # fmt: skip
    runner = CliRunner()

    def run(*args: str, role: str = "auction_office"):
        return runner.invoke(app, ["institutions", *args, "--token", c.tokens[role]], env=env)

    reserved = run(
        "task", str(e.lots[0]), "reference_price", "定价", "2030-01-01", e.staff[0].login
    )
    assert reserved.exit_code == 2
    assert "reserved_to_court" in reserved.output
    assert len(reserved.output.strip().splitlines()) == 1
    given = run("task", str(e.lots[0]), "site_notice", "张贴公告", "2030-01-01", e.staff[0].login)
    assert given.exit_code == 0, given.output
    listed = run("tasks", str(e.lots[0]), role="supervisor")
    assert [t["id"] for t in json.loads(listed.output)] == [int(given.output)]
    early = run("task-review", given.output.strip(), "--accept")
    assert early.exit_code == 2
    assert "task_not_submitted" in early.output
