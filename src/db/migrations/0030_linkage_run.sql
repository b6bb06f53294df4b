-- Record linkage inside the product (src/modules/linkage/README.md "In the product"): model runs on imported mentions with their parameters and report, the pairs and clusters they found (personal data, under row-level security), and models saved to be reused or fixed by hand.

-- One row per run: who ran it over which mentions with which fields, its status, and its report (counts and the
-- model's parameters only, nothing about persons). Small (one row per run): no region_code key. region_code is the scope's
-- division prefix (2–12 digits), which the service compares with the reader's jurisdiction.
create table linkage_run (
  id              bigint generated always as identity primary key,
  region_code     text not null constraint linkage_run_region_shape check (region_code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$'),
  scope           jsonb not null,
  fields          jsonb not null,
  blocking_rules  jsonb not null default '[]',
  threshold       float8 not null constraint linkage_run_threshold_probability check (threshold >= 0 and threshold <= 1),
  model_id        bigint,
  retrain         boolean not null default false,
  status          text not null constraint linkage_run_status_known check (status in ('running', 'succeeded', 'failed')),
  created_by      text not null,
  created_at      timestamptz not null default now(),
  finished_at     timestamptz,
  mention_count   integer,
  blocked_pairs   bigint,
  pair_count      integer,
  cluster_count   integer,
  wall_ms         integer,
  report          jsonb,
  failure         jsonb,
  constraint linkage_run_finished_has_time check ((status = 'running') = (finished_at is null)),
  constraint linkage_run_failure_has_reason check ((status = 'failed') = (failure is not null)),
  constraint linkage_run_success_has_report check (status <> 'succeeded' or report is not null)
);

-- Pairs at or above the run's threshold, each mention by its key, with the per-comparison explanation. A pair
-- joins two mentions that may lie in different counties, so it has no single region_code: division_code is the
-- longest division containing both (a grant sees the pair only if it covers both mentions); null = no grant.
create table linkage_pair (
  run_id             bigint not null references linkage_run (id) on delete cascade,
  pair_number        integer not null,
  division_code      text,
  left_region_code   text not null,
  left_batch_id      bigint not null,
  left_row_number    integer not null,
  left_role          text not null,
  right_region_code  text not null,
  right_batch_id     bigint not null,
  right_row_number   integer not null,
  right_role         text not null,
  match_probability  float8 not null,
  match_weight       float8 not null,
  -- Per comparison, in the order of the run's fields: the level's index (-1 = a value missing) and the
  -- term-frequency adjustment. With the run's parameters they give every contribution (the waterfall); numbers
  -- rather than labelled JSON keep a million pairs small and quick to store.
  levels             smallint[] not null,
  tf_adjustments     float8[] not null,
  primary key (run_id, pair_number)
);

-- Pages of pairs are read strongest first.
create index linkage_pair_by_weight on linkage_pair (run_id, match_weight desc, pair_number);

-- Members of clusters with two or more mentions (connected components of the pairs; cluster id = smallest
-- member key, stable across runs on the same data). division_code: where the member mention is filed.
create table linkage_cluster (
  run_id        bigint not null references linkage_run (id) on delete cascade,
  region_code   text not null,
  batch_id      bigint not null,
  row_number    integer not null,
  role          text not null,
  division_code text,
  cluster_id    text not null,
  primary key (run_id, region_code, batch_id, row_number, role)
);

create index linkage_cluster_by_cluster on linkage_cluster (run_id, cluster_id);

-- Parameters saved from a run or edited by hand (the renkou-link-parameters/1 JSON the CLI reads and writes).
create table linkage_model (
  id          bigint generated always as identity primary key,
  name        text not null constraint linkage_model_name_present check (length(name) between 1 and 100),
  region_code text not null,
  parameters  jsonb not null,
  created_by  text not null,
  created_at  timestamptz not null default now()
);

select renkou_protect_personal_table('linkage_pair', 'division_code');
select renkou_protect_personal_table('linkage_cluster', 'division_code');
