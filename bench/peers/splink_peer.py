"""Splink (DuckDB) on the same files, fields and blocking as a renkou linkage run, for bench/linkage-bench.ts.

Usage: python splink_peer.py CONFIG.json
CONFIG: {"files": [LEFT, RIGHT?], "id": COL, "fields": [{"column": C, "type": T, "pinyin_column"?: P, "context"?: true}],
         "blocking": [[C, ...], ...],
         "threshold": P, "out": PAIRS.csv}
Prints one JSON line: {"splink_version", "seconds", "pairs", "predicted", "peak_rss_mb"}.

Training follows Splink's own tutorial without labels: u by random sampling (1e6 pairs), lambda from
deterministic rules with recall 0.7, m by EM in two sessions (blocked on the name fields, then on the date or
identifier fields). Comparisons are Splink's library equivalents of renkou's field types.

Chinese fields (the synthetic city) get what a competent Splink user would give them, since Splink has no
Chinese-name or ID-number comparison: a `zh_name` field with a `pinyin_column` (toneless pinyin, written into
the file for Splink) is compared exact (term-frequency adjusted) / same pinyin / one character edit /
Jaro-Winkler ≥ 0.9 and ≥ 0.8 on the pinyin; names are cleaned of spaces and dot variants first. ID numbers
(`resident_id`) are cleaned as renkou cleans them — half width, upper case, a legacy 15-digit number converted
to 18 digits (GB 11643) — and compared exact / Damerau-Levenshtein ≤ 1 / ≤ 2. Addresses: exact / Jaro-Winkler
≥ 0.9, 0.8, 0.7 (Jaro-Winkler rewards a common beginning, as renkou's prefix levels do).
"""

import json
import resource
import sys
import time

import duckdb
import splink
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on


# Cleaning as SQL macros (DuckDB Python functions would need numpy): half width, upper case, no spaces; a
# 15-digit ID number (GB 11643-1989) in its 18-digit form with its check character (ISO 7064 MOD 11-2).
CLEANING_MACROS = [
    "create or replace macro squeeze_id(x) as "
    "nullif(upper(translate(regexp_replace(x, '[\\s\\x{3000}]', '', 'g'), '０１２３４５６７８９ｘＸ', '0123456789XX')), '')",
    "create or replace macro id_check(b) as substr('10X98765432', cast(list_sum(list_transform(range(17), lambda i: "
    "cast(substr(b, i + 1, 1) as integer) * [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2][i + 1])) % 11 + 1 as bigint), 1)",
    "create or replace macro clean_resident_id(x) as case when regexp_full_match(squeeze_id(x), '[0-9]{15}') "
    "then substr(squeeze_id(x), 1, 6) || '19' || substr(squeeze_id(x), 7) "
    "|| id_check(substr(squeeze_id(x), 1, 6) || '19' || substr(squeeze_id(x), 7)) else squeeze_id(x) end",
    # Spaces (ASCII and U+3000) removed, middle-dot variants as ·.
    "create or replace macro clean_zh_name(x) as nullif(regexp_replace(translate(x, '•．・.', '····'), '[\\s\\x{3000}]', '', 'g'), '')",
]


def zh_name_comparison(column, pinyin_column):
    return cl.CustomComparison(
        output_column_name=column,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column).configure(tf_adjustment_column=column),
            cll.ExactMatchLevel(pinyin_column),
            cll.LevenshteinLevel(column, 1),
            cll.JaroWinklerLevel(pinyin_column, 0.9),
            cll.JaroWinklerLevel(pinyin_column, 0.8),
            cll.ElseLevel(),
        ],
    )


def comparison_for(column, field_type, pinyin_column=None):
    if field_type == "zh_name" and pinyin_column:
        return zh_name_comparison(column, pinyin_column)
    if field_type == "resident_id":
        return cl.DamerauLevenshteinAtThresholds(column, [1, 2])
    if field_type == "address":
        return cl.JaroWinklerAtThresholds(column, [0.9, 0.8, 0.7])
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


def load_table(con, path, name, id_column, cleaners):
    """Read every column as text and trim names and values (FEBRL puts a space after each comma); `cleaners`
    maps a column to a registered SQL function that cleans it."""
    relation = con.read_csv(path, all_varchar=True, header=True)
    selects = []
    for column in relation.columns:
        clean = column.strip()
        target = "unique_id" if clean == id_column else clean
        value = f'nullif(trim("{column}"), \'\')'
        if clean in cleaners:
            value = f"{cleaners[clean]}({value})"
        selects.append(f'{value} as "{target}"')
    con.execute(f"create or replace table {name} as select {', '.join(selects)} from read_csv('{path}', all_varchar=true, header=true)")


def main():
    config = json.load(open(sys.argv[1], encoding="utf-8"))
    started = time.perf_counter()
    con = duckdb.connect()
    db_api = DuckDBAPI(connection=con)
    fields = config["fields"]
    for macro in CLEANING_MACROS:
        con.execute(macro)
    cleaners = {}
    for f in fields:
        if f["type"] == "resident_id":
            cleaners[f["column"]] = "clean_resident_id"
        elif f["type"] == "zh_name":
            cleaners[f["column"]] = "clean_zh_name"
    names = []
    for index, path in enumerate(config["files"]):
        name = f"input_{index}"
        load_table(con, path, name, config["id"], cleaners)
        names.append(name)
    link_type = "link_only" if len(names) == 2 else "dedupe_only"
    settings = SettingsCreator(
        link_type=link_type,
        comparisons=[comparison_for(f["column"], f["type"], f.get("pinyin_column")) for f in fields],
        blocking_rules_to_generate_predictions=[block_on(*rule) for rule in config["blocking"]],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
    frames = [db_api.register(name) for name in names]
    linker = Linker(frames if len(frames) > 1 else frames[0], settings, log_level=30)

    # Fields marked "context" (a spouse's name or ID) describe someone else: compared, but not used to pick
    # the deterministic rules and EM sessions, which are about the record's own person.
    own = [f for f in fields if not f.get("context")]
    name_columns = [f["column"] for f in own if f["type"] in ("name", "zh_name")]
    anchor_columns = [f["column"] for f in own if f["type"] in ("date", "resident_id", "identifier")]
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
