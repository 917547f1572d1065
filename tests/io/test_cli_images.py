"""`python -m core images`: the documented JSON, the photograph held out of training, a file as the image, and exit
code 2 with one stderr line for bad input."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image

from core.experiments.images import training_photos
from core.experiments.images_config import ImagesConfig
from core.io.cli.main import main
from core.io.photos import PHOTOS

TINY = ["--layers", "2", "--channels", "4", "--steps", "2", "--batch", "2", "--serial"]


def test_images_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["images", "--image", "coffee", "--train-sigma", "0,25", "--test-sigmas", "10,50,100", *TINY, "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert [row["sigma"] for row in data["psnr_db"]] == [10, 50, 100]
    assert all(set(row) == {"sigma", "noisy", "biased", "bias_free"} for row in data["psnr_db"])
    assert data["homogeneity_error"] < 1e-5 and data["homogeneity_error_biased"] >= 0
    assert data["train_seconds"] > 0 and [n["bias"] for n in data["nets"]] == [True, False]
    assert data["config"]["image"] == "coffee" and data["config"]["train_sigma"] == [0, 25]


def test_the_photograph_judged_is_held_out_of_training() -> None:
    for name in PHOTOS:
        held_out = training_photos(ImagesConfig(image=name))
        assert len(held_out) == len(PHOTOS) - 1


def test_a_png_file_is_judged_as_an_upload(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.png"
    rgb = (np.random.default_rng(0).random((64, 72, 3)) * 255).astype(np.uint8)
    Image.fromarray(rgb).save(path)
    assert main(["images", "--image", str(path), "--test-sigmas", "50", *TINY, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["image"].startswith("upload:") and data["size"] == [72, 64]


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--image", "lena"], "image='lena' is unknown"),
        (["--train-sigma", "30,10"], "LO must not exceed HI"),
        (["--test-sigmas", "10,abc"], "test_sigmas='10,abc' is not allowed"),
        (["--steps", "0"], "steps=0"),
    ],
)
def test_bad_flags_exit_2_with_one_line(argv: list[str], says: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["images", *argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and says in err[0], err


def test_a_file_that_is_not_an_image_exits_2_naming_the_problem(tmp_path, capsys) -> None:
    path = tmp_path / "table.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    assert main(["images", "--image", str(path)]) == 2
    assert "not an image" in capsys.readouterr().err


def test_a_tiny_image_file_exits_2_saying_how_big_it_must_be(tmp_path, capsys) -> None:
    tiny = tmp_path / "tiny.png"
    buf = io.BytesIO()
    Image.fromarray(np.zeros((20, 20), dtype=np.uint8)).save(buf, format="PNG")
    tiny.write_bytes(buf.getvalue())
    assert main(["images", "--image", str(tiny)]) == 2
    assert "at least" in capsys.readouterr().err
