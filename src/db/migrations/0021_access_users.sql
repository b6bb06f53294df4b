-- Users, their grants (role + jurisdiction), sessions and the one-time first-run setup token (DESIGN.md §5, §8).
create table app_user (
  id                  uuid primary key default gen_random_uuid(),
  username            text not null unique
                      constraint app_user_username_shape check (username ~ '^[a-z0-9][a-z0-9._-]{2,63}$'),
  display_name        text not null default '',
  password_hash       text not null,
  totp_secret         text not null constraint app_user_totp_secret_base32 check (totp_secret ~ '^[A-Z2-7]{16,}$'),
  totp_last_step      bigint,
  -- Demo users sign in without a second factor, so they work only while the instance is in demo mode.
  is_demo             boolean not null default false,
  failed_logins       integer not null default 0 constraint app_user_failed_logins_range check (failed_logins >= 0),
  locked_until        timestamptz,
  disabled_at         timestamptz,
  created_at          timestamptz not null default now(),
  password_changed_at timestamptz not null default now(),
  last_login_at       timestamptz
);

-- A revoked grant keeps its row (who held what, when) with revoked_at set.
create table role_grant (
  id           uuid primary key default gen_random_uuid(),
  user_id      uuid not null references app_user (id),
  role         text not null constraint role_grant_role_known check (role in (
                 'system_admin', 'security_admin', 'audit_admin', 'analyst', 'case_worker', 'hospital_reporter',
                 'programme_staff')),
  jurisdiction text not null references division (code),
  facility     text,
  granted_at   timestamptz not null default now(),
  granted_by   text,
  revoked_at   timestamptz,
  revoked_by   text,
  constraint role_grant_facility_for_reporters check ((role = 'hospital_reporter') = (facility is not null))
);
create index role_grant_user_idx on role_grant (user_id) where revoked_at is null;
create unique index role_grant_active_unique on role_grant (user_id, role, jurisdiction, coalesce(facility, ''))
  where revoked_at is null;

create table app_session (
  id_hash        text primary key,
  user_id        uuid not null references app_user (id),
  csrf_token     text not null,
  created_at     timestamptz not null,
  last_seen_at   timestamptz not null,
  client_address text
);
create index app_session_user_idx on app_session (user_id);

create table setup_token (
  token_hash  text primary key,
  created_at  timestamptz not null,
  expires_at  timestamptz not null,
  totp_secret text,
  used_at     timestamptz
);
