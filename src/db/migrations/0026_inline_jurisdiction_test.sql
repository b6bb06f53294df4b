-- renkou_in_jurisdiction (0020) as one expression without a subquery, so that PostgreSQL inlines it into the row-level security policies instead of calling it for every row: reading the import tables as renkou_app cost about 60 µs a row more than as their owner.

-- The setting is a comma-separated list of division-code prefixes (digits only: checked here, so the pattern
-- built from it is always a plain alternation). Unset, empty or malformed means no jurisdiction: fail closed.
-- PostgreSQL caches the compiled pattern, so each row costs one anchored match.
create or replace function renkou_in_jurisdiction(code text) returns boolean
language sql stable parallel safe
as $$
  select code is not null
    and current_setting('renkou.jurisdiction', true) ~ '^[0-9]+(,[0-9]+)*$'
    and code ~ ('^(' || replace(current_setting('renkou.jurisdiction', true), ',', '|') || ')')
$$;
