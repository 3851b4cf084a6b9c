"""What papers may be: checked by what the file contains, not by its name."""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_PAPER_BYTES = 20 * 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Word .doc (and other Office files)
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.oasis.opendocument.presentation",
}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _zip_type(upload):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                if mimetype in ODF_TYPES:
                    return mimetype
            if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
                return DOCX
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def sniff_content_type(upload):
    """The real type of an uploaded file, from its first bytes (and zip contents for
    Word and ODF files), or None if it is not a kind of paper we accept."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(OLE_MAGIC):
        return "application/msword"
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(upload)
    return None


EXTENSIONS = {
    "application/pdf": {"pdf"},
    "image/png": {"png"},
    "image/jpeg": {"jpg", "jpeg"},
    "image/gif": {"gif"},
    "image/webp": {"webp"},
    "application/msword": {"doc"},
    DOCX: {"docx"},
    "application/vnd.oasis.opendocument.text": {"odt"},
    "application/vnd.oasis.opendocument.spreadsheet": {"ods"},
    "application/vnd.oasis.opendocument.presentation": {"odp"},
}


def paper_validate(upload):
    """Return the checked content type, or raise ValidationError in plain words."""
    # The size is checked before anything is read: a huge upload is refused at once.
    if upload.size > MAX_PAPER_BYTES:
        raise ValidationError(
            _("The file must be smaller than %(limit)s MB. This one is %(size)s MB."),
            params={"limit": MAX_PAPER_BYTES // (1024 * 1024), "size": round(upload.size / (1024 * 1024))},
            code="too_big",
        )
    content_type = sniff_content_type(upload)
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if content_type is None or extension not in EXTENSIONS[content_type]:
        raise ValidationError(
            _("The file must be a PDF, a Word or OpenDocument file, or an image (PNG, JPEG, GIF or WebP)."),
            code="wrong_type",
        )
    return content_type
