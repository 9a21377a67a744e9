"""sitroom: a sourced, structured situation picture from conflict reporting.

>>> import sitroom
>>> ws = sitroom.open("demo.sqlite")
>>> report = ws.ingest(["data/demo"])
"""

from sitroom.errors import ConfigError, FetchError, InputError, SitroomError, StoreError
from sitroom.model import Article, Duplicate, IngestReport, RawItem, Rejection, RejectReason, Source, StageStamp
from sitroom.workspace import Workspace, open

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ConfigError",
    "Duplicate",
    "FetchError",
    "IngestReport",
    "InputError",
    "RawItem",
    "RejectReason",
    "Rejection",
    "SitroomError",
    "Source",
    "StageStamp",
    "StoreError",
    "Workspace",
    "__version__",
    "open",
]
