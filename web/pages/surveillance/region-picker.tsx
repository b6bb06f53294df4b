import { Flex, Select } from "antd";
import { useCallback } from "react";
import { listDivisions } from "../../api/client.ts";
import { useRequest } from "../../api/use-request.ts";
import { useT } from "../../i18n/i18n-provider.tsx";

/**
 * County and township selectors under a root division (a city, or a county for a county user). The chosen
 * region is the root, a county or a township; "全部" at a level goes back up to the level above.
 */
export function RegionPicker({ root, value, onChange }: { readonly root: string; readonly value: string; readonly onChange: (region: string) => void }) {
  const t = useT();
  const rootIsCity = root.length <= 4;
  const county = rootIsCity ? (value.length >= 6 ? value.slice(0, 6) : undefined) : root;
  const loadCounties = useCallback((signal: AbortSignal) => (rootIsCity ? listDivisions(root, signal) : Promise.resolve([])), [root, rootIsCity]);
  const loadTownships = useCallback((signal: AbortSignal) => (county === undefined ? Promise.resolve([]) : listDivisions(county, signal)), [county]);
  const counties = useRequest(loadCounties);
  const townships = useRequest(loadTownships);
  const all = t("surveillance.wholeRegion");

  return (
    <Flex gap={8} wrap>
      {rootIsCity ? (
        <Select
          aria-label={t("surveillance.county")}
          style={{ width: 170 }}
          showSearch={{ optionFilterProp: "label" }}
          loading={counties.status === "loading"}
          value={county ?? root}
          onChange={(code) => onChange(code)}
          options={[{ value: root, label: all }, ...(counties.status === "done" ? counties.data.filter((division) => division.level === "county").map((division) => ({ value: division.code, label: division.name })) : [])]}
        />
      ) : null}
      <Select
        aria-label={t("surveillance.township")}
        style={{ width: 190 }}
        showSearch={{ optionFilterProp: "label" }}
        disabled={county === undefined}
        loading={townships.status === "loading"}
        value={value.length === 9 ? value : (county ?? "")}
        onChange={(code) => onChange(code)}
        options={[
          { value: county ?? "", label: all },
          ...(townships.status === "done" ? townships.data.map((division) => ({ value: division.code, label: division.name })) : []),
        ]}
      />
    </Flex>
  );
}
