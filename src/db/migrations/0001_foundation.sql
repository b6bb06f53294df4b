-- Foundation: the extensions the linkage and lookup SQL relies on (trigram similarity, levenshtein/metaphone).
create extension if not exists pg_trgm;
create extension if not exists fuzzystrmatch;
