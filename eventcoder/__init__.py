"""eventcoder: news text in, a validated CAMEO event dataset out."""

__version__ = "0.1.0"
