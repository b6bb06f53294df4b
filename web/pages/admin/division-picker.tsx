import { Spin, TreeSelect, theme } from "antd";
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import { getDivision, listDivisions, searchDivisions, type Division } from "../../api/client.ts";
import { useT } from "../../i18n/i18n-provider.tsx";
import type { MessageKey } from "../../i18n/zh-CN.ts";

interface DivisionNode {
  readonly value: string;
  readonly title: ReactNode;
  /** Shown in the box once chosen. */
  readonly label: string;
  readonly isLeaf: boolean;
  readonly children?: DivisionNode[];
}

const levelLabels: Readonly<Record<Division["level"], MessageKey>> = {
  province: "level.province",
  city: "level.city",
  county: "level.county",
  township: "level.township",
  village: "level.village",
};

export interface DivisionPickerProps {
  /** Where browsing starts and what searching is limited to: the administrator's own jurisdictions. */
  readonly roots: readonly string[];
  readonly value?: string;
  readonly onChange?: (code: string | undefined) => void;
  readonly id?: string;
}

const SEARCH_DELAY_MS = 250;
const CODE_SHAPE = /^\d{2}(\d{2}(\d{2}(\d{3}(\d{3})?)?)?)?$/;

/**
 * Picks a division inside `roots`: browse the tree level by level (children load when a node opens), or
 * type a name (trigram search) or a code. For antd Form: value and onChange carry the division code.
 */
export function DivisionPicker({ roots, value, onChange, id }: DivisionPickerProps) {
  const t = useT();
  const { token } = theme.useToken();
  const [tree, setTree] = useState<DivisionNode[]>([]);
  const [search, setSearch] = useState("");
  const [results, setResults] = useState<DivisionNode[] | undefined>(undefined);
  const [labels, setLabels] = useState<ReadonlyMap<string, string>>(new Map());

  const toNode = useCallback(
    (division: Division): DivisionNode => ({
      value: division.code,
      label: `${division.name}（${division.code}）`,
      isLeaf: division.level === "village",
      title: (
        <span>
          {division.name} <span style={{ color: token.colorTextSecondary }}>{division.code} · {t(levelLabels[division.level])}</span>
        </span>
      ),
    }),
    [t, token.colorTextSecondary],
  );

  const remember = useCallback((nodes: readonly DivisionNode[]) => {
    setLabels((known) => new Map([...known, ...nodes.map((node) => [node.value, node.label] as const)]));
  }, []);

  const rootsKey = roots.join(",");
  useEffect(() => {
    let current = true;
    void Promise.all(rootsKey.split(",").filter(Boolean).map((code) => getDivision(code).then((found) => toNode(found.division)))).then(
      (nodes) => {
        if (!current) return;
        setTree(nodes);
        remember(nodes);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [rootsKey, toNode, remember]);

  useEffect(() => {
    const text = search.trim();
    if (text === "") {
      setResults(undefined);
      return;
    }
    const controller = new AbortController();
    const within = (code: string) => roots.some((root) => code.startsWith(root));
    const timer = window.setTimeout(() => {
      const found = CODE_SHAPE.test(text)
        ? getDivision(text, controller.signal).then((division) => [division.division], () => [] as Division[])
        : searchDivisions(text, roots.length === 1 ? roots[0] : undefined, controller.signal);
      found.then(
        (divisions) => {
          const nodes = divisions.filter((division) => within(division.code)).map((division) => ({ ...toNode(division), isLeaf: true }));
          setResults(nodes);
          remember(nodes);
        },
        () => {
          if (!controller.signal.aborted) setResults([]);
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
    // `roots` enters through its key: a new array with the same codes is the same set of roots.
  }, [search, rootsKey, toNode, remember]);

  const loadChildren = async (code: string) => {
    const children = (await listDivisions(code)).map(toNode);
    remember(children);
    setTree((nodes) => insertChildren(nodes, code, children));
  };

  const selected = useMemo(() => (value === undefined || value === "" ? undefined : { value, label: labels.get(value) ?? value }), [value, labels]);
  const searching = search.trim() !== "" && results === undefined;

  return (
    <TreeSelect<{ value: string; label: ReactNode } | undefined, DivisionNode>
      id={id}
      labelInValue
      value={selected}
      onChange={(next) => onChange?.(next?.value)}
      treeData={results ?? tree}
      loadData={(node) => loadChildren(String(node.value))}
      treeNodeLabelProp="label"
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false, autoClearSearchValue: true }}
      placeholder={t("division.placeholder")}
      notFoundContent={searching ? <Spin size="small" /> : t("division.noMatch")}
      allowClear
      style={{ width: "100%" }}
      listHeight={320}
    />
  );
}

function insertChildren(nodes: readonly DivisionNode[], parent: string, children: DivisionNode[]): DivisionNode[] {
  return nodes.map((node) => {
    if (node.value === parent) return { ...node, children, isLeaf: children.length === 0 };
    if (node.children !== undefined && parent.startsWith(node.value)) return { ...node, children: insertChildren(node.children, parent, children) };
    return node;
  });
}
