package dev.plumbline.harness.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plumbline.harness.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-item log keeps every verified line, drops torn and damaged ones, and refuses another cell's log. */
class ItemLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ObjectNode header(String cell) {
        return JSON.createObjectNode().put("cell", cell).put("dataset_sha256", "abc");
    }

    private static ObjectNode item(double v) {
        return JSON.createObjectNode().put("id", "s" + v).put("value", v);
    }

    @Test
    void aResumedLogKeepsVerifiedLinesAndDropsATornLastLine() throws IOException {
        Path file = dir.resolve("cell-000.partial.jsonl");
        try (ItemLog log = ItemLog.open(file, header("c"), false)) {
            for (int i = 0; i < 5; i++) {
                log.append(i, item(i / 3.0));
            }
        }
        // A crash part way through a line, and a line whose bytes changed on disk.
        List<String> lines = Files.readAllLines(file);
        String damaged = lines.get(3).replace("value", "valuf");
        Files.writeString(file, String.join("\n", lines.subList(0, 3)) + "\n" + damaged + "\n" + lines.get(4) + "\n" + lines.get(5) + "\n"
                + ItemLog.line(item(9).put("i", 9).toString()).substring(0, 20), StandardCharsets.UTF_8);

        try (ItemLog log = ItemLog.open(file, header("c"), true)) {
            assertEquals(4, log.doneCount());
            assertEquals(2, log.dropped());
            assertNull(log.done(2), "the damaged line is computed again");
            assertEquals(1 / 3.0, log.done(1).get("value").doubleValue(), 0.0, "doubles read back exactly");
            log.append(2, item(2 / 3.0));
        }
        ItemLog.Read read = ItemLog.read(file);
        assertEquals(0, read.dropped(), "the torn tail is gone before new lines are appended");
        assertEquals(6, read.nodes().size());
        try (ItemLog log = ItemLog.open(file, header("c"), true)) {
            assertEquals(5, log.doneCount());
        }
    }

    @Test
    void aFreshLogStartsEmptyAndAnotherCellsLogIsRefused() throws IOException {
        Path file = dir.resolve("cell-001.partial.jsonl");
        try (ItemLog log = ItemLog.open(file, header("c"), false)) {
            log.append(0, item(1));
        }
        try (ItemLog log = ItemLog.open(file, header("c"), false)) {
            assertEquals(0, log.doneCount());
        }
        try (ItemLog log = ItemLog.open(file, header("c"), true)) {
            log.append(0, item(1));
        }
        UsageException e = assertThrows(UsageException.class, () -> ItemLog.open(file, header("other"), true));
        assertTrue(e.getMessage().contains("start a fresh run instead of --resume"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void everyLineCarriesTheChecksumOfItsJson() throws IOException {
        Path file = dir.resolve("log.jsonl");
        try (ItemLog log = ItemLog.open(file, header("c"), false)) {
            log.append(0, item(0.1));
        }
        for (String line : Files.readAllLines(file)) {
            assertTrue(line.matches("[0-9a-f]{8} \\{.*}"), line);
            assertTrue(ItemLog.verified(line.getBytes(StandardCharsets.UTF_8)) != null, line);
        }
        Files.writeString(file, "garbage\n", StandardOpenOption.APPEND);
        assertEquals(1, ItemLog.read(file).dropped());
    }
}
