import type { Generated } from "kysely";
import type { AppSessionTable, AppUserTable, AuditEventTable, RoleGrantTable, SetupTokenTable } from "../modules/access/model.ts";
import type { DemoBatchTable } from "../modules/demo/model.ts";
import type { DivisionTable } from "../modules/divisions/model.ts";
import type { LinkageClusterTable, LinkageModelTable, LinkagePairTable, LinkageRunTable } from "../modules/linkage/run-model.ts";
import type { MentionTable, QuarantineRowTable, SourceBatchTable, SourceRecordTable } from "../modules/registry/model.ts";
import type { BirthAggBatchTable, BirthAggMonthlyTable, BirthAggResubmissionTable, BirthRecordTable, BirthSourceAgreementMonthlyTable, SrbAlertActionTable, SrbAlertTable } from "../modules/surveillance/model.ts";

/**
 * Kysely's view of the tables. Each module declares its own table types in its `model.ts`; this file only
 * composes them, so a newcomer sees every table in one place.
 */
export interface DatabaseSchema {
  app_session: AppSessionTable;
  app_user: AppUserTable;
  audit_event: AuditEventTable;
  birth_agg_batch: BirthAggBatchTable;
  birth_agg_monthly: BirthAggMonthlyTable;
  birth_agg_resubmission: BirthAggResubmissionTable;
  birth_record: BirthRecordTable;
  birth_source_agreement_monthly: BirthSourceAgreementMonthlyTable;
  demo_batch: DemoBatchTable;
  division: DivisionTable;
  linkage_cluster: LinkageClusterTable;
  linkage_model: LinkageModelTable;
  linkage_pair: LinkagePairTable;
  linkage_run: LinkageRunTable;
  mention: MentionTable;
  quarantine_row: QuarantineRowTable;
  role_grant: RoleGrantTable;
  source_batch: SourceBatchTable;
  source_record: SourceRecordTable;
  srb_alert: SrbAlertTable;
  srb_alert_action: SrbAlertActionTable;
  schema_migration: SchemaMigrationTable;
  setup_token: SetupTokenTable;
}

export interface SchemaMigrationTable {
  version: string;
  name: string;
  checksum: string;
  applied_at: Generated<Date>;
}
