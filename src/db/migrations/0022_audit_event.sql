-- The audit trail (DESIGN.md §8, DOMAIN.md §8): append-only for everyone (triggers) and hash-chained (src/modules/access/audit-chain.ts); renkou_app may only insert and read.
create table audit_event (
  seq            bigint primary key constraint audit_event_seq_positive check (seq > 0),
  at             timestamptz not null,
  actor_id       text,
  actor_username text,
  actor_role     text,
  action         text not null,
  target_type    text,
  target_id      text,
  region_code    text,
  result         text not null constraint audit_event_result_known check (result in ('success', 'denied', 'failure')),
  client_address text,
  detail         jsonb not null default '{}'::jsonb,
  prev_hash      text not null constraint audit_event_prev_hash_shape check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash           text not null constraint audit_event_hash_shape check (hash ~ '^[0-9a-f]{64}$')
);
create index audit_event_at_idx on audit_event (at);
create index audit_event_actor_idx on audit_event (actor_username, seq);
create index audit_event_action_idx on audit_event (action text_pattern_ops, seq);
create index audit_event_target_idx on audit_event (target_type, target_id);

-- The owner could drop these triggers, but not without it showing: the hash chain still breaks.
create function audit_event_refuse_change() returns trigger
language plpgsql
as $$
begin
  raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_event_no_update_or_delete before update or delete on audit_event
  for each row execute function audit_event_refuse_change();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_refuse_change();

revoke all on audit_event from renkou_app;
grant select, insert on audit_event to renkou_app;
