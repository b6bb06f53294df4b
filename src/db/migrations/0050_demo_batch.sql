-- The import batches that are the synthetic demo city: demo mode holds only while every batch is one of these.
create table demo_batch (
  batch_id bigint primary key references source_batch (id)
);
