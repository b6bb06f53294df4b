"""Splink (DuckDB) deduplicating the synthetic persons of bench/linkage-scale-bench.ts.

Usage: python splink_scale_peer.py CONFIG.json
CONFIG: {"file": CSV, "id": COL, "name": COL, "sex": COL, "date": COL, "resident_id": COL, "division": COL,
         "phone": COL, "blocking": [[COL, ...], ...], "threshold": P, "out": PAIRS.csv}
Prints one JSON line: {"splink_version", "duckdb_version", "seconds", "predicted", "peak_rss_mb", "cpu_seconds",
"stages"}.

The comparisons are Splink's library equivalents of renkou's field types (name with term-frequency
adjustments; date of birth; Damerau-Levenshtein ≤ 1 for the ID; village / township / county prefixes of the
division code; phone exact / last 8 digits; sex exact). Training as in Splink's tutorial, without labels:
lambda from deterministic rules (recall 0.7), u by random sampling (1e6 pairs), m by EM in one session per
blocking rule, as renkou trains. Peak RSS is this process's, which includes DuckDB (it runs in-process).
"""

import json
import resource
import sys
import time

import duckdb
import splink
import splink.comparison_library as cl
import splink.comparison_level_library as cll
from splink import DuckDBAPI, Linker, SettingsCreator, block_on


def division_comparison(column):
    return cl.CustomComparison(
        output_column_name=column,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column),
            cll.CustomLevel(f'substr("{column}_l", 1, 9) = substr("{column}_r", 1, 9)', label_for_charts="same township"),
            cll.CustomLevel(f'substr("{column}_l", 1, 6) = substr("{column}_r", 1, 6)', label_for_charts="same county"),
            cll.ElseLevel(),
        ],
    )


def phone_comparison(column):
    return cl.CustomComparison(
        output_column_name=column,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column),
            cll.CustomLevel(f'right("{column}_l", 8) = right("{column}_r", 8)', label_for_charts="same last 8"),
            cll.ElseLevel(),
        ],
    )


def main():
    config = json.load(open(sys.argv[1], encoding="utf-8"))
    stages = {}
    started = time.perf_counter()
    mark = started

    def stage(name):
        nonlocal mark
        now = time.perf_counter()
        stages[name] = round((now - mark) * 1000)
        mark = now

    con = duckdb.connect()
    db_api = DuckDBAPI(connection=con)
    path = config["file"].replace("'", "''")
    columns = [config[k] for k in ("name", "sex", "date", "resident_id", "division", "phone")]
    selects = [f'nullif(trim("{config["id"]}"), \'\') as unique_id'] + [f'nullif(trim("{c}"), \'\') as "{c}"' for c in columns]
    con.execute(f"create table persons as select {', '.join(selects)} from read_csv('{path}', all_varchar=true, header=true)")
    stage("load")

    name, date, rid = config["name"], config["date"], config["resident_id"]
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison(name).configure(term_frequency_adjustments=True),
            cl.ExactMatch(config["sex"]),
            cl.DateOfBirthComparison(date, input_is_string=True, datetime_format="%Y%m%d", invalid_dates_as_null=True),
            cl.DamerauLevenshteinAtThresholds(rid, [1]),
            division_comparison(config["division"]),
            phone_comparison(config["phone"]),
        ],
        blocking_rules_to_generate_predictions=[block_on(*rule) for rule in config["blocking"]],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    linker = Linker(db_api.register("persons"), settings, log_level=30)
    linker.training.estimate_probability_two_random_records_match([block_on(name, date), block_on(rid)], recall=0.7)
    stage("lambda")
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=1)
    stage("estimateU")
    for rule in config["blocking"]:
        linker.training.estimate_parameters_using_expectation_maximisation(block_on(*rule))
    stage("estimateM")
    predictions = linker.inference.predict(threshold_match_probability=config["threshold"])
    stage("predict")
    table = predictions.physical_name
    out = config["out"].replace("'", "''")
    con.execute(
        f"copy (select unique_id_l as left_id, unique_id_r as right_id, match_probability, match_weight from {table}) "
        f"to '{out}' (header, delimiter ',')"
    )
    predicted = con.execute(f"select count(*) from {table}").fetchone()[0]
    stage("write")
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_rss_mb = usage.ru_maxrss / 1024
    print(json.dumps({
        "splink_version": splink.__version__,
        "duckdb_version": duckdb.__version__,
        "seconds": seconds,
        "predicted": predicted,
        "peak_rss_mb": round(peak_rss_mb),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "stages": stages,
    }))


if __name__ == "__main__":
    main()
