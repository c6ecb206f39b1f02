package dev.plumbline.harness.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plumbline.harness.UsageException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The finished items of one cell that is still running, so that {@code run --resume} continues a
 * cell from its last finished item instead of from its start (a killed LLM-judge cell would
 * otherwise pay for every call again).
 *
 * <p>An append-only file of lines {@code CRC JSON}, where {@code CRC} is the CRC32C of the JSON's
 * UTF-8 bytes in 8 hex digits. The first line is a header naming the cell and what its items
 * depend on; every other line is one finished item with its index {@code i}. Each line goes to the
 * operating system in one write as the item finishes (so a killed process loses nothing written),
 * and the file is synced every {@link #SYNC_ITEMS} items or {@link #SYNC_NANOS} apart, whichever
 * comes first, and on close (so a power cut loses at most that much). Reading keeps every complete
 * line whose checksum verifies and drops the rest: a line cut short by a crash, or one damaged on
 * disk, is simply computed again.
 */
final class ItemLog implements AutoCloseable {
    /** Items between two syncs at most. */
    static final int SYNC_ITEMS = 256;
    /** Time between two syncs at most, while items keep finishing. */
    static final long SYNC_NANOS = 1_000_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final FileChannel channel;
    private final Map<Integer, JsonNode> done;
    private final int dropped;
    private int unsynced;
    private long lastSync = System.nanoTime();

    private ItemLog(Path file, FileChannel channel, Map<Integer, JsonNode> done, int dropped) {
        this.file = file;
        this.channel = channel;
        this.done = done;
        this.dropped = dropped;
    }

    /**
     * Opens the log in {@code file}. With {@code resume}, the items already there are kept (see
     * {@link #done}) when its header equals {@code header}; otherwise the log starts empty.
     *
     * @throws UsageException when the log there belongs to another cell, data or judge
     */
    static ItemLog open(Path file, ObjectNode header, boolean resume) {
        Map<Integer, JsonNode> done = new HashMap<>();
        List<String> kept = new ArrayList<>();
        int dropped = 0;
        String head = header.toString();
        if (resume && Files.exists(file)) {
            Read read = read(file);
            if (!read.lines().isEmpty()) {
                JsonNode saved = read.nodes().getFirst();
                if (!saved.equals(header)) {
                    throw new UsageException(file + " holds the items of " + saved + ", not of " + head
                            + "; the experiment, data or judge changed since the run began, so start a fresh run"
                            + " instead of --resume");
                }
                for (int n = 1; n < read.nodes().size(); n++) {
                    JsonNode item = read.nodes().get(n);
                    if (item.path("i").isInt() && done.putIfAbsent(item.get("i").intValue(), item) == null) {
                        kept.add(read.lines().get(n));
                    }
                }
            }
            dropped = read.dropped();
        }
        try {
            // Rewritten whole (temporary file, then renamed) so the appends below follow the
            // last good line, never a torn one.
            StringBuilder text = new StringBuilder(line(head));
            kept.forEach(l -> text.append(l).append('\n'));
            Checkpoints.atomically(file, text.toString());
            return new ItemLog(file, FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                    done, dropped);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file + ": " + OutputFolder.reason(e, file), e);
        }
    }

    /** The item {@code index} as saved, or {@code null} when it has still to be computed. */
    JsonNode done(int index) {
        return done.get(index);
    }

    /** How many items were read back. */
    int doneCount() {
        return done.size();
    }

    /** How many lines were dropped on reading: torn by a crash or failing their checksum. */
    int dropped() {
        return dropped;
    }

    /** Saves the finished item {@code index}; {@code item} gets the index as {@code i}. */
    void append(int index, ObjectNode item) {
        item.put("i", index);
        ByteBuffer b = ByteBuffer.wrap(line(item.toString()).getBytes(StandardCharsets.UTF_8));
        try {
            while (b.hasRemaining()) {
                channel.write(b);
            }
            long now = System.nanoTime();
            if (++unsynced >= SYNC_ITEMS || now - lastSync >= SYNC_NANOS) {
                channel.force(false);
                unsynced = 0;
                lastSync = now;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + OutputFolder.reason(e, file), e);
        }
    }

    /** Syncs and closes the file. */
    @Override
    public void close() {
        try (channel) {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + OutputFolder.reason(e, file), e);
        }
    }

    /** One line of the log for {@code json}, newline included. */
    static String line(String json) {
        CRC32C crc = new CRC32C();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return String.format(Locale.ROOT, "%08x", crc.getValue()) + " " + json + "\n";
    }

    /**
     * The lines of a log: every complete, verified line (its JSON in {@code nodes}), and how many
     * were dropped.
     */
    record Read(List<String> lines, List<JsonNode> nodes, int dropped) {
    }

    /** Reads {@code file}: keeps each newline-terminated line whose checksum matches its JSON. */
    static Read read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> lines = new ArrayList<>();
        List<JsonNode> nodes = new ArrayList<>();
        int dropped = 0;
        int start = 0;
        for (int end = 0; end <= bytes.length; end++) {
            if (end == bytes.length) {
                // A last line without its newline was cut short by a crash.
                dropped += start < bytes.length ? 1 : 0;
                break;
            }
            if (bytes[end] != '\n') {
                continue;
            }
            String json = verified(Arrays.copyOfRange(bytes, start, end));
            JsonNode node = null;
            if (json != null) {
                try {
                    node = JSON.readTree(json);
                } catch (JsonProcessingException e) {
                    node = null;
                }
            }
            if (node != null && node.isObject()) {
                lines.add(new String(bytes, start, end - start, StandardCharsets.UTF_8));
                nodes.add(node);
            } else {
                dropped++;
            }
            start = end + 1;
        }
        return new Read(lines, nodes, dropped);
    }

    /** The JSON of a line when its checksum matches, else {@code null}. */
    static String verified(byte[] line) {
        if (line.length < 10 || line[8] != ' ') {
            return null;
        }
        long expected;
        try {
            expected = Long.parseLong(new String(line, 0, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(line, 9, line.length - 9);
        return crc.getValue() == expected ? new String(line, 9, line.length - 9, StandardCharsets.UTF_8) : null;
    }
}
