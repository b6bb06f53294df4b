-- Birth and sex-ratio-at-birth surveillance (出生监测): births read from committed birth sources, monthly aggregates and cross-source sex agreement folded in once per batch, and SRB alerts with an append-only status history (src/modules/surveillance/README.md).

-- One row per stored record of a birth source (delivery, birth_cert, newborn_reg) once folded into the aggregates:
-- the few facts surveillance needs, derived once. No names or ID numbers: cross-source matching reads the mother's
-- ID from `mention` through the index below. birth_month is null when the record gives no birth date (undated).
create table birth_record (
  region_code       text not null,
  batch_id          bigint not null,
  row_number        integer not null,
  source_type       text not null constraint birth_record_source_type_known check (source_type in ('delivery', 'birth_cert', 'newborn_reg')),
  -- The fold that added the row (sequence birth_fold_seq): lets a fold tell its own rows from earlier ones.
  fold_id           bigint not null,
  -- 9-digit township code, or '' when the record names no township (county or coarser only).
  township_code     text not null constraint birth_record_township_shape check (township_code = '' or township_code ~ '^[0-9]{9}$'),
  birth_date        date,
  birth_month       date,
  birth_order_group text not null constraint birth_record_order_known check (birth_order_group in ('1', '2', '3+', 'unknown')),
  sex               text not null constraint birth_record_sex_known check (sex in ('male', 'female', 'unknown')),
  primary key (region_code, batch_id, row_number)
);

create sequence birth_fold_seq;

-- Births per township, month, birth-order group and sex, for every birth source (the dashboard reads the configured one;
-- the others feed the data-quality panel). Counts are added to, never recomputed: see birth_agg_batch.
create table birth_agg_monthly (
  region_code       text not null constraint birth_agg_monthly_region_shape check (region_code ~ '^[0-9]{6}$'),
  source_type       text not null,
  month             date not null constraint birth_agg_monthly_first_day check (extract(day from month) = 1),
  township_code     text not null,
  birth_order_group text not null constraint birth_agg_monthly_order_known check (birth_order_group in ('1', '2', '3+', 'unknown')),
  boys              integer not null,
  girls             integer not null,
  sex_unknown       integer not null,
  primary key (region_code, source_type, month, township_code, birth_order_group)
);

-- Batches folded into the aggregates: the row is inserted in the same transaction as the batch's counts, and its
-- primary key makes a second fold of the same batch a no-op (refresh is idempotent and incremental).
create table birth_agg_batch (
  batch_id    bigint primary key references source_batch (id),
  source_type text not null,
  -- Records folded (including corrected rows folded later) and those without a birth date, which no month can hold.
  births      integer not null,
  undated     integer not null,
  folded_at   timestamptz not null default now()
);

-- Quarantined rows that were corrected and stored into an already committed batch (registry "resubmit"), each folded once.
create table birth_agg_resubmission (
  batch_id   bigint not null references birth_agg_batch (batch_id),
  row_number integer not null,
  fold_id    bigint not null,
  primary key (batch_id, row_number)
);

-- Sex agreement between birth sources for the same birth (mother's ID + birth date), counted on the side of
-- `source_type` in its township and month: births found in both sources (matched), compared on a known sex in
-- both (compared), and compared births whose sex differs (disagreed). Maintained by deltas as batches fold.
create table birth_source_agreement_monthly (
  region_code       text not null,
  source_type       text not null,
  other_source_type text not null,
  month             date not null,
  township_code     text not null,
  matched           integer not null,
  compared          integer not null,
  disagreed         integer not null,
  primary key (region_code, source_type, other_source_type, month, township_code)
);

-- Cross-source matching looks mothers up by ID number: registry stores only primary keys, readers add what they need.
create index mention_mother_id_idx on mention (id_number) where role = 'mother' and id_valid;

-- Alerts: funnel alarms for townships (rolling 12 months) and CUSUM / EWMA signals for counties and cities.
create table srb_alert (
  id                bigint generated always as identity primary key,
  level             text not null constraint srb_alert_level_known check (level in ('township', 'county', 'city')),
  region_code       text not null,
  method            text not null constraint srb_alert_method_known check (method in ('funnel', 'cusum', 'ewma')),
  birth_order_group text not null constraint srb_alert_order_known check (birth_order_group in ('all', '1', '2', '3+')),
  -- The month evaluated (first day): the last month of a funnel window, or the month a chart signalled.
  period            date not null constraint srb_alert_period_first_day check (extract(day from period) = 1),
  numbers           jsonb not null,
  explanation_zh    text not null,
  explanation_en    text not null,
  -- The latest action's status, kept by the trigger below; never set directly.
  status            text not null default 'new' constraint srb_alert_status_known check (status in ('new', 'under_review', 'explained', 'dismissed')),
  created_at        timestamptz not null default now(),
  -- level:region:method:order:period — running detection again finds the same key and adds nothing.
  dedup_key         text not null constraint srb_alert_dedup_key_unique unique,
  constraint srb_alert_region_matches_level check (
    region_code ~ case level when 'city' then '^[0-9]{4}$' when 'county' then '^[0-9]{6}$' else '^[0-9]{9}$' end
  )
);

create index srb_alert_region_idx on srb_alert (region_code, period desc);

-- Status history, append-only: every change is a new row; an explanation or a dismissal must say why.
create table srb_alert_action (
  id       bigint generated always as identity primary key,
  alert_id bigint not null references srb_alert (id),
  status   text not null constraint srb_alert_action_status_known check (status in ('new', 'under_review', 'explained', 'dismissed')),
  actor    uuid references app_user (id),
  note     text,
  at       timestamptz not null default now(),
  constraint srb_alert_action_note_required check (status not in ('explained', 'dismissed') or (note is not null and btrim(note) <> ''))
);

create index srb_alert_action_alert_idx on srb_alert_action (alert_id, id);

create function srb_alert_action_refuse_change() returns trigger
language plpgsql
as $$
begin
  raise exception 'srb_alert_action is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger srb_alert_action_no_update_or_delete before update or delete on srb_alert_action
  for each row execute function srb_alert_action_refuse_change();

create function srb_alert_follow_action() returns trigger
language plpgsql
as $$
begin
  update srb_alert set status = new.status where id = new.alert_id;
  return new;
end
$$;
create trigger srb_alert_action_sets_status after insert on srb_alert_action
  for each row execute function srb_alert_follow_action();
