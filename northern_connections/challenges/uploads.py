"""What an uploaded file really is, decided from its bytes (never from its name or the browser).

No Django imports and no libmagic: the five accepted formats have unambiguous signatures, and
DOCX/XLSX are told apart by the part names inside their ZIP container, which a renamed ZIP or
an ODF file does not have.
"""

from __future__ import annotations

import io
import zipfile

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# File-name extensions that may carry each type: the name must agree with the content.
EXTENSIONS = {PDF: {"pdf"}, PNG: {"png"}, JPEG: {"jpg", "jpeg"}, DOCX: {"docx"}, XLSX: {"xlsx"}}
ACCEPTED = tuple(EXTENSIONS)


class UploadRefused(ValueError):
    """The file is too large, of a type not accepted, or its name does not match its content.

    `code` and `params` let the caller say the same in the user's language (services.py does);
    the English text is for callers without translations.
    """

    def __init__(self, code: str, message: str, **params):
        super().__init__(message)
        self.code = code
        self.params = params


def detect(head: bytes, whole: bytes | None = None) -> str | None:
    """The MIME type of a file from its first bytes (and, for ZIP containers, its whole content)."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04") and whole is not None:
        try:
            names = set(zipfile.ZipFile(io.BytesIO(whole)).namelist())
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            return DOCX
        if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
            return XLSX
    return None


def check(name: str, content: bytes, max_bytes: int = MAX_UPLOAD_BYTES) -> str:
    """Return the detected type of an acceptable upload, or raise `UploadRefused` saying why."""
    if len(content) > max_bytes:
        megabytes = max_bytes // (1024 * 1024)
        raise UploadRefused("too_large", f"The file is larger than {megabytes} MB.", megabytes=megabytes)
    if not content:
        raise UploadRefused("empty", "The file is empty.")
    kind = detect(content[:16], content)
    if kind is None:
        raise UploadRefused("type", "Only PDF, DOCX, XLSX, PNG and JPG files are accepted.")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS[kind]:
        raise UploadRefused("mismatch", f"The file's name ends in '.{extension}' but its content is {kind}.",
                            extension=extension, kind=kind)
    return kind
