import { AppError } from "../../http/app-error.ts";

/** The linkage API's problem codes, each with a Chinese and an English message naming what was wrong. */
export const linkageErrors = {
  runNotFound: (runId: number) =>
    new AppError("run_not_found", 404, { zh: `未找到比对运行 ${runId}`, en: `Linkage run ${runId} not found` }),
  modelNotFound: (modelId: number) =>
    new AppError("model_not_found", 404, { zh: `未找到模型 ${modelId}`, en: `Model ${modelId} not found` }),
  modelMismatch: (detail: string) =>
    new AppError(
      "parameters_mismatch",
      422,
      { zh: `模型参数与所选字段不符：${detail}`, en: `The model's parameters do not fit the chosen fields: ${detail}` },
      detail,
    ),
  blockingRuleInvalid: (rule: string, detail: string) =>
    new AppError(
      "blocking_rule_invalid",
      422,
      { zh: `分块规则“${rule}”无效：${detail}`, en: `Blocking rule "${rule}" is not valid: ${detail}` },
      detail,
      { rule },
    ),
  noJurisdiction: () =>
    new AppError("forbidden", 403, { zh: "没有可保存模型的管辖范围", en: "No jurisdiction to save the model under" }),
  tooFewMentions: (count: number) => ({
    zh: `所选范围内只有 ${count} 条人员记录，至少需要 2 条才能比对`,
    en: `the chosen scope holds ${count} person mention${count === 1 ? "" : "s"}; at least 2 are needed to compare`,
  }),
} as const;
