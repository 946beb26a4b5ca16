"""The one image pipeline: what a phone photo, a transparent PNG, a CMYK scan, a 16-bit
scan and an animated GIF look like once prepared, and what ends up in the PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from studypack.media import images
from studypack.app.build import build

WIDTH_PT = 400.0  # placed width: 400 pt at 300 dpi is 1667 pixels


def decoded(prepared: images.Prepared) -> Image.Image:
    return Image.open(io.BytesIO(prepared.data))


def close(colour, expected, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected))


def test_exif_orientation_is_applied(tmp_path):
    """A phone holds the picture sideways and says so in EXIF; the page shows it upright."""
    img = Image.new("RGB", (400, 200), "red")
    img.paste((0, 0, 255), (200, 0, 400, 200))  # right half blue
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    img.save(tmp_path / "phone.jpg", "JPEG", exif=exif, quality=95)
    done = images.prepare(tmp_path / "phone.jpg", WIDTH_PT)
    assert done.original == (200, 400)
    upright = decoded(done)
    assert upright.width < upright.height
    top, bottom = upright.getpixel((upright.width // 2, 5)), upright.getpixel((upright.width // 2, upright.height - 5))
    assert close(top, (255, 0, 0)) and close(bottom, (0, 0, 255))


def test_transparency_is_flattened_onto_white(tmp_path):
    img = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    img.paste((0, 0, 0, 255), (100, 100, 200, 200))
    img.save(tmp_path / "cutout.png")
    done = decoded(images.prepare(tmp_path / "cutout.png", WIDTH_PT))
    assert done.mode == "RGB"
    assert close(done.getpixel((5, 5)), (255, 255, 255), 3)
    assert close(done.getpixel((done.width // 2, done.height // 2)), (0, 0, 0), 10)


def test_palette_transparency_too(tmp_path):
    img = Image.new("P", (100, 100), 0)
    img.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    img.info["transparency"] = 0
    img.save(tmp_path / "logo.gif", transparency=0)
    done = decoded(images.prepare(tmp_path / "logo.gif", WIDTH_PT))
    assert close(done.getpixel((50, 50)), (255, 255, 255), 3)


@pytest.mark.parametrize("mode, colour, expected", [
    ("CMYK", (0, 255, 255, 0), (255, 0, 0)),     # a scan saved as CMYK
    ("I;16", 65535 // 2, (128, 128, 128)),       # a 16-bit greyscale scan
    ("L", 200, (200, 200, 200)),
    ("1", 1, (255, 255, 255)),
])
def test_any_colour_mode_becomes_rgb(tmp_path, mode, colour, expected):
    name = "scan.jpg" if mode == "CMYK" else "scan.png"
    Image.new(mode, (120, 80), colour).save(tmp_path / name)
    done = decoded(images.prepare(tmp_path / name, WIDTH_PT))
    assert done.mode == "RGB"
    assert close(done.getpixel((10, 10)), expected, 12), done.getpixel((10, 10))


def test_animated_gif_prints_its_first_frame(tmp_path):
    frames = [Image.new("RGB", (60, 60), c) for c in ("green", "red", "blue")]
    frames[0].save(tmp_path / "anim.gif", save_all=True, append_images=frames[1:], duration=100, loop=0)
    done = decoded(images.prepare(tmp_path / "anim.gif", WIDTH_PT))
    assert close(done.getpixel((30, 30)), (0, 128, 0), 30)


def test_downscaled_to_print_resolution_and_greyscale_on_request(tmp_path):
    Image.linear_gradient("L").resize((4000, 3000)).convert("RGB").save(tmp_path / "photo.jpg", quality=90)
    colour = images.prepare(tmp_path / "photo.jpg", WIDTH_PT)
    assert colour.pixels == (round(WIDTH_PT / 72 * 300), round(WIDTH_PT / 72 * 300 * 3000 / 4000))
    # a photo that will not compress (noise) gets fewer pixels rather than break the size budget
    Image.effect_noise((4000, 3000), 40).convert("RGB").save(tmp_path / "noise.jpg", quality=90)
    noisy = images.prepare(tmp_path / "noise.jpg", WIDTH_PT)
    assert len(noisy.data) <= images.BUDGET and noisy.pixels[0] < colour.pixels[0]
    grey = images.prepare(tmp_path / "photo.jpg", WIDTH_PT, greyscale=True)
    assert decoded(grey).mode == "L"
    assert len(grey.data) < len(colour.data)


def test_small_picture_is_warned_about_not_blown_up(tmp_path):
    Image.new("RGB", (100, 60), "grey").save(tmp_path / "thumb.png")
    done = images.prepare(tmp_path / "thumb.png", WIDTH_PT)
    assert done.pixels == (100, 60)
    assert [images.noted("thumb.png", what, dict(values)) for what, values in done.warnings] == [
        "image 'thumb.png' is 100 pixels wide, so it prints at about 18 dpi and will look blurred: "
        "use a larger picture or a smaller width"]


def image_pack(folder: Path, picture: str, layout: str | None = None, width: int = 100) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    pack = {"title": "Pictures", "subject": "History", "level": "Ages 14-16",
            "sources": [{"letter": "A", "title": "A poster", "kind": "primary", "origin": "A studio", "date": "1937",
                         "citation": "A museum", "image": {"file": picture, "caption": "The poster", "alt": "A poster", "width": width}}],
            "sheets": [{"id": "s1", "kind": "source-analysis", "title": "Sheet", "sources": ["A"], "questions": [
                {"kind": "short", "prompt": "What does Source A show?", "marks": 2, "answer": "A poster."}]}]}
    (folder / "pack.yaml").write_text(yaml.safe_dump(pack, sort_keys=False))
    if layout:
        (folder / "layout.yaml").write_text(layout)
    return folder


def embedded_images(pdf: Path) -> list:
    return [image for page in PdfReader(str(pdf)).pages for image in page.images]


def test_a_4000x3000_photo_is_small_in_the_pdf(tmp_path):
    """A phone-sized photo (a smooth scene with fine grain, 4000x3000) placed at full width."""
    base = Image.linear_gradient("L").resize((4000, 3000))
    grain = Image.effect_noise((4000, 3000), 12)
    photo = Image.merge("RGB", (base, Image.blend(base, grain, 0.3), base.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    folder = image_pack(tmp_path / "photo", "photo.jpg")
    photo.save(folder / "photo.jpg", quality=92)
    result = build(folder, None, tmp_path / "out", jobs=1)
    sheet = tmp_path / "out" / "photo" / "s1.pdf"
    assert not result.warnings
    (embedded,) = embedded_images(sheet)
    assert embedded.image.size == (round((595.28 - 2 * 20 * 72 / 25.4 - 2 * 4 * 72 / 25.4) / 72 * 300), 1435)
    original = (folder / "photo.jpg").stat().st_size
    assert sheet.stat().st_size < original / 3, (sheet.stat().st_size, original)
    print(f"4000x3000 photo: {original // 1024} KiB as a file, s1.pdf {sheet.stat().st_size // 1024} KiB")


def test_greyscale_layout_embeds_grey_pictures(tmp_path):
    folder = image_pack(tmp_path / "grey", "poster.png", layout="extends: default\nimages: {greyscale: true}\n")
    Image.new("RGB", (1200, 900), "red").save(folder / "poster.png")
    build(folder, str(folder / "layout.yaml"), tmp_path / "out", jobs=1)
    (embedded,) = embedded_images(tmp_path / "out" / "grey-layout" / "s1.pdf")
    assert embedded.image.mode == "L"


def test_a_very_tall_picture_is_narrowed_to_fit_a_page(tmp_path):
    folder = image_pack(tmp_path / "tall", "scroll.png")
    Image.new("RGB", (300, 6000), "navy").save(folder / "scroll.png")
    result = build(folder, None, tmp_path / "out", jobs=1)
    assert [w.message for w in result.warnings] == [
        "source A: image 'scroll.png' is too tall to fit on a page at this width: printed 7% as wide"]
    assert len(PdfReader(str(tmp_path / "out" / "tall" / "s1.pdf")).pages) == 3  # opening, picture, question


def test_a_16_bit_grey_logo_keeps_its_tone(tmp_path):
    """Logos go through the same 8-bit step as pictures: a quarter grey stays a quarter grey."""
    Image.new("I;16", (40, 20), 0x4000).save(tmp_path / "crest.png")
    data, _w, _h = images.logo(tmp_path / "crest.png", 20)
    assert Image.open(io.BytesIO(data)).convert("L").getpixel((5, 5)) == 64


def test_a_grainy_photo_is_re_encoded_to_the_size_budget(tmp_path):
    """A phone photo with sensor grain would add half a megabyte at quality 82: it is brought
    within images.BUDGET (the docs promise well under 100 KB), still at 300 dpi here."""
    smooth = Image.radial_gradient("L").resize((2400, 1800)).convert("RGB")
    grain = Image.effect_noise((2400, 1800), 25).convert("RGB")
    Image.blend(smooth, grain, 0.3).save(tmp_path / "photo.jpg", quality=92)
    with Image.open(tmp_path / "photo.jpg") as img:
        prepared = images._pipeline(img, 170 / 25.4 * 72, False, None)
    assert len(prepared.data) <= images.BUDGET
    assert prepared.pixels[0] * 72 / (170 / 25.4 * 72) >= images.LOW_DPI
