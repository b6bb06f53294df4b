-- Departmental data import (数据导入): batches (atomic, idempotent by content hash), stored rows, quarantined rows and person mentions with linkage features (DESIGN.md §5); src/modules/registry/README.md explains the design.

-- One row per imported file. Small (one row per file), so it carries no region_code key (DESIGN.md §7: a reference-sized table).
create table source_batch (
  id                bigint generated always as identity primary key,
  -- Jurisdiction of the sending department, when known (later: row-level security).
  region_code       text constraint source_batch_region_code_shape check (region_code ~ '^[0-9]{6}$'),
  source_type       text not null constraint source_batch_source_type_known
                    check (source_type in ('hukou', 'marriage', 'delivery', 'birth_cert', 'newborn_reg', 'death', 'persons')),
  file_name         text not null,
  file_format       text not null constraint source_batch_file_format_known check (file_format in ('csv', 'xlsx')),
  sheet_name        text,
  encoding          text constraint source_batch_encoding_known check (encoding in ('utf-8', 'utf-8-bom', 'gb18030')),
  content_sha256    text not null constraint source_batch_sha256_shape check (content_sha256 ~ '^[0-9a-f]{64}$'),
  byte_size         bigint not null constraint source_batch_byte_size_not_negative check (byte_size >= 0),
  headers           jsonb not null default '[]',
  -- mapping[i] is the standard field of column i, or null (kept in the raw record only).
  mapping           jsonb not null default '[]',
  -- The day "in the future" is judged against; fixed at creation so a resumed import judges rows alike.
  as_of             date not null,
  status            text not null constraint source_batch_status_known check (status in ('loading', 'committed', 'failed')),
  -- Resume marker: every row up to this row number is durably stored (chunked commits, see README).
  rows_loaded       integer not null default 0,
  row_count         integer not null default 0,
  accepted_count    integer not null default 0,
  quarantined_count integer not null default 0,
  warning_count     integer not null default 0,
  resubmitted_count integer not null default 0,
  errors_by_code    jsonb not null default '{}',
  -- The region codes the batch's rows were stored under, so a failed batch's rows can be deleted by key.
  region_codes      text[] not null default '{}',
  failure           jsonb,
  created_by        text,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  committed_at      timestamptz,
  -- The same file (by content) is imported once per source type; importing it again reports a duplicate.
  constraint source_batch_file_once unique (source_type, content_sha256),
  constraint source_batch_committed_has_time check ((status = 'committed') = (committed_at is not null)),
  constraint source_batch_failure_has_reason check ((status = 'failed') = (failure is not null)),
  constraint source_batch_counts_add_up check (accepted_count + quarantined_count = row_count or status <> 'committed')
);

-- Every stored row: the raw cells as read (headers are on the batch) plus the record-level normalised fields.
-- region_code (6-digit county of the record's jurisdiction; '000000' when unknown) leads the key (DESIGN.md §4, §7).
-- Only the primary key is indexed: secondary indexes belong to the readers that need them (linkage) and cost import speed.
-- No foreign keys on the two large tables: a per-row referential check takes a KEY SHARE lock on the parent row and
-- tripled insert time in measurement; the import writes a batch's rows and its status in the same transactions instead.
create table source_record (
  region_code   text not null constraint source_record_region_code_shape check (region_code ~ '^[0-9]{6}$'),
  batch_id      bigint not null,
  row_number    integer not null,
  source_type   text not null,
  source_id     text,
  event_date    date,
  division_code text,
  address       text,
  -- Other normalised standard fields (registration_date, birth_order, plurality, facility).
  attributes    jsonb,
  raw           jsonb not null,
  warnings      text[] not null default '{}',
  primary key (region_code, batch_id, row_number)
);

-- One row per person named in a stored record, with the features linkage compares (DESIGN.md §5).
create table mention (
  region_code   text not null,
  batch_id      bigint not null,
  row_number    integer not null,
  role          text not null constraint mention_role_known check (role in ('subject', 'mother', 'child', 'father', 'spouse')),
  source_type   text not null,
  name_norm     text,
  name_pinyin   text,
  initials      text,
  surname       text,
  birth_date    date,
  sex           text constraint mention_sex_known check (sex in ('male', 'female', 'unknown', 'unspecified')),
  -- Normalised spelling (full-width → ASCII, separators removed) even when invalid: a corrupted ID is evidence.
  id_number     text,
  id_valid      boolean not null default false,
  -- Keyed HMAC of the ID for exchange between systems; filled once a key is configured.
  id_hmac       text,
  division_code text,
  phone         text,
  event_date    date,
  primary key (region_code, batch_id, row_number, role)
);

-- Rows that failed validation, kept with their raw cells, codes and messages until corrected or exported.
create table quarantine_row (
  batch_id    bigint not null references source_batch (id),
  row_number  integer not null,
  region_code text,
  raw         jsonb not null,
  codes       text[] not null constraint quarantine_row_has_codes check (cardinality(codes) > 0),
  messages    jsonb not null,
  status      text not null default 'open' constraint quarantine_row_status_known check (status in ('open', 'resubmitted', 'exported')),
  resolved_at timestamptz,
  primary key (batch_id, row_number)
);

-- What readers outside the import see: mentions of committed batches only (a loading batch is invisible).
create view committed_mention as
  select m.* from mention m join source_batch b on b.id = m.batch_id where b.status = 'committed';

create view committed_source_record as
  select r.* from source_record r join source_batch b on b.id = r.batch_id where b.status = 'committed';
