package dev.plumbline.datasets.truthfulqa;

import dev.plumbline.datasets.DatasetBuilder;
import dev.plumbline.datasets.DatasetFormat;
import dev.plumbline.datasets.Label;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.datasets.io.CsvRecords;
import dev.plumbline.datasets.io.InputFile;
import dev.plumbline.datasets.io.JsonRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code truthfulqa:FILE.csv}: TruthfulQA's {@code TruthfulQA.csv} (Lin et al., ACL 2022), the
 * original or the later layout with {@code Best Incorrect Answer}. Each question gives one
 * sample per reference answer: {@code N-correct-K} faithful and {@code N-incorrect-K}
 * hallucinated, with the best answer as the reference and no context (the task is closed-book
 * truthfulness). Answer lists are split on {@code ;} and blank items dropped, as TruthfulQA's own
 * {@code split_multi_answer} does.
 */
public final class TruthfulQaFormat implements DatasetFormat {
    private static final List<String> REQUIRED = List.of("Question", "Best Answer", "Correct Answers", "Incorrect Answers");
    private static final String EXPECTED = "Question, Best Answer, Correct Answers, Incorrect Answers on every row";

    @Override
    public String prefix() {
        return "truthfulqa";
    }

    @Override
    public String synopsis() {
        return "truthfulqa:FILE.csv";
    }

    @Override
    public String description() {
        return "TruthfulQA.csv: true and false reference answers";
    }

    @Override
    public void load(String location, DatasetBuilder out) throws IOException {
        Path file = Path.of(location);
        if (!out.requireFile(file, "TruthfulQA.csv")) {
            return;
        }
        long[] n = new long[1];
        CsvRecords.read(InputFile.of(file), out, "a header with " + String.join(", ", REQUIRED), REQUIRED, (row, line) -> {
            n[0]++;
            String question = required(row.get("Question"), "Question");
            String best = required(row.get("Best Answer"), "Best Answer");
            List<String> correct = split(row.get("Correct Answers"));
            List<String> incorrect = split(row.get("Incorrect Answers"));
            Map<String, String> meta = new LinkedHashMap<>();
            put(meta, "type", row.get("Type"));
            put(meta, "category", row.get("Category"));
            put(meta, "source", row.get("Source"));
            put(meta, "best_incorrect_answer", row.get("Best Incorrect Answer"));
            for (int k = 0; k < correct.size(); k++) {
                out.sample(new RagSample(n[0] + "-correct-" + (k + 1), question, correct.get(k), List.of(), best, List.of(),
                        Label.FAITHFUL, null, List.of(), meta), file, line);
            }
            for (int k = 0; k < incorrect.size(); k++) {
                out.sample(new RagSample(n[0] + "-incorrect-" + (k + 1), question, incorrect.get(k), List.of(), best,
                        List.of(), Label.HALLUCINATED, null, List.of(), meta), file, line);
            }
        });
    }

    private static String required(String v, String column) {
        if (v == null || v.isBlank()) {
            throw JsonRecord.missing(column, EXPECTED);
        }
        return v;
    }

    private static void put(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }

    /** TruthfulQA's {@code split_multi_answer} without the added full stop: split on ;, strip, drop blanks. */
    static List<String> split(String list) {
        List<String> out = new ArrayList<>();
        if (list != null) {
            for (String a : list.strip().split(";")) {
                if (!a.strip().isEmpty()) {
                    out.add(a.strip());
                }
            }
        }
        return out;
    }
}
