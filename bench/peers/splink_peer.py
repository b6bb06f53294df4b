"""Splink (DuckDB) on the same files, fields and blocking as a renkou linkage run, for bench/linkage-bench.ts.

Usage: python splink_peer.py CONFIG.json
CONFIG: {"files": [LEFT, RIGHT?], "id": COL, "fields": [{"column": C, "type": T}], "blocking": [[C, ...], ...],
         "threshold": P, "out": PAIRS.csv}
Prints one JSON line: {"splink_version", "seconds", "pairs", "predicted", "peak_rss_mb"}.

Training follows Splink's own tutorial without labels: u by random sampling (1e6 pairs), lambda from
deterministic rules with recall 0.7, m by EM in two sessions (blocked on the name fields, then on the date or
identifier fields). Comparisons are Splink's library equivalents of renkou's field types.
"""

import json
import resource
import sys
import time

import duckdb
import splink
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on


def comparison_for(column, field_type):
    if field_type in ("name", "zh_name"):
        return cl.NameComparison(column).configure(term_frequency_adjustments=True)
    if field_type == "date":
        return cl.DateOfBirthComparison(
            column, input_is_string=True, datetime_format="%Y%m%d", invalid_dates_as_null=True
        )
    if field_type in ("identifier", "code", "resident_id", "phone", "division_code"):
        return cl.DamerauLevenshteinAtThresholds(column, [1])
    if field_type == "sex":
        return cl.ExactMatch(column)
    return cl.JaroWinklerAtThresholds(column, [0.9, 0.7])


def load_table(con, path, name, id_column):
    """Read every column as text and trim names and values (FEBRL puts a space after each comma)."""
    relation = con.read_csv(path, all_varchar=True, header=True)
    selects = []
    for column in relation.columns:
        clean = column.strip()
        target = "unique_id" if clean == id_column else clean
        selects.append(f'nullif(trim("{column}"), \'\') as "{target}"')
    con.execute(f"create or replace table {name} as select {', '.join(selects)} from read_csv('{path}', all_varchar=true, header=true)")


def main():
    config = json.load(open(sys.argv[1], encoding="utf-8"))
    started = time.perf_counter()
    con = duckdb.connect()
    db_api = DuckDBAPI(connection=con)
    names = []
    for index, path in enumerate(config["files"]):
        name = f"input_{index}"
        load_table(con, path, name, config["id"])
        names.append(name)
    fields = config["fields"]
    link_type = "link_only" if len(names) == 2 else "dedupe_only"
    settings = SettingsCreator(
        link_type=link_type,
        comparisons=[comparison_for(f["column"], f["type"]) for f in fields],
        blocking_rules_to_generate_predictions=[block_on(*rule) for rule in config["blocking"]],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    frames = [db_api.register(name) for name in names]
    linker = Linker(frames if len(frames) > 1 else frames[0], settings, log_level=30)

    name_columns = [f["column"] for f in fields if f["type"] in ("name", "zh_name")]
    anchor_columns = [f["column"] for f in fields if f["type"] in ("date", "resident_id", "identifier")]
    deterministic = []
    if name_columns and anchor_columns:
        deterministic.append(block_on(*name_columns, anchor_columns[0]))
    for column in anchor_columns[1:]:
        deterministic.append(block_on(column))
    if deterministic:
        linker.training.estimate_probability_two_random_records_match(deterministic, recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    if name_columns:
        linker.training.estimate_parameters_using_expectation_maximisation(block_on(*name_columns))
    if anchor_columns:
        linker.training.estimate_parameters_using_expectation_maximisation(block_on(anchor_columns[0]))

    predictions = linker.inference.predict(threshold_match_probability=config["threshold"])
    table = predictions.physical_name
    con.execute(
        f"copy (select unique_id_l as left_id, unique_id_r as right_id, match_probability, match_weight from {table}) "
        f"to '{config['out']}' (header, delimiter ',')"
    )
    predicted = con.execute(f"select count(*) from {table}").fetchone()[0]
    seconds = time.perf_counter() - started
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "splink_version": splink.__version__,
        "seconds": seconds,
        "predicted": predicted,
        "peak_rss_mb": round(peak_rss_mb),
    }))


if __name__ == "__main__":
    main()
