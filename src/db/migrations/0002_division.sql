-- Administrative divisions (DOMAIN.md §2): a small reference table, replicated rather than distributed under Citus (DESIGN.md §7), hence no region_code.
create table division (
  code        text primary key
              constraint division_code_shape check (code ~ '^[0-9]{2}([0-9]{2}([0-9]{2}([0-9]{3}([0-9]{3})?)?)?)?$'),
  level       text not null
              constraint division_level_known check (level in ('province', 'city', 'county', 'township', 'village')),
  name        text not null constraint division_name_not_blank check (btrim(name) <> ''),
  parent_code text references division (code),
  valid_from  date,
  valid_to    date,
  source      text not null,
  -- A code's length is its level (2/4/6/9/12 digits), so a jurisdiction prefix always ends on a level boundary.
  constraint division_level_matches_code check (
    length(code) = case level
      when 'province' then 2 when 'city' then 4 when 'county' then 6 when 'township' then 9 else 12 end
  ),
  -- Only provinces are roots, and a parent's code is a proper prefix of its child's (prefix = jurisdiction).
  constraint division_parent_unless_province check ((level = 'province') = (parent_code is null)),
  constraint division_parent_is_prefix check (
    parent_code is null or (length(parent_code) < length(code) and left(code, length(parent_code)) = parent_code)
  ),
  constraint division_valid_range check (valid_to is null or valid_from is null or valid_to > valid_from)
);

create index division_parent_code_idx on division (parent_code);
create index division_name_idx on division (name);
-- Fuzzy name lookup (misspelt or partial names in imported addresses); pg_trgm comes from migration 0001.
create index division_name_trgm_idx on division using gin (name gin_trgm_ops);
