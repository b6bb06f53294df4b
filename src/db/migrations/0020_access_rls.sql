-- Row-level security plumbing (DESIGN.md §8): the non-owner role renkou_app that requests touching personal data run as (SET LOCAL ROLE), the per-transaction jurisdiction test, and renkou_protect_personal_table() for every personal-data table.

-- Roles belong to the whole server, not to one database, so create it only once; the account renkou
-- connects as must be a member to SET ROLE to it. Superusers (the embedded engine's "postgres") may always.
do $$
begin
  if not exists (select from pg_roles where rolname = 'renkou_app') then
    create role renkou_app nologin noinherit;
  end if;
  if not pg_has_role(current_user, 'renkou_app', 'member') then
    execute format('grant renkou_app to %I', current_user);
  end if;
exception when insufficient_privilege then
  raise exception 'renkou needs the database role renkou_app, and % must be a member of it', current_user
    using hint = format('As a superuser run: CREATE ROLE renkou_app NOLOGIN; GRANT renkou_app TO %I;', current_user);
end
$$;

-- True when `code` starts with one of the comma-separated division-code prefixes in the transaction-local
-- setting renkou.jurisdiction. Unset or empty means no jurisdiction at all: fail closed.
create function renkou_in_jurisdiction(code text) returns boolean
language sql stable parallel safe
as $$
  select code is not null and exists (
    select 1
    from unnest(string_to_array(current_setting('renkou.jurisdiction', true), ',')) as prefix
    where prefix <> '' and starts_with(code, prefix)
  )
$$;

-- Puts a personal-data table under row-level security keyed by a division-code column:
-- renkou_app (the role requests run as) sees and writes only rows inside renkou.jurisdiction; the table
-- owner (the account running migrations, imports and linkage) keeps full access through an explicit
-- policy; FORCE makes every other role, the owner included, subject to the policies, so a role nobody
-- wrote a policy for sees nothing. Call it from the migration that creates the table, after 0020:
--   select renkou_protect_personal_table('mention', 'division_code');
create function renkou_protect_personal_table(target regclass, code_column text default 'region_code')
returns void
language plpgsql
as $$
declare
  column_name text;
  sequence_name text;
begin
  if not exists (
    select from pg_attribute where attrelid = target and attname = code_column and attnum > 0 and not attisdropped
  ) then
    raise exception 'table % has no column %', target, code_column;
  end if;
  execute format('alter table %s enable row level security', target);
  execute format('alter table %s force row level security', target);
  execute format('create policy renkou_owner_all on %s to current_user using (true) with check (true)', target);
  execute format(
    'create policy renkou_app_jurisdiction on %s to renkou_app using (renkou_in_jurisdiction(%I)) with check (renkou_in_jurisdiction(%I))',
    target, code_column, code_column);
  execute format('grant select, insert, update on %s to renkou_app', target);
  for column_name in select attname from pg_attribute where attrelid = target and attnum > 0 and not attisdropped loop
    sequence_name := pg_get_serial_sequence(target::text, column_name);
    if sequence_name is not null then
      execute format('grant usage on sequence %s to renkou_app', sequence_name);
    end if;
  end loop;
end
$$;

-- Reference data that personal-data queries join.
grant select on division to renkou_app;
