package dev.plumbline.reports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The registry of report formats, loaded once through {@link ServiceLoader}. */
public final class ReportWriters {
    private static final Map<String, ReportWriter> WRITERS = load();

    private ReportWriters() {
    }

    private static Map<String, ReportWriter> load() {
        Map<String, ReportWriter> m = new LinkedHashMap<>();
        for (ReportWriter w : ServiceLoader.load(ReportWriter.class, ReportWriters.class.getClassLoader())) {
            ReportWriter old = m.putIfAbsent(w.format(), w);
            if (old != null) {
                throw new IllegalStateException("two report writers for format " + w.format() + ": "
                        + old.getClass().getName() + " and " + w.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** All writers by format name, in registration order. */
    public static Map<String, ReportWriter> all() {
        return WRITERS;
    }

    /**
     * The writer for a format.
     *
     * @throws IllegalArgumentException naming the known formats
     */
    public static ReportWriter get(String format) {
        ReportWriter w = WRITERS.get(format);
        if (w == null) {
            throw new IllegalArgumentException("unknown report format '" + format + "'; formats: "
                    + String.join(", ", WRITERS.keySet()));
        }
        return w;
    }

    /** Parses a comma-separated list of formats ({@code html,md,csv}); each must exist. */
    public static List<ReportWriter> parse(List<String> formats) {
        List<ReportWriter> out = new ArrayList<>();
        for (String spec : formats) {
            for (String f : spec.split(",")) {
                String name = f.strip();
                if (!name.isEmpty()) {
                    ReportWriter w = get(name);
                    if (!out.contains(w)) {
                        out.add(w);
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no report format given; formats: " + String.join(", ", WRITERS.keySet()));
        }
        return out;
    }
}
