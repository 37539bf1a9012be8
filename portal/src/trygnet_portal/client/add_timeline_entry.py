from pydantic import Field

from .base_model import BaseModel


class AddTimelineEntry(BaseModel):
    add_timeline_entry: "AddTimelineEntryAddTimelineEntry" = Field(
        alias="addTimelineEntry"
    )


class AddTimelineEntryAddTimelineEntry(BaseModel):
    position: str


AddTimelineEntry.model_rebuild()
