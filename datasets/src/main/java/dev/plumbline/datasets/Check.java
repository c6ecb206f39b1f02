package dev.plumbline.datasets;

import java.util.Locale;

/** The validation checks loaders make; every {@link Problem} names one. */
public enum Check {
    /** A file or folder the format needs is missing. */
    MISSING_FILE,
    /** A file has no records. */
    EMPTY_FILE,
    /** Bytes that are not UTF-8 (or a UTF-16 file), or text that cannot be written as UTF-8 (an unpaired surrogate). */
    INVALID_UTF8,
    /** A line (or CSV record) longer than the limit. */
    LINE_TOO_LONG,
    /** A line that is not valid JSON, or not one JSON object. */
    INVALID_JSON,
    /** Malformed CSV (e.g. an unclosed quote). */
    INVALID_CSV,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field has the wrong JSON type. */
    WRONG_TYPE,
    /** A field has a value outside what the format allows (e.g. an unknown label, an id a TREC line cannot hold). */
    BAD_VALUE,
    /** A TSV/CSV line with the wrong number of columns, or a missing header. */
    COLUMN_COUNT,
    /** A relevance grade that is not an integer. */
    NOT_INTEGER,
    /** An id seen twice (document, query, sample, or a judgment of the same pair). */
    DUPLICATE_ID,
    /** Judgments that name a document not in the corpus (a warning). */
    UNKNOWN_DOC,
    /** Judgments that name a query not in the queries file (a warning). */
    UNKNOWN_QUERY,
    /** A reference to a record that does not exist (e.g. a RAGTruth source_id). */
    UNKNOWN_REFERENCE,
    /** A span whose offsets do not match its text (a warning). */
    SPAN_MISMATCH,
    /** An unsafe or oversized archive. */
    ARCHIVE,
    /** Any other violation of the format (e.g. a TREC line trec_eval rejects). */
    FORMAT;

    /** The check's name as printed: lower case with hyphens, e.g. {@code invalid-json}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
