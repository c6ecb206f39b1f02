package dev.plumbline.datasets;

/**
 * How a dataset is loaded.
 *
 * @param split           which split to load ({@code test}, {@code dev}, {@code train}), or {@code null}
 *                        for the format's default (BEIR: {@code test}; RAGTruth: all splits)
 * @param onError         what to do with a malformed record
 * @param maxLineBytes    longest accepted line (or CSV record); longer ones are an error, read without
 *                        holding them in memory
 * @param maxArchiveBytes most bytes a {@code .zip} may expand to; reading stops with an error beyond it
 * @param maxProblemsKept how many problems the {@link LoadReport} lists one by one (all are counted)
 */
public record LoadOptions(String split, OnError onError, int maxLineBytes, long maxArchiveBytes, int maxProblemsKept) {
    /** Default longest line: 32 MiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 32 << 20;
    /** Default archive size cap: 16 GiB uncompressed. */
    public static final long DEFAULT_MAX_ARCHIVE_BYTES = 16L << 30;
    /** Format defaults, fail on the first malformed record. */
    public static final LoadOptions DEFAULTS = new LoadOptions(null, OnError.FAIL, DEFAULT_MAX_LINE_BYTES,
            DEFAULT_MAX_ARCHIVE_BYTES, 1000);

    /** Checks the limits. */
    public LoadOptions {
        if (onError == null) {
            throw new IllegalArgumentException("onError must be FAIL or SKIP");
        }
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be >= 16, got " + maxLineBytes);
        }
        if (maxArchiveBytes < 1) {
            throw new IllegalArgumentException("maxArchiveBytes must be >= 1, got " + maxArchiveBytes);
        }
        if (maxProblemsKept < 0) {
            throw new IllegalArgumentException("maxProblemsKept must be >= 0, got " + maxProblemsKept);
        }
        if (split != null && !split.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("split must be a name such as test, dev or train, got \"" + split + "\"");
        }
    }

    /** With another split ({@code null}: the format's default). */
    public LoadOptions withSplit(String s) {
        return new LoadOptions(s, onError, maxLineBytes, maxArchiveBytes, maxProblemsKept);
    }

    /** With another error policy. */
    public LoadOptions withOnError(OnError o) {
        return new LoadOptions(split, o, maxLineBytes, maxArchiveBytes, maxProblemsKept);
    }

    /** With another line length limit. */
    public LoadOptions withMaxLineBytes(int n) {
        return new LoadOptions(split, onError, n, maxArchiveBytes, maxProblemsKept);
    }

    /** With another archive size cap. */
    public LoadOptions withMaxArchiveBytes(long n) {
        return new LoadOptions(split, onError, maxLineBytes, n, maxProblemsKept);
    }

    /** With another bound on listed problems. */
    public LoadOptions withMaxProblemsKept(int n) {
        return new LoadOptions(split, onError, maxLineBytes, maxArchiveBytes, n);
    }
}
