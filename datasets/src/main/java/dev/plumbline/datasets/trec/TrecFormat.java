package dev.plumbline.datasets.trec;

import dev.plumbline.datasets.Check;
import dev.plumbline.datasets.DatasetBuilder;
import dev.plumbline.datasets.DatasetFormat;
import dev.plumbline.datasets.DatasetFormatException;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * {@code trec:QRELS[,RUN]}: TREC qrels and optionally a run, read by the same readers as
 * {@code plumbline trec-eval} ({@link TrecQrelsReader}, {@link TrecRunReader}), so a dataset
 * loaded here scores exactly as trec_eval scores it. trec_eval rejects a malformed file as a
 * whole, so under {@code --on-error skip} a malformed file is reported and left out rather than
 * read in part. Run scores must be finite: a NaN or infinite score is an error naming its line.
 */
public final class TrecFormat implements DatasetFormat {
    @Override
    public String prefix() {
        return "trec";
    }

    @Override
    public String synopsis() {
        return "trec:QRELS[,RUN]";
    }

    @Override
    public String description() {
        return "TREC qrels and run, read as trec_eval reads them";
    }

    @Override
    public void load(String location, DatasetBuilder out) {
        String[] parts = location.split(",", -1);
        if (parts.length > 2 || parts[0].isEmpty() || parts.length == 2 && parts[1].isEmpty()) {
            throw new IllegalArgumentException("trec spec \"trec:" + location + "\" must be trec:QRELS or trec:QRELS,RUN");
        }
        Path qrelsPath = Path.of(parts[0]);
        Qrels qrels = read(qrelsPath, TrecQrelsReader::read, out);
        if (qrels != null) {
            for (TopicQrels t : qrels.topics().values()) {
                if (t.duplicateDocno() != null) {
                    out.fileError(Check.DUPLICATE_ID, qrelsPath, 0, "topic " + t.qid() + " judges document "
                            + t.duplicateDocno() + " more than once (expected one judgment per topic and document; "
                            + "trec_eval rejects the topic)");
                }
            }
            out.qrels(qrels);
        }
        if (parts.length == 2) {
            Run run = read(Path.of(parts[1]), f -> TrecRunReader.read(f, true), out);
            if (run != null) {
                out.run(run);
                if (qrels != null) {
                    long unjudged = run.topics().keySet().stream().filter(q -> qrels.topic(q) == null).count();
                    long missing = qrels.topics().keySet().stream().filter(q -> run.topic(q) == null).count();
                    if (unjudged > 0) {
                        out.note(unjudged + " run topics have no judgments (trec_eval ignores them)");
                    }
                    if (missing > 0) {
                        out.note(missing + " judged topics are missing from the run (they count as 0 only with -c)");
                    }
                }
            }
        }
    }

    private static <T> T read(Path file, Function<Path, T> reader, DatasetBuilder out) {
        try {
            return reader.apply(file);
        } catch (DatasetFormatException e) {
            out.fileError(check(e.problem()), e.file(), e.line(), e.problem());
            return null;
        }
    }

    private static Check check(String problem) {
        if (problem.startsWith("score ")) {
            return Check.BAD_VALUE;
        }
        if (problem.startsWith("no such")) {
            return Check.MISSING_FILE;
        }
        if (problem.contains("has no ")) {
            return Check.EMPTY_FILE;
        }
        if (problem.startsWith("line longer")) {
            return Check.LINE_TOO_LONG;
        }
        if (problem.startsWith("malformed")) {
            return Check.COLUMN_COUNT;
        }

        return Check.FORMAT;
    }
}
