/** The import module's expected refusals that are not about a file's content, as HTTP-ready errors. */
import { AppError } from "../../http/app-error.ts";
import type { SourceType } from "./model.ts";

export const registryErrors = {
  facilitySourceNotAllowed: (sourceType: SourceType) =>
    new AppError(
      "facility_source_not_allowed",
      403,
      {
        zh: "医院报告员只能上报本机构的住院分娩（delivery）和出生医学证明（birth_cert）数据",
        en: "A hospital reporter may submit only its facility's delivery reports (delivery) and birth certificates (birth_cert)",
      },
      `source type ${sourceType}`,
    ),
};
