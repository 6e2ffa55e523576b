import json

import typer
from typer.testing import CliRunner

from wirewatch.taxonomy.cli import register

STORY = "French President Emmanuel Macron said troops could be sent to Ukraine."


def make_app():
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:  # a second command keeps "tag" a sub-command, as in the real app
        pass

    return app


runner = CliRunner()


def test_tag_file_json(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text(STORY, encoding="utf-8")
    res = runner.invoke(make_app(), ["tag", str(p), "--title", "Macron on troops", "--json", "--date", "2024-02-28"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert {"FR", "UA"} <= set(d["countries"]) and "emmanuel-macron" in d["people"]


def test_tag_stdin_human():
    res = runner.invoke(make_app(), ["tag", "-", "--date", "2024-02-28"], input=STORY)
    assert res.exit_code == 0
    assert "countries" in res.output and "FR" in res.output


def test_jsonl_batch():
    lines = "\n".join([
        json.dumps({"id": 1, "title": "Xi in Paris", "text": "Chinese President Xi Jinping arrived in France.", "published_at": "2024-05-06"}),
        "",
        json.dumps({"title": None, "text": "Nothing here.", "published_at": None}),
    ])
    res = runner.invoke(make_app(), ["tag", "--jsonl"], input=lines)
    assert res.exit_code == 0, res.output
    out = [json.loads(x) for x in res.output.splitlines()]
    assert len(out) == 2
    assert out[0]["id"] == 1 and "xi-jinping" in out[0]["people"]
    assert out[1]["countries"] == []


def test_errors_are_one_line_exit_1(tmp_path):
    app = make_app()
    for args, inp in ([["tag", str(tmp_path / "missing.txt")], None],
                      [["tag", "-", "--date", "yesterday"], "text"],
                      [["tag", "--jsonl"], '{"title": "a"}\n{broken\n'],
                      [["tag", "--jsonl"], '{"text": 5}\n'],
                      [["tag", "-", "-t", str(tmp_path / "nope.yaml")], "x"]):
        res = runner.invoke(app, args, input=inp)
        assert res.exit_code == 1
        err = [line for line in res.output.splitlines() if line.startswith("error:")]
        assert len(err) == 1, res.output
        assert "Traceback" not in res.output
