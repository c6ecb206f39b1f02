package dev.plumbline.datasets;

import dev.plumbline.datasets.trec.Qrels;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TopicQrels;
import dev.plumbline.datasets.trec.TopicRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Collects what a {@link DatasetFormat} reads, applies the checks every format shares (duplicate
 * ids, ids a TREC run or qrels line cannot hold and text no UTF-8 writer can write ({@link Ids}),
 * judgments that name unknown documents or queries), applies the error policy, and computes
 * counts and the fingerprint. Loaders report problems through {@link #recordError},
 * {@link #fileError} and {@link #warn}; under {@link OnError#FAIL} an error throws at once.
 *
 * <p>Memory: documents are either kept or handed to a consumer and forgotten; only their ids are
 * kept for the duplicate and qrels checks. Documents, queries and samples are hashed as they
 * arrive, so nothing is held twice for the fingerprint.
 *
 * <p>Fingerprint scheme (version 1): one SHA-256 per section over framed values (see
 * {@code ContentDigest}) — documents {@code (id, title, text, metadata)} and queries
 * {@code (id, text, metadata)} in file order; judgments {@code (qid, docid, relevance)} with
 * qids and docids in {@code strcmp} order; the run's id and its topics in {@code strcmp} order,
 * each document's docno and score bits in file order; samples with all their fields in file
 * order. The fingerprint is SHA-256 over {@code plumbline-dataset/1}, the section digests and the
 * counts, written {@code sha256:} + hex.
 */
public final class DatasetBuilder {
    private record Judgment(String qid, String docId, long relevance, long where) {
    }

    private final String spec;
    private final String format;
    private final LoadOptions options;
    private final Consumer<Doc> docSink;
    private String split;

    private final List<Path> fileIds = new ArrayList<>();
    private final Map<Path, Integer> fileIndex = new HashMap<>();

    private final List<Doc> docs = new ArrayList<>();
    private final Map<String, Long> docWhere = new HashMap<>();
    private final ContentDigest docDigest = new ContentDigest();

    private final List<Query> queries = new ArrayList<>();
    private final Map<String, Long> queryWhere = new HashMap<>();
    private final ContentDigest queryDigest = new ContentDigest();
    private Set<String> knownQueryIds;

    private final List<Judgment> judgments = new ArrayList<>();
    private final Map<String, Long> judgmentWhere = new HashMap<>();
    private Qrels qrels;
    private Run run;

    private final List<RagSample> samples = new ArrayList<>();
    private final Map<String, Long> sampleWhere = new HashMap<>();
    private final ContentDigest sampleDigest = new ContentDigest();
    private final TreeMap<String, Long> labels = new TreeMap<>();

    private final List<Problem> problems = new ArrayList<>();
    private long errors;
    private long warnings;
    private long skipped;
    private final Map<Check, Long> byCheck = new EnumMap<>(Check.class);
    private final Map<Path, long[]> fileCounts = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param spec    the spec being loaded (for messages and the dataset's name)
     * @param format  the format prefix
     * @param options load options
     * @param docSink receives each document instead of keeping it, or {@code null} to keep them
     */
    public DatasetBuilder(String spec, String format, LoadOptions options, Consumer<Doc> docSink) {
        this.spec = spec;
        this.format = format;
        this.options = options;
        this.docSink = docSink;
    }

    /** The options of this load. */
    public LoadOptions options() {
        return options;
    }

    /** Records the split that was loaded (shown with the dataset). */
    public void split(String s) {
        this.split = s;
    }

    // ---------------------------------------------------------------- problems

    /**
     * A malformed record: under {@code fail} throws {@link DatasetFormatException}; under
     * {@code skip} the record is counted as skipped and listed.
     */
    public void recordError(Check check, Path file, long line, String message) {
        problem(Problem.Severity.ERROR, check, file, line, message);
        skipped++;
        fileCounts.computeIfAbsent(file, f -> new long[2])[1]++;
    }

    /**
     * Whether {@code file} is a regular file; when it is not, reports it as a
     * {@link Check#MISSING_FILE} ("is a folder" or "no such file", then what was expected) for the
     * format to return without reading.
     *
     * @param expected what the file should be, e.g. {@code a BEGIN .tsv file}
     */
    public boolean requireFile(Path file, String expected) {
        if (Files.isRegularFile(file)) {
            return true;
        }
        fileError(Check.MISSING_FILE, file, 0, (Files.isDirectory(file) ? "is a folder" : "no such file")
                + " (expected " + expected + ")");
        return false;
    }

    /**
     * A problem with a whole file (empty, missing, unreadable): under {@code fail} throws; under
     * {@code skip} it is listed and counted as an error, and loading goes on without the file.
     */
    public void fileError(Check check, Path file, long line, String message) {
        problem(Problem.Severity.ERROR, check, file, line, message);
    }

    /** Something kept but worth a look; never fails the load. */
    public void warn(Check check, Path file, long line, String message) {
        problem(Problem.Severity.WARNING, check, file, line, message);
    }

    private void problem(Problem.Severity severity, Check check, Path file, long line, String message) {
        Problem p = new Problem(severity, check, file, line, message);
        if (severity == Problem.Severity.ERROR) {
            if (options.onError() == OnError.FAIL) {
                throw p.toException();
            }
            errors++;
        } else {
            warnings++;
        }
        byCheck.merge(check, 1L, Long::sum);
        if (problems.size() < options.maxProblemsKept()) {
            problems.add(p);
        }
    }

    /** Adds a remark to the report (e.g. records the format's rules leave out). */
    public void note(String message) {
        notes.add(message);
    }

    /** Records how many records a file held (skipped ones included). */
    public void fileRead(Path file, long records) {
        fileCounts.computeIfAbsent(file, f -> new long[2])[0] = records;
    }

    private long where(Path file, long line) {
        Integer id = fileIndex.get(file);
        if (id == null) {
            id = fileIds.size();
            fileIds.add(file);
            fileIndex.put(file, id);
        }
        return ((long) id << 40) | line;
    }

    private String firstSeen(long where, Path file) {
        Path first = fileIds.get((int) (where >>> 40));
        long line = where & ((1L << 40) - 1);
        return first.equals(file) ? "first on line " + line : "first at " + first + ":" + line;
    }

    /**
     * Records that {@code key} was first seen at {@code where}; a key seen before is a
     * {@link Check#DUPLICATE_ID} record error naming the first place, and the first record is kept.
     *
     * @return whether this is the first occurrence
     */
    private boolean firstOccurrence(Map<String, Long> seen, String key, long where, Path file, long line,
                                    String duplicate, String expected) {
        Long prev = seen.putIfAbsent(key, where);
        if (prev != null) {
            recordError(Check.DUPLICATE_ID, file, line, duplicate + " (" + firstSeen(prev, file) + "; expected "
                    + expected + ")");
            return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- records

    /**
     * Adds a document; a duplicate id is a record error and the first one is kept.
     *
     * @return whether it was added
     */
    public boolean doc(Doc d, Path file, long line) {
        String bad = Ids.problem(d.id(), "document", false);
        if (bad != null) {
            recordError(Check.BAD_VALUE, file, line, bad);
            return false;
        }
        bad = firstUnwritable("title", d.title(), "text", d.text(), "metadata", d.metadata());
        if (bad != null) {
            recordError(Check.INVALID_UTF8, file, line, bad);
            return false;
        }
        long w = where(file, line);
        if (!firstOccurrence(docWhere, d.id(), w, file, line, "duplicate _id \"" + d.id() + "\"",
                "unique document ids")) {
            return false;
        }
        docDigest.tag('D').str(d.id()).str(d.title()).str(d.text()).str(d.metadata());
        if (docSink != null) {
            docSink.accept(d);
        } else {
            docs.add(d);
        }
        return true;
    }

    /**
     * Adds a query; a duplicate id is a record error and the first one is kept.
     *
     * @return whether it was added
     */
    public boolean query(Query q, Path file, long line) {
        String bad = Ids.problem(q.id(), "query", true);
        if (bad != null) {
            recordError(Check.BAD_VALUE, file, line, bad);
            return false;
        }
        bad = firstUnwritable("text", q.text(), "metadata", q.metadata());
        if (bad != null) {
            recordError(Check.INVALID_UTF8, file, line, bad);
            return false;
        }
        long w = where(file, line);
        if (!firstOccurrence(queryWhere, q.id(), w, file, line, "duplicate _id \"" + q.id() + "\"",
                "unique query ids")) {
            return false;
        }
        queryDigest.tag('Q').str(q.id()).str(q.text()).str(q.metadata());
        queries.add(q);
        return true;
    }

    /**
     * Declares every query id of the queries file when only some queries were added (BEIR keeps
     * only the queries judged in the split), so judgments are checked against all of them.
     */
    public void knownQueryIds(Set<String> ids) {
        this.knownQueryIds = ids;
    }

    /**
     * Adds a relevance judgment; judging the same (query, document) pair twice is a record error
     * and the first judgment is kept.
     *
     * @return whether it was added
     */
    public boolean judgment(String qid, String docId, long relevance, Path file, long line) {
        String bad = Ids.problem(qid, "query", true);
        if (bad == null) {
            bad = Ids.problem(docId, "document", false);
        }
        if (bad != null) {
            recordError(Check.BAD_VALUE, file, line, "judgment: " + bad);
            return false;
        }
        long w = where(file, line);
        if (!firstOccurrence(judgmentWhere, qid + '\u0000' + docId, w, file, line,
                "duplicate judgment for query \"" + qid + "\" and document \"" + docId + "\"",
                "one judgment per query and document")) {
            return false;
        }
        judgments.add(new Judgment(qid, docId, relevance, w));
        return true;
    }

    /** Sets all judgments at once (TREC qrels, read by trec_eval's rules). */
    public void qrels(Qrels q) {
        this.qrels = q;
    }

    /** Sets the TREC run. */
    public void run(Run r) {
        this.run = r;
    }

    /**
     * Adds a RAG sample; a duplicate id is a record error and the first one is kept.
     *
     * @return whether it was added
     */
    public boolean sample(RagSample s, Path file, long line) {
        String bad = unwritable(s);
        if (bad != null) {
            recordError(Check.INVALID_UTF8, file, line, bad);
            return false;
        }
        long w = where(file, line);
        if (!firstOccurrence(sampleWhere, s.id(), w, file, line, "duplicate id \"" + s.id() + "\"",
                "unique sample ids")) {
            return false;
        }
        sampleDigest.tag('S').str(s.id()).str(s.userInput()).str(s.response()).strings(s.retrievedContexts())
                .str(s.reference()).strings(s.referenceContexts()).str(s.label() == null ? null : s.label().id())
                .str(s.hallucinationType()).integer(s.hallucinationSpans().size());
        for (Span sp : s.hallucinationSpans()) {
            sampleDigest.integer(sp.start()).integer(sp.end()).str(sp.text()).str(sp.type());
        }
        sampleDigest.map(s.metadata());
        samples.add(s);
        labels.merge(s.label() == null ? "unlabelled" : s.label().id(), 1L, Long::sum);
        return true;
    }

    /** The first of (name, text) pairs that cannot be written as UTF-8, as a message, or {@code null}. */
    private static String firstUnwritable(String... namesAndTexts) {
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            String bad = Ids.unpairedSurrogate(namesAndTexts[i + 1], "field \"" + namesAndTexts[i] + "\"");
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    /** Why a sample cannot be written out (a text field with an unpaired surrogate), or {@code null}. */
    private static String unwritable(RagSample s) {
        String bad = firstUnwritable("id", s.id(), "user_input", s.userInput(), "response", s.response(),
                "reference", s.reference(), "hallucination_type", s.hallucinationType());
        for (int i = 0; bad == null && i < s.retrievedContexts().size(); i++) {
            bad = firstUnwritable("retrieved_contexts[" + i + "]", s.retrievedContexts().get(i));
        }
        for (int i = 0; bad == null && i < s.referenceContexts().size(); i++) {
            bad = firstUnwritable("reference_contexts[" + i + "]", s.referenceContexts().get(i));
        }
        for (int i = 0; bad == null && i < s.hallucinationSpans().size(); i++) {
            Span sp = s.hallucinationSpans().get(i);
            bad = firstUnwritable("hallucination_spans[" + i + "].text", sp.text(),
                    "hallucination_spans[" + i + "].type", sp.type());
        }
        for (Map.Entry<String, String> m : s.metadata().entrySet()) {
            if (bad != null) {
                break;
            }
            bad = firstUnwritable("metadata key", m.getKey(), "metadata." + m.getKey(), m.getValue());
        }
        return bad;
    }

    // ---------------------------------------------------------------- finish

    /** Runs the cross-file checks and builds the dataset. */
    public Dataset build() {
        Qrels q = qrels != null ? qrels : judgments.isEmpty() ? null : buildQrels();
        long judgmentCount = q == null ? 0 : q.size();
        long runCount = run == null ? 0 : run.size();
        long docCount = docWhere.size();
        DatasetCounts counts = new DatasetCounts(docCount, queries.size(), judgmentCount, runCount, samples.size(), labels);
        String fingerprint = fingerprint(q, counts);
        return new Dataset(spec, format, split, docs, docSink == null, queries, q, run, samples, counts, fingerprint,
                report());
    }

    /** The report so far, plus a fatal error that stopped the load (for {@code validate}). */
    public LoadReport report(DatasetFormatException fatal) {
        if (fatal != null) {
            errors++;
            byCheck.merge(Check.FORMAT, 1L, Long::sum);
            if (problems.size() < options.maxProblemsKept()) {
                problems.add(new Problem(Problem.Severity.ERROR, Check.FORMAT, fatal.file(), fatal.line(), fatal.problem()));
            }
        }
        return report();
    }

    private LoadReport report() {
        List<LoadReport.FileSummary> files = new ArrayList<>();
        fileCounts.forEach((f, c) -> files.add(new LoadReport.FileSummary(f, c[0], c[1])));
        return new LoadReport(problems, errors, warnings, skipped, byCheck, files, notes);
    }

    private Qrels buildQrels() {
        Map<String, TopicQrels.Builder> topics = new LinkedHashMap<>();
        Set<String> queryIds = knownQueryIds != null ? knownQueryIds : queryWhere.keySet();
        boolean checkQueries = knownQueryIds != null || !queryWhere.isEmpty();
        boolean checkDocs = !docWhere.isEmpty();
        Map<Path, long[]> unknownDocs = new LinkedHashMap<>();
        Map<Path, long[]> unknownQueries = new LinkedHashMap<>();
        Map<Path, String[]> firstUnknownDoc = new HashMap<>();
        Map<Path, String[]> firstUnknownQuery = new HashMap<>();
        Map<Path, long[]> perFile = new HashMap<>();
        for (Judgment j : judgments) {
            topics.computeIfAbsent(j.qid(), TopicQrels::builder).add(j.docId(), j.relevance());
            Path file = fileIds.get((int) (j.where() >>> 40));
            long line = j.where() & ((1L << 40) - 1);
            perFile.computeIfAbsent(file, f -> new long[1])[0]++;
            if (checkDocs && !docWhere.containsKey(j.docId())) {
                if (unknownDocs.computeIfAbsent(file, f -> new long[1])[0]++ == 0) {
                    firstUnknownDoc.put(file, new String[] {Long.toString(line), j.docId()});
                }
            }
            if (checkQueries && !queryIds.contains(j.qid())) {
                if (unknownQueries.computeIfAbsent(file, f -> new long[1])[0]++ == 0) {
                    firstUnknownQuery.put(file, new String[] {Long.toString(line), j.qid()});
                }
            }
        }
        unknownDocs.forEach((file, n) -> {
            String[] first = firstUnknownDoc.get(file);
            warn(Check.UNKNOWN_DOC, file, 0, n[0] + " of " + perFile.get(file)[0]
                    + " judgments name documents not in the corpus (first on line " + first[0] + ": \"" + first[1]
                    + "\"); kept, as BEIR and trec_eval keep them (expected every judged document in the corpus)");
        });
        unknownQueries.forEach((file, n) -> {
            String[] first = firstUnknownQuery.get(file);
            warn(Check.UNKNOWN_QUERY, file, 0, n[0] + " of " + perFile.get(file)[0]
                    + " judgments name queries not in the queries file (first on line " + first[0] + ": \""
                    + first[1] + "\"); kept (expected every judged query in the queries file)");
        });
        Map<String, TopicQrels> built = new HashMap<>();
        topics.forEach((qid, b) -> built.put(qid, b.build()));
        return new Qrels(built);
    }

    private String fingerprint(Qrels q, DatasetCounts counts) {
        ContentDigest judgmentDigest = new ContentDigest();
        if (q != null) {
            for (TopicQrels t : q.topics().values()) {
                for (int i = 0; i < t.size(); i++) {
                    judgmentDigest.tag('J').str(t.qid()).str(t.docno(i)).number(t.relevance(i));
                }
            }
        }
        ContentDigest runDigest = new ContentDigest();
        if (run != null) {
            runDigest.str(run.runId());
            TreeMap<String, TopicRun> sorted = new TreeMap<>(dev.plumbline.datasets.trec.ByteOrder.STRCMP);
            sorted.putAll(run.topics());
            for (TopicRun t : sorted.values()) {
                runDigest.tag('T').str(t.qid()).integer(t.size());
                for (int i = 0; i < t.size(); i++) {
                    runDigest.str(t.docno(i)).number(Double.doubleToLongBits(t.score(i)));
                }
            }
        }
        ContentDigest all = new ContentDigest().ascii("plumbline-dataset/1\n")
                .ascii("docs:" + docDigest.hex() + "\n")
                .ascii("queries:" + queryDigest.hex() + "\n")
                .ascii("judgments:" + judgmentDigest.hex() + "\n")
                .ascii("run:" + runDigest.hex() + "\n")
                .ascii("samples:" + sampleDigest.hex() + "\n")
                .ascii("counts:docs=" + counts.docs() + ",queries=" + counts.queries() + ",judgments="
                        + counts.judgments() + ",run=" + counts.runResults() + ",samples=" + counts.samples());
        counts.labels().forEach((k, v) -> all.ascii("," + k + "=" + v));
        return "sha256:" + all.hex();
    }

    /** Whether an id was already used by a document. */
    public boolean hasDoc(String id) {
        return docWhere.containsKey(id);
    }

    /** Read-only view of the set of query ids added so far. */
    public Set<String> queryIds() {
        return java.util.Collections.unmodifiableSet(queryWhere.keySet());
    }
}
