-- Row-level security on the import module's personal-data tables (0010), by county region_code: renkou_app sees only rows inside the transaction's jurisdictions (quarantined rows without a region stay hidden from it).
select renkou_protect_personal_table('source_record', 'region_code');
select renkou_protect_personal_table('mention', 'region_code');
select renkou_protect_personal_table('quarantine_row', 'region_code');
