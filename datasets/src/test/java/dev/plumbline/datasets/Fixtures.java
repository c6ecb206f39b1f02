package dev.plumbline.datasets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes small dataset files for tests. */
public final class Fixtures {
    /** A valid three-document BEIR corpus. */
    public static final String CORPUS = """
            {"_id": "d1", "title": "Alpha", "text": "The first document."}
            {"_id": "d2", "title": "Beta", "text": "The second document."}
            {"_id": "d3", "text": "The third, without a title.", "metadata": {"source": "x"}}
            """;
    /** Valid queries; q3 has no judgments in the test split. */
    public static final String QUERIES = """
            {"_id": "q1", "text": "first query"}
            {"_id": "q2", "text": "second query", "metadata": {}}
            {"_id": "q3", "text": "train-only query"}
            """;
    /** Valid test qrels. */
    public static final String QRELS = "query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\t2\nq2\td3\t1\n";

    private Fixtures() {
    }

    /** Writes text as UTF-8, creating parent folders. */
    public static Path write(Path file, String text) throws IOException {
        return write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes bytes, creating parent folders. */
    public static Path write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, bytes);
    }

    /** A BEIR folder with the given files ({@code null} leaves a file out). */
    public static Path beir(Path dir, String corpus, String queries, String qrels) throws IOException {
        if (corpus != null) {
            write(dir.resolve("corpus.jsonl"), corpus);
        }
        if (queries != null) {
            write(dir.resolve("queries.jsonl"), queries);
        }
        if (qrels != null) {
            write(dir.resolve("qrels/test.tsv"), qrels);
        }
        return dir;
    }

    /** A valid BEIR folder. */
    public static Path beir(Path dir) throws IOException {
        return beir(dir, CORPUS, QUERIES, QRELS);
    }

    /** Concatenates byte arrays. */
    public static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) p;
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** Zips files: name, content, name, content, … */
    public static Path zip(Path zip, String... namesAndContents) throws IOException {
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesAndContents[i]));
                z.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return zip;
    }

    /** Options that skip malformed records. */
    public static LoadOptions skip() {
        return LoadOptions.DEFAULTS.withOnError(OnError.SKIP);
    }
}
