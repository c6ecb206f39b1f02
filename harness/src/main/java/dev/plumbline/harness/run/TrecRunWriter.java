package dev.plumbline.harness.run;

import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TopicRun;
import dev.plumbline.reports.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes TREC run files ({@code qid Q0 docno rank score tag}), the one writer behind
 * {@code run}, {@code retrieve} and {@code fuse}, and returns the run exactly as trec_eval would
 * read the file back, so in-process evaluation and the file never disagree.
 */
public final class TrecRunWriter {
    private TrecRunWriter() {
    }

    /**
     * One topic's ranked list.
     *
     * @param qid    query id
     * @param docnos document ids in rank order
     * @param scores their scores, same length
     */
    public record Topic(String qid, List<String> docnos, double[] scores) {
        /** Checks the lengths. */
        public Topic {
            docnos = List.copyOf(docnos);
            if (docnos.size() != scores.length) {
                throw new IllegalArgumentException(docnos.size() + " docnos but " + scores.length + " scores");
            }
        }
    }

    /**
     * A score as written: the shortest decimal that reads back as the same float when the score is
     * a float (dense and BM25 scores: short files, as before), else as the same double (fused
     * scores, whose order a float would blur).
     */
    public static String score(double s) {
        return s == (float) s ? Float.toString((float) s) : Double.toString(s);
    }

    /** Writes {@code topics} to {@code file} atomically (temporary file, then rename) and returns the run read back. */
    public static Run write(Path file, String tag, List<Topic> topics) {
        Map<String, TopicRun> out = new LinkedHashMap<>();
        try {
            AtomicFiles.write(file, w -> out.putAll(write(w, tag, topics)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run file " + file + ": " + e.getMessage(), e);
        }
        return new Run(tag, out);
    }

    /** Writes {@code topics} to {@code w}; returns each topic as read back from the text. */
    public static Map<String, TopicRun> write(Writer w, String tag, List<Topic> topics) throws IOException {
        Map<String, TopicRun> out = new LinkedHashMap<>();
        for (Topic t : topics) {
            TopicRun.Builder b = TopicRun.builder(t.qid());
            StringBuilder line = new StringBuilder();
            for (int r = 0; r < t.docnos().size(); r++) {
                String s = score(t.scores()[r]);
                line.setLength(0);
                line.append(t.qid()).append(" Q0 ").append(t.docnos().get(r)).append(' ').append(r + 1).append(' ')
                        .append(s).append(' ').append(tag).append('\n');
                w.write(line.toString());
                b.add(t.docnos().get(r), Double.parseDouble(s));
            }
            out.put(t.qid(), b.build());
        }
        return out;
    }
}
