import { useEffect, useState } from "react";
import { getDivision } from "../api/client.ts";

// Division names change rarely and the console shows the same few (the users' jurisdictions) on many rows:
// one request per code and page load.
const names = new Map<string, Promise<string | undefined>>();

function loadName(code: string): Promise<string | undefined> {
  let name = names.get(code);
  if (name === undefined) {
    name = getDivision(code).then(
      (found) => found.division.name,
      () => {
        names.delete(code); // try again next time: the failure may have been the network
        return undefined;
      },
    );
    names.set(code, name);
  }
  return name;
}

/** A division code with its name once known, e.g. "枣庄市 3704"; just the code if the name cannot be found. */
export function DivisionName({ code, showCode = true }: { readonly code: string; readonly showCode?: boolean }) {
  const [name, setName] = useState<string | undefined>(undefined);
  useEffect(() => {
    let current = true;
    setName(undefined);
    void loadName(code).then((found) => {
      if (current) setName(found);
    });
    return () => {
      current = false;
    };
  }, [code]);
  if (name === undefined) return <span>{code}</span>;
  return <span>{showCode ? `${name} ${code}` : name}</span>;
}
