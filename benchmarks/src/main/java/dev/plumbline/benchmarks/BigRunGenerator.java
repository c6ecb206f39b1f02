package dev.plumbline.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a large, deterministic TREC run and qrels for the trec-eval speed and memory benchmark:
 * by default 7,000 topics × 1,000 documents (about 270 MB) and about 49,000 judgments
 * (seven per topic, grades 0–3, most of them retrieved). Same seed, same bytes.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.plumbline.benchmarks.BigRunGenerator OUT_DIR [topics] [docsPerTopic] [seed]}
 */
public final class BigRunGenerator {
    private BigRunGenerator() {
    }

    /** Entry point; see the class comment. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: BigRunGenerator OUT_DIR [topics=7000] [docsPerTopic=1000] [seed=42]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int topics = args.length > 1 ? Integer.parseInt(args[1]) : 7000;
        int docs = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        Files.createDirectories(out);
        generate(out.resolve("run.txt"), out.resolve("qrels.txt"), topics, docs, seed);
        System.out.printf(Locale.ROOT, "wrote %s (%,d bytes) and %s (%,d bytes)%n", out.resolve("run.txt"),
                Files.size(out.resolve("run.txt")), out.resolve("qrels.txt"), Files.size(out.resolve("qrels.txt")));
    }

    /** Writes the run and qrels files. */
    public static void generate(Path runFile, Path qrelsFile, int topics, int docsPerTopic, long seed)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        try (OutputStream run = new BufferedOutputStream(Files.newOutputStream(runFile), 1 << 20);
             OutputStream qrels = new BufferedOutputStream(Files.newOutputStream(qrelsFile), 1 << 16)) {
            StringBuilder line = new StringBuilder(64);
            for (int t = 0; t < topics; t++) {
                String qid = Integer.toString(10001 + t);
                int base = random.nextInt(9_000_000);
                double score = 20 + random.nextDouble() * 5;
                for (int r = 0; r < docsPerTopic; r++) {
                    // Scores fall with rank and sometimes repeat, so ties are broken by docno as in real runs.
                    if (random.nextInt(8) != 0) {
                        score -= random.nextDouble() * 0.02;
                    }
                    line.setLength(0);
                    line.append(qid).append(" Q0 D").append(1_000_000 + base + r * 7).append(' ').append(r + 1)
                            .append(' ');
                    appendFixed6(line, score);
                    line.append(" bench\n");
                    run.write(line.toString().getBytes(StandardCharsets.US_ASCII));
                }
                for (int j = 0; j < 7; j++) {
                    // Mostly documents near the top of the ranking, some never retrieved; distinct per topic.
                    int stride = Math.max(1, Math.min(docsPerTopic, 196) / 7);
                    int rank = random.nextInt(10) < 8 ? j * stride + random.nextInt(stride) : docsPerTopic + j;
                    int grade = random.nextInt(4);
                    line.setLength(0);
                    line.append(qid).append(" 0 D").append(1_000_000 + base + rank * 7).append(' ').append(grade)
                            .append('\n');
                    qrels.write(line.toString().getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
    }

    private static void appendFixed6(StringBuilder out, double v) {
        long micros = Math.round(v * 1_000_000);
        out.append(micros / 1_000_000).append('.');
        String frac = Long.toString(micros % 1_000_000);
        out.append("000000", 0, 6 - frac.length()).append(frac);
    }
}
