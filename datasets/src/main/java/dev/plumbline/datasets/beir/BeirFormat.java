package dev.plumbline.datasets.beir;

import dev.plumbline.datasets.Check;
import dev.plumbline.datasets.DatasetBuilder;
import dev.plumbline.datasets.DatasetFormat;
import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.Query;
import dev.plumbline.datasets.io.InputFile;
import dev.plumbline.datasets.io.JsonRecords;
import dev.plumbline.datasets.io.RecordException;
import dev.plumbline.datasets.io.TsvRecords;
import dev.plumbline.datasets.io.ZipInput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code beir:DIR} or {@code beir:FILE.zip}: the BEIR layout, read as BEIR's
 * {@code GenericDataLoader} reads it.
 * <ul>
 *   <li>{@code corpus.jsonl}: {@code {"_id", "title", "text", "metadata"}} per line; {@code title}
 *       and {@code metadata} optional. A corpus split into {@code corpus.part-00.jsonl},
 *       {@code corpus.part-01.jsonl}, … is read part by part, in order, as one corpus.</li>
 *   <li>{@code queries.jsonl}: {@code {"_id", "text", "metadata"}}; only queries with judgments in
 *       the split are kept (as BEIR does), and how many were left out is noted.</li>
 *   <li>{@code qrels/SPLIT.tsv}: a header line, then {@code query-id TAB corpus-id TAB score} with an
 *       integer score; split from {@code --split}, default {@code test}.</li>
 * </ul>
 * Ids may be JSON strings or integers. Judgments naming documents or queries that do not exist are
 * kept (BEIR and trec_eval keep them, and they count in recall) with a warning.
 */
public final class BeirFormat implements DatasetFormat {
    private static final Pattern PART = Pattern.compile("corpus\\.part-(\\d+)\\.jsonl");
    static final String DOC_EXPECTED = "\"_id\" and \"text\" on every document";
    static final String QUERY_EXPECTED = "\"_id\" and \"text\" on every query";
    static final String QRELS_EXPECTED = "3: query-id, corpus-id, score";

    @Override
    public String prefix() {
        return "beir";
    }

    @Override
    public String synopsis() {
        return "beir:DIR|FILE.zip";
    }

    @Override
    public String description() {
        return "BEIR folder or .zip of one; --split, default test";
    }

    /** Files of a BEIR dataset, in a folder or an archive. */
    private interface Layout {
        /** The file at a path relative to the dataset root, or {@code null} when absent. */
        InputFile file(String rel);

        /** Names of the files directly in a folder relative to the root ({@code ""} for the root). */
        List<String> list(String folder);

        /** How a relative path is shown in messages. */
        Path shown(String rel);
    }

    @Override
    public void load(String location, DatasetBuilder out) throws IOException {
        Path p = Path.of(location);
        if (Files.isDirectory(p)) {
            load(folder(p), out);
        } else if (Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            ZipInput zip;
            try {
                zip = ZipInput.open(p, out.options().maxArchiveBytes());
            } catch (RecordException e) {
                out.fileError(e.check(), p, 0, e.getMessage());
                return;
            } catch (java.util.zip.ZipException e) {
                out.fileError(Check.ARCHIVE, p, 0, "not a readable zip archive: " + e.getMessage()
                        + " (expected a .zip of a BEIR folder)");
                return;
            }
            try (zip) {
                Layout layout = archive(zip, out);
                if (layout != null) {
                    load(layout, out);
                }
            }
        } else if (!Files.exists(p)) {
            out.fileError(Check.MISSING_FILE, p, 0, "no such folder or file (expected a BEIR folder with corpus.jsonl, "
                    + "queries.jsonl and qrels/, or a .zip of one)");
        } else {
            out.fileError(Check.MISSING_FILE, p, 0, "not a folder or .zip (expected a BEIR folder with corpus.jsonl, "
                    + "queries.jsonl and qrels/, or a .zip of one)");
        }
    }

