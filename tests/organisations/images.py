import io

from PIL import Image


def png_bytes(size=(40, 20), image_format="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 75, 160)).save(buffer, format=image_format)
    return buffer.getvalue()
