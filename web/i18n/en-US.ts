import type { Messages } from "./zh-CN.ts";

export const enUS: Messages = {
  "app.name": "Population Information Platform",
  "app.skipToContent": "Skip to main content",

  "header.language": "Interface language",
  "header.demoTag": "DEMO",
  "header.demoBanner": "Demo: all data is synthetic, for trying out and training only.",

  "nav.label": "Main navigation",
  "nav.overview": "Overview",
  "nav.registry": "Import",
  "nav.linkage": "Linkage",
  "nav.surveillance": "Birth surveillance",
  "nav.preconception": "Preconception",
  "nav.benefits": "Family support",
  "nav.exchange": "Migrants",
  "nav.indicators": "Indicators",
  "nav.admin": "Administration",

  "common.loading": "Loading…",
  "common.retry": "Retry",
  "common.refresh": "Refresh",

  "error.loadFailed": "Could not load the data",
  "error.serverUnreachable": "Cannot reach the renkou server",
  "error.unexpected": "Something unexpected went wrong. Please retry; if it keeps failing, contact your administrator.",
  "error.requestId": "Request ID: {id}",

  "notFound.title": "Page not found",
  "notFound.detail": "The address {path} does not exist, or its module is not enabled.",
  "notFound.back": "Back to overview",

  "overview.title": "Overview",
  "overview.generatedAt": "Figures as of {time}",
  "overview.divisions": "Administrative divisions",
  "overview.divisionsNote": "Division code table",
  "overview.batches": "Import batches",
  "overview.batchesNote": "{committed} committed · {failed} failed",
  "overview.accepted": "Accepted records",
  "overview.acceptedNote": "Source records validated and stored",
  "overview.quarantined": "Quarantined rows",
  "overview.quarantinedNote": "Rows that failed validation, awaiting review",
  "overview.chartTitle": "Divisions by level",
  "overview.chartSummary": "Bar chart of divisions by level: {summary}",
  "overview.empty": "No data imported yet",
  "overview.emptyDetail":
    "Once departmental extracts (household registration, marriages, birth certificates …) are imported, their batches and records are counted here.",
  "overview.emptyNoImportDetail":
    "This server does not have the import module yet; once it is enabled and data imported, batches and records are counted here.",
  "overview.importNotEnabled": "Import module not enabled",
  "overview.goImport": "Go to Import",

  "level.province": "Province",
  "level.city": "Prefecture",
  "level.county": "County",
  "level.township": "Township",
  "level.village": "Village",
};
