"""``fapai objections``: an objection filed, docketed and ruled from the command line
(OBJ Arts 2, 21; CPL Art 236), its refusals one line with exit status 2 and nothing
written."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from typer.testing import CliRunner

from case_support import stage
from fapai.app.remedies import views
from fapai.app.services import Services
from fapai.cli.main import app
from fapai.domain.beijing_time import BEIJING
from support import bidder
from test_remedies_flows import PDF, live_lot


def now_lot(services: Services, clock) -> tuple:
    """A live lot on the real clock's day: the commands run on the real clock, and the
    tokens' sessions must be live then."""
    return live_lot(services, clock, datetime.now(BEIJING).date().isoformat())


def env_for(services: Services, tmp_path: Path) -> dict[str, str]:
    url = services.db.engine.url.render_as_string(hide_password=False)
    return {"FAPAI_DATABASE_URL": url, "FAPAI_DATA_DIR": str(tmp_path)}


def test_an_objection_is_filed_docketed_and_ruled_from_the_command_line_obj_art_21(
    services, clock, tmp_path
) -> None:
    c, lot, _ = now_lot(services, clock)
    filer = bidder(services, "王异议")
    paper = tmp_path / "公告截图.pdf"
    paper.write_bytes(PDF)
    env, run = env_for(services, tmp_path), CliRunner().invoke
    bureau = c.tokens["enforcement"]
    filed = run(app, ["objections", "file", str(lot), "execution_act", "excluded_bidder",
                      "王异议", "公告期不足十五日", "--paper", str(paper), "--token", filer.token],
                env=env)  # fmt: skip
    assert filed.exit_code == 0, filed.output
    number = int(filed.output.strip())
    (mine,) = views.mine(services, filer.account_id)
    assert (mine["id"], [p["title"] for p in mine["papers"]]) == (number, ["公告截图"])
    listed = run(app, ["objections", "list", "--token", bureau], env=env)
    assert json.loads(listed.output.splitlines()[0])["filer"] == "王异议"
    docketed = run(app, ["objections", "docket", str(number), "--token", bureau], env=env)
    assert docketed.exit_code == 0, docketed.output
    ruled = run(app, ["objections", "rule", str(number), "upheld", "违法限制竞买",
                      "--ground", "unequal_conditions", "--token", bureau], env=env)  # fmt: skip
    assert (ruled.exit_code, ruled.output.strip()) == (0, "revoked")
    assert stage(services, lot) == "revoked"
    closed = run(app, ["objections", "close", str(number), "期满未申请复议", "--token", bureau],
                 env=env)  # fmt: skip
    assert closed.exit_code == 0, closed.output


def test_the_command_line_refuses_in_one_line_and_files_nothing(services, clock, tmp_path) -> None:
    c, lot, _ = now_lot(services, clock)
    filer = bidder(services)
    env, run = env_for(services, tmp_path), CliRunner().invoke
    script = tmp_path / "证据.pdf"
    script.write_bytes(b"<script>alert(1)</script>")
    text = tmp_path / "证据.txt"
    text.write_bytes(b"a")
    base = ["objections", "file", str(lot), "execution_act", "party", "某", "理由"]
    cases = [
        ([*base[:3], "appeal", *base[4:], "--token", filer.token], "invalid_kind"),
        ([*base, "--paper", str(script), "--token", filer.token], "type_mismatch"),
        ([*base, "--paper", str(text), "--token", filer.token], "unsupported_type"),
        ([*base, "--paper", str(tmp_path / "无.pdf"), "--token", filer.token], "cannot read"),
        ([*base, "--token", c.tokens["enforcement"]], "not a signed-in account"),
        (["objections", "docket", "1", "--token", filer.token], "not a court user"),
        (["objections", "rule", "99", "upheld", "理由", "--token", c.tokens["enforcement"]],
         "not_found"),
        (["objections", "revoke", "99", "--token", c.tokens["enforcement"]], "not_found"),
    ]  # fmt: skip
    for args, said in cases:
        refused = run(app, args, env=env)
        assert refused.exit_code == 2, (args, refused.output)
        assert said in refused.output, (args, refused.output)
        assert len(refused.output.strip().splitlines()) == 1, refused.output
    assert views.mine(services, filer.account_id) == []
