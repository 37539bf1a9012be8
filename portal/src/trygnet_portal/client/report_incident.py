from pydantic import Field

from .base_model import BaseModel


class ReportIncident(BaseModel):
    report_incident: "ReportIncidentReportIncident" = Field(alias="reportIncident")


class ReportIncidentReportIncident(BaseModel):
    position: str
    incident: "ReportIncidentReportIncidentIncident"


class ReportIncidentReportIncidentIncident(BaseModel):
    id: str


ReportIncident.model_rebuild()
ReportIncidentReportIncident.model_rebuild()
