-- Row-level security on the import tables by the finest division a row is filed under (not only its county), so a township grant (370406101) sees its township's rows; rows that neither a division code nor an ID number places stay visible where their file was submitted.

-- The jurisdiction (division-code prefix) of the account that submitted the file; null for command-line imports.
alter table source_batch add column submitted_in text
  constraint source_batch_submitted_in_shape check (submitted_in ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$');
-- The facility of a hospital reporter who submitted the file: its reporters see the batch.
alter table source_batch add column submitted_facility text;

-- A quarantined row's division code, when its division cell could be read, like source_record.division_code.
alter table quarantine_row add column division_code text;

-- Where a row is filed: its division code when that is a code inside its county (6, 9 or 12 digits), else its
-- county, else nowhere ('000000' and null are "unknown").
create function renkou_filed_under(division_code text, region_code text) returns text
language sql immutable parallel safe
as $$
  select case
    when region_code is null or region_code = '000000' then null
    when division_code ~ '^[0-9]{6}([0-9]{3}){0,2}$' and starts_with(division_code, region_code) then division_code
    else region_code
  end
$$;

-- Whether a batch was submitted inside the transaction's jurisdiction: how rows nothing places are seen. Called
-- only for such rows (the policies test the region first); its subquery runs as the requesting role.
create function renkou_submitted_here(batch_id bigint) returns boolean
language sql stable parallel safe
as $$
  select exists (select 1 from source_batch b where b.id = batch_id and renkou_in_jurisdiction(b.submitted_in))
$$;

grant select on source_batch to renkou_app;

-- renkou_protect_personal_table (0020) keyed these tables' jurisdiction policy by region_code; replace it. The
-- first test is a plain expression PostgreSQL inlines into every query on the table (see 0026).
drop policy renkou_app_jurisdiction on source_record;
create policy renkou_app_jurisdiction on source_record to renkou_app
  using (renkou_in_jurisdiction(renkou_filed_under(division_code, region_code)) or (region_code = '000000' and renkou_submitted_here(batch_id)))
  with check (renkou_in_jurisdiction(renkou_filed_under(division_code, region_code)) or (region_code = '000000' and renkou_submitted_here(batch_id)));

drop policy renkou_app_jurisdiction on mention;
create policy renkou_app_jurisdiction on mention to renkou_app
  using (renkou_in_jurisdiction(renkou_filed_under(division_code, region_code)) or (region_code = '000000' and renkou_submitted_here(batch_id)))
  with check (renkou_in_jurisdiction(renkou_filed_under(division_code, region_code)) or (region_code = '000000' and renkou_submitted_here(batch_id)));

drop policy renkou_app_jurisdiction on quarantine_row;
create policy renkou_app_jurisdiction on quarantine_row to renkou_app
  using (
    renkou_in_jurisdiction(renkou_filed_under(division_code, region_code))
    or (coalesce(region_code, '000000') = '000000' and renkou_submitted_here(batch_id))
  )
  with check (
    renkou_in_jurisdiction(renkou_filed_under(division_code, region_code))
    or (coalesce(region_code, '000000') = '000000' and renkou_submitted_here(batch_id))
  );
