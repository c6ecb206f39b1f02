package dev.plumbline.datasets.begin;

import dev.plumbline.datasets.Check;
import dev.plumbline.datasets.DatasetBuilder;
import dev.plumbline.datasets.DatasetFormat;
import dev.plumbline.datasets.Label;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.datasets.io.InputFile;
import dev.plumbline.datasets.io.RecordException;
import dev.plumbline.datasets.io.TsvRecords;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code begin:FILE.tsv}: BEGIN (Dziri et al., TACL 2022) groundedness labels. A header line
 * names the columns ({@code model_name data_source knowledge message response begin_label});
 * fields are split on TAB without CSV quoting (they contain {@code "}), and every line must have
 * as many fields as the header. Each row is a sample: {@code message} is the user input,
 * {@code knowledge} the one context, {@code response} the response. {@code Fully attributable}
 * is faithful, {@code Not fully attributable} hallucinated, and {@code Generic} (BEGIN's third
 * class) is kept unlabelled, with the original label in the metadata. Ids are {@code row-N}.
 */
public final class BeginFormat implements DatasetFormat {
    private static final List<String> REQUIRED = List.of("knowledge", "message", "response", "begin_label");

    @Override
    public String prefix() {
        return "begin";
    }

    @Override
    public String synopsis() {
        return "begin:FILE.tsv";
    }

    @Override
    public String description() {
        return "BEGIN groundedness TSV: labelled dialogue responses";
    }

    @Override
    public void load(String location, DatasetBuilder out) throws IOException {
        Path file = Path.of(location);
        if (!out.requireFile(file, "a BEGIN .tsv file")) {
            return;
        }
        Map<String, Integer> columns = new LinkedHashMap<>();
        long[] ordinal = new long[1];
        long[] generic = new long[1];
        String expectedHeader = "a header with " + String.join(", ", REQUIRED);
        TsvRecords.read(InputFile.of(file), out, "a header line, then model_name, data_source, knowledge, message, "
                + "response, begin_label per line", new TsvRecords.Handler() {
                    @Override
                    public void header(String[] f, long line) {
                        Map<String, Integer> seen = new HashMap<>();
                        for (int i = 0; i < f.length; i++) {
                            seen.putIfAbsent(f[i].strip(), i);
                        }
                        for (String r : REQUIRED) {
                            if (!seen.containsKey(r)) {
                                throw new RecordException(Check.COLUMN_COUNT, "header has no column " + r + " (expected "
                                        + expectedHeader + ")", true);
                            }
                        }
                        for (int i = 0; i < f.length; i++) {
                            columns.putIfAbsent(f[i].strip(), i);
                        }
                    }

                    @Override
                    public void row(String[] f, long line) {
                        ordinal[0]++;
                        if (f.length != columns.size()) {
                            throw new RecordException(Check.COLUMN_COUNT, (f.length == 1 ? "1 column" : f.length + " columns")
                                    + " (expected " + columns.size() + ": " + String.join(", ", columns.keySet()) + ")");
                        }
                        String verdict = f[columns.get("begin_label")];
                        Label label;
                        switch (verdict.strip()) {
                            case "Fully attributable" -> label = Label.FAITHFUL;
                            case "Not fully attributable" -> label = Label.HALLUCINATED;
                            case "Generic" -> {
                                label = null;
                                generic[0]++;
                            }
                            default -> throw new RecordException(Check.BAD_VALUE, "begin_label \"" + verdict
                                    + "\" is not a BEGIN label (expected Fully attributable, Not fully attributable or Generic)");
                        }
                        Map<String, String> meta = new LinkedHashMap<>();
                        columns.forEach((name, i) -> {
                            if (!name.equals("knowledge") && !name.equals("message") && !name.equals("response")) {
                                meta.put(name, f[i]);
                            }
                        });
                        out.sample(new RagSample("row-" + ordinal[0], f[columns.get("message")], f[columns.get("response")],
                                List.of(f[columns.get("knowledge")]), null, List.of(), label, null, List.of(), meta),
                                file, line);
                    }
                });
        if (generic[0] > 0) {
            out.note(generic[0] + " Generic responses are kept unlabelled (BEGIN's third class: drop them, or count them "
                    + "as not attributable, as your protocol requires)");
        }
    }
}