    private static Layout folder(Path dir) {
        return new Layout() {
            @Override
            public InputFile file(String rel) {
                Path f = dir.resolve(rel);
                return Files.isRegularFile(f) ? InputFile.of(f) : null;
            }

            @Override
            public List<String> list(String folder) {
                Path d = folder.isEmpty() ? dir : dir.resolve(folder);
                if (!Files.isDirectory(d)) {
                    return List.of();
                }
                try (Stream<Path> s = Files.list(d)) {
                    return s.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + d + ": " + e.getMessage(), e);
                }
            }

            @Override
            public Path shown(String rel) {
                return dir.resolve(rel);
            }
        };
    }

    /** The folder of the archive that holds {@code queries.jsonl} (the shallowest one) is the root. */
    private static Layout archive(ZipInput zip, DatasetBuilder out) {
        String root = null;
        for (String name : zip.names()) {
            if (name.equals("queries.jsonl") || name.endsWith("/queries.jsonl")) {
                String r = name.substring(0, name.length() - "queries.jsonl".length());
                if (root == null || r.length() < root.length()) {
                    root = r;
                }
            }
        }
        if (root == null) {
            out.fileError(Check.MISSING_FILE, zip.path(), 0, "no queries.jsonl in the archive (expected a .zip of a BEIR "
                    + "folder: corpus.jsonl, queries.jsonl, qrels/)");
            return null;
        }
        String base = root;
        return new Layout() {
            @Override
            public InputFile file(String rel) {
                return zip.entry(base + rel);
            }

            @Override
            public List<String> list(String folder) {
                String prefix = base + (folder.isEmpty() ? "" : folder + "/");
                List<String> names = new ArrayList<>();
                for (String n : zip.names()) {
                    if (n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0) {
                        names.add(n.substring(prefix.length()));
                    }
                }
                names.sort(null);
                return names;
            }

            @Override
            public Path shown(String rel) {
                return Path.of(zip.path() + "!", (base + rel).split("/"));
            }
        };
    }

    private void load(Layout layout, DatasetBuilder out) throws IOException {
        String split = out.options().split() == null ? "test" : out.options().split();
        out.split(split);

        Set<String> judgedQueries = new HashSet<>();
        boolean haveQrels = readQrels(layout, split, out, judgedQueries);

        InputFile queriesFile = layout.file("queries.jsonl");
        Set<String> allQueryIds = new HashSet<>();
        long[] left = new long[1];
        if (queriesFile == null) {
            out.fileError(Check.MISSING_FILE, layout.shown("queries.jsonl"), 0,
                    "no such file (expected queries.jsonl with one JSON query per line: _id, text)");
        } else {
            JsonRecords.read(queriesFile, out, "one JSON query per line: _id, text", (r, line) -> {
                String id = r.requireId("_id", QUERY_EXPECTED);
                String text = r.requireString("text", QUERY_EXPECTED);
                String metadata = r.optObjectJson("metadata");
                if (!allQueryIds.add(id)) {
                    if (!haveQrels || judgedQueries.contains(id)) {
                        // The builder reports the duplicate with the line of the first one.
                        out.query(new Query(id, text, metadata), queriesFile.path(), line);
                        return;
                    }
                    throw new RecordException(Check.DUPLICATE_ID, "duplicate _id \"" + id + "\" (expected unique query ids)");
                }
                if (haveQrels && !judgedQueries.contains(id)) {
                    left[0]++;
                    return;
                }
                out.query(new Query(id, text, metadata), queriesFile.path(), line);
            });
            if (haveQrels) {
                out.knownQueryIds(allQueryIds);
            }
        }

        readCorpus(layout, out);

        if (left[0] > 0) {
            out.note(left[0] + " of " + allQueryIds.size() + " queries have no judgments in split " + split
                    + " and were left out, as BEIR's loader does");
        }
        long selfIds = out.queryIds().stream().filter(out::hasDoc).count();
        if (selfIds > 0) {
            out.note(selfIds + " query ids are also document ids (as in ArguAna, where the query argument is in the "
                    + "corpus); published evaluations drop a retrieved document whose id equals the query id");
        }
    }

    /** @return whether a qrels file was read */
    private static boolean readQrels(Layout layout, String split, DatasetBuilder out, Set<String> judged) throws IOException {
        String rel = "qrels/" + split + ".tsv";
        InputFile qrels = layout.file(rel);
        if (qrels == null) {
            List<String> splits = layout.list("qrels").stream().filter(n -> n.endsWith(".tsv"))
                    .map(n -> n.substring(0, n.length() - 4)).toList();
            out.fileError(Check.MISSING_FILE, layout.shown(rel), 0, "no qrels for split " + split + " (expected "
                    + rel + (splits.isEmpty() ? " with a header and query-id, corpus-id, score per line)"
                    : "; this dataset has splits: " + String.join(", ", splits) + ")"));
            return false;
        }
        Path file = qrels.path();
        TsvRecords.read(qrels, out, "a header line, then query-id, corpus-id, score per line", new TsvRecords.Handler() {
            @Override
            public void header(String[] f, long line) {
                if (f.length != 3) {
                    throw new RecordException(Check.COLUMN_COUNT, "header has " + columns(f.length) + " (expected "
                            + QRELS_EXPECTED + ")");
                }
                if (parseRelevance(f[2]) != null) {
                    throw new RecordException(Check.COLUMN_COUNT, "no header line: the first line is a judgment (expected "
                            + "\"query-id<TAB>corpus-id<TAB>score\" first; BEIR skips the first line, so this judgment "
                            + "would be lost)");
                }
            }

            @Override
            public void row(String[] f, long line) {
                if (f.length != 3) {
                    throw new RecordException(Check.COLUMN_COUNT, columns(f.length) + " (expected " + QRELS_EXPECTED + ")");
                }
                if (f[0].isEmpty() || f[1].isEmpty()) {
                    throw new RecordException(Check.BAD_VALUE, "empty " + (f[0].isEmpty() ? "query-id" : "corpus-id")
                            + " (expected " + QRELS_EXPECTED + ")");
                }
                Long rel = parseRelevance(f[2]);
                if (rel == null) {
                    throw new RecordException(Check.NOT_INTEGER, "relevance \"" + f[2]
                            + "\" is not an integer (expected an integer grade such as 0, 1 or 2)");
                }
                if (out.judgment(f[0], f[1], rel, file, line)) {
                    judged.add(f[0]);
                }
            }
        });
        return true;
    }

    private static String columns(int n) {
        return n == 1 ? "1 column" : n + " columns";
    }

    /** Python's {@code int()} on a grade: optional blanks and sign, decimal digits; {@code null} otherwise. */
    static Long parseRelevance(String s) {
        String t = s.strip();
        int i = t.startsWith("+") || t.startsWith("-") ? 1 : 0;
        if (i == t.length() || t.length() > 19) {
            return null;
        }
        for (int k = i; k < t.length(); k++) {
            if (t.charAt(k) < '0' || t.charAt(k) > '9') {
                return null;
            }
        }
        return Long.parseLong(t);
    }

    private static void readCorpus(Layout layout, DatasetBuilder out) throws IOException {
        TreeMap<Integer, String> parts = new TreeMap<>();
        for (String name : layout.list("")) {
            Matcher m = PART.matcher(name);
            if (m.matches() && m.group(1).length() < 9) {
                parts.put(Integer.parseInt(m.group(1)), name);
            }
        }
        InputFile single = layout.file("corpus.jsonl");
        List<InputFile> files = new ArrayList<>();
        if (single != null && !parts.isEmpty()) {
            out.fileError(Check.FORMAT, layout.shown(""), 0, "both corpus.jsonl and corpus.part-*.jsonl (expected one "
                    + "corpus: a single file or numbered parts)");
            return;
        }
        if (single != null) {
            files.add(single);
        } else if (parts.isEmpty()) {
            out.fileError(Check.MISSING_FILE, layout.shown("corpus.jsonl"), 0, "no such file (expected corpus.jsonl, or "
                    + "corpus.part-00.jsonl, corpus.part-01.jsonl, …, with one JSON document per line)");
            return;
        } else {
            int expect = 0;
            for (var e : parts.entrySet()) {
                if (e.getKey() != expect) {
                    out.fileError(Check.MISSING_FILE, layout.shown(String.format(Locale.ROOT, "corpus.part-%02d.jsonl", expect)),
                            0, "corpus part missing (expected parts numbered from 00 without gaps; found "
                                    + String.join(", ", parts.values()) + ")");
                    return;
                }
                files.add(layout.file(e.getValue()));
                expect++;
            }
        }
        for (InputFile f : files) {
            Path path = f.path();
            JsonRecords.read(f, out, "one JSON document per line: _id, title, text", (r, line) -> {
                String id = r.requireId("_id", DOC_EXPECTED);
                String text = r.requireString("text", DOC_EXPECTED);
                String title = r.optString("title");
                out.doc(new Doc(id, title == null ? "" : title, text, r.optObjectJson("metadata")), path, line);
            });
        }
    }
}
