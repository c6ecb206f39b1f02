package dev.plumbline.engines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * BEIR corpora and queries from {@code ../shared/datasets} for real-data tests (the path comes
 * from system property {@code plumbline.shared}). Documents read as MTEB feeds them to encoders:
 * title + " " + text.
 */
public final class SharedData {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedData() {
    }

    /** {@code ../shared/datasets/<name>}. */
    public static Path dataset(String name) {
        return Path.of(System.getProperty("plumbline.shared", "../../shared"), "datasets", name);
    }

    /** Document id to "title text", in file order, from every {@code corpus*.jsonl} part. */
    public static Map<String, String> corpus(String name) {
        Map<String, String> docs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dataset(name))) {
            for (Path part : files.filter(p -> p.getFileName().toString().matches("corpus.*\\.jsonl")).sorted().toList()) {
                for (JsonNode n : lines(part)) {
                    String title = n.path("title").asText("");
                    String text = n.path("text").asText("");
                    docs.put(n.path("_id").asText(), title.isEmpty() ? text : title + " " + text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    /** Query id to text, in file order. */
    public static Map<String, String> queries(String name) {
        Map<String, String> q = new LinkedHashMap<>();
        for (JsonNode n : lines(dataset(name).resolve("queries.jsonl"))) {
            q.put(n.path("_id").asText(), n.path("text").asText());
        }
        return q;
    }

    private static List<JsonNode> lines(Path file) {
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    out.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
