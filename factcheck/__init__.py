"""factcheck: claims kept as typed records tied to the exact characters that state them."""

__version__ = "0.1.0"
