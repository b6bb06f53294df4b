import { describe, expect, it } from "vitest";
import { FILE_PROBLEMS, ROW_ISSUES, severityOf, type RowIssueCode } from "../../../src/modules/registry/import-codes.ts";
import {
  FACILITY_REPORT_SOURCES as SERVER_FACILITY_REPORT_SOURCES,
  SOURCE_TYPES as SERVER_SOURCE_TYPES,
  STANDARD_FIELDS,
} from "../../../src/modules/registry/model.ts";
import { enUS } from "../../i18n/en-US.ts";
import type { Translate } from "../../i18n/i18n-provider.tsx";
import { zhCN } from "../../i18n/zh-CN.ts";
import { codeCountRows, codeLabelKey, FACILITY_REPORT_SOURCES, severityOfCode, SOURCE_TYPES } from "./issue-codes.ts";
import { codeLabel, fieldLabel } from "./registry-labels.ts";

const rowCodes = Object.keys(ROW_ISSUES) as RowIssueCode[];

/** `t` over one catalogue, filling `{name}` placeholders as the provider does (without number grouping). */
function translatorOf(catalogue: Readonly<Record<string, string>>): Translate {
  return (key, params) => catalogue[key]!.replace(/\{(\w+)\}/g, (placeholder, name: string) => String(params?.[name] ?? placeholder));
}

describe("severityOfCode", () => {
  it.each(SERVER_SOURCE_TYPES.flatMap((sourceType) => rowCodes.map((code) => [sourceType, code] as const)))(
    "agrees with the server for %s / %s",
    (sourceType, code) => {
      expect(severityOfCode(code, sourceType)).toBe(severityOf(code, sourceType));
    },
  );
});

describe("code labels", () => {
  it.each([...rowCodes, ...Object.keys(FILE_PROBLEMS), "import_failed"].map((code) => [code]))("labels %s in both languages", (code) => {
    const key = codeLabelKey(code);
    expect(key).toBe(`registry.code.${code}`);
    expect(enUS[key!]).not.toBe("");
  });

  it("shows the code itself for a code this console does not know", () => {
    expect(codeLabelKey("brand_new_code")).toBeUndefined();
    expect(codeLabel(translatorOf(zhCN), "brand_new_code")).toBe("brand_new_code");
  });
});

describe("field labels", () => {
  it.each(STANDARD_FIELDS.map((field) => [field]))("labels %s", (field) => {
    expect(fieldLabel(translatorOf(zhCN), field)).not.toBe(field);
    expect(fieldLabel(translatorOf(enUS), field)).not.toBe(field);
  });

  it("puts the role before the field", () => {
    expect(fieldLabel(translatorOf(zhCN), "mother_id_number")).toBe("母亲身份证号码");
    expect(fieldLabel(translatorOf(enUS), "child_sex")).toBe("Child: Sex");
    expect(fieldLabel(translatorOf(zhCN), "name")).toBe("姓名");
  });
});

describe("FACILITY_REPORT_SOURCES", () => {
  it("are the server's", () => {
    expect([...FACILITY_REPORT_SOURCES]).toEqual([...SERVER_FACILITY_REPORT_SOURCES]);
  });
});

describe("SOURCE_TYPES", () => {
  it("offers exactly the server's source types, in its order", () => {
    expect([...SOURCE_TYPES]).toEqual([...SERVER_SOURCE_TYPES]);
  });
});

describe("codeCountRows", () => {
  it("lists errors before warnings, the most frequent first, and leaves out zero counts", () => {
    const rows = codeCountRows({ phone_invalid: 9, id_invalid: 2, date_impossible: 2, sex_unrecognised: 5, division_unknown: 0 }, "delivery");
    expect(rows).toEqual([
      { code: "sex_unrecognised", count: 5, severity: "error" },
      { code: "date_impossible", count: 2, severity: "error" },
      { code: "phone_invalid", count: 9, severity: "warning" },
      { code: "id_invalid", count: 2, severity: "warning" },
    ]);
  });

  it("counts an ID problem as an error in the household registry", () => {
    expect(codeCountRows({ id_invalid: 1 }, "hukou")).toEqual([{ code: "id_invalid", count: 1, severity: "error" }]);
  });
});
