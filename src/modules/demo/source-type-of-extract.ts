import type { SourceType } from "../registry/model.ts";
import type { SourceName } from "../synth/profile.ts";

/** Which import source type reads each synthetic department's extract. */
const SOURCE_TYPE_OF_EXTRACT: Readonly<Record<SourceName, SourceType>> = {
  householdRegistry: "hukou",
  marriageRegistrations: "marriage",
  hospitalDeliveries: "delivery",
  birthCertificates: "birth_cert",
  newbornRegistrations: "newborn_reg",
  deathRegistrations: "death",
};

export function sourceTypeOfExtract(source: SourceName): SourceType {
  return SOURCE_TYPE_OF_EXTRACT[source];
}
