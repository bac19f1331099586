"""Resized WebP copies of an image, made once and kept under MEDIA_ROOT/renditions/."""

from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageOps

# Widths offered in `srcset`; never wider than the original.
WIDTHS = (320, 640, 960, 1280, 1920)
QUALITY = 80


def widths_for(image) -> list[int]:
    if not image.width:
        return []
    return [w for w in WIDTHS if w < image.width] + [min(image.width, WIDTHS[-1])]


def rendition_name(image, width: int) -> str:
    stem = PurePosixPath(image.file.name).stem
    return f"renditions/{image.pk}/{stem}-{width}w.webp"


def generate(image) -> dict[int, str]:
    """Make the missing renditions of `image`; return {width: storage name}."""
    names = {w: rendition_name(image, w) for w in widths_for(image)}
    missing = {w: name for w, name in names.items() if not default_storage.exists(name)}
    if missing:
        with image.file.open("rb") as f, PILImage.open(f) as original:
            original = ImageOps.exif_transpose(original)
            if original.mode not in ("RGB", "RGBA"):
                original = original.convert("RGBA" if "transparency" in original.info else "RGB")
            for width, name in missing.items():
                height = max(1, round(original.height * width / original.width))
                resized = original.resize((width, height), PILImage.Resampling.LANCZOS)
                content = ContentFile(b"")
                resized.save(content, "WEBP", quality=QUALITY)
                default_storage.save(name, content)
    return names


def srcset(image) -> list[tuple[str, int]]:
    """[(url, width)] of the image's renditions, made now if a file is missing."""
    return [(default_storage.url(name), w) for w, name in generate(image).items()]
