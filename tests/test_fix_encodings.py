"""`--fix` writes a file back in the encoding it was read in: only the fixed figure's bytes change."""

import pytest

from extractor.reading.fixes import write_atomic
from extractor.reading.encodings import decode_text


@pytest.mark.parametrize("encoding, data", [
    ("cp1252", b"It\x92s a premium of 444% \x81\r\n"),
    ("utf-16-le", b"\xff\xfe" + "It’s a premium of 444%\r\n".encode("utf-16-le")),
    ("utf-16-be", b"\xfe\xff" + "It’s a premium of 444%\r\n".encode("utf-16-be")),
    ("utf-8-sig", b"\xef\xbb\xbf" + "It’s a premium of 444%\n".encode()),
    ("utf-8", "It’s a premium of 444%\n".encode()),
])
def test_fix_keeps_the_encoding(tmp_path, encoding, data):
    path = tmp_path / "draft.txt"
    path.write_bytes(data)
    text, used = decode_text(data, "draft.txt")
    assert used == encoding
    write_atomic(path, text.replace("444%", "344%"))
    codec = {"utf-8-sig": "utf-8"}.get(encoding, encoding)
    assert path.read_bytes() == data.replace("444%".encode(codec), "344%".encode(codec))
