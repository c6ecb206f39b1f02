package dev.plumbline.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.plumbline.harness.UsageException;
import dev.plumbline.reports.provenance.Sha256;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code shard.json} in a partial results folder: which experiment the folder is a part of and
 * which part. Written when a sharded run starts, so {@code run --resume DIR} continues the same
 * part and {@code merge} can refuse parts of different experiments before reading any results.
 *
 * @param experiment       the experiment's name
 * @param experimentSha256 SHA-256 of the experiment's parsed content (comments and layout do not count)
 * @param shard            the part
 */
public record ShardManifest(String experiment, String experimentSha256, Shard shard) {
    /** The file's name in the output folder. */
    public static final String FILE = "shard.json";
    private static final String SCHEMA = "plumbline.shard";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The manifest of part {@code shard} of {@code x}. */
    static ShardManifest of(Experiment x, Shard shard) {
        String content = x.source() == null ? "name: " + x.name() : ExperimentParser.tree(x.source()).toString();
        return new ShardManifest(x.name(), Sha256.of(content.getBytes(StandardCharsets.UTF_8)), shard);
    }

    /** Writes {@code DIR/shard.json}. */
    void write(Path dir) {
        ObjectNode n = JSON.createObjectNode().put("schema", SCHEMA).put("experiment", experiment)
                .put("experimentSha256", experimentSha256).put("shard", shard.index()).put("of", shard.count());
        Checkpoints.atomically(dir.resolve(FILE), n.toPrettyString() + "\n");
    }

    /**
     * Reads {@code DIR/shard.json}, or {@code null} when there is none (the folder of an unsharded run).
     *
     * @throws UsageException when the file is not a shard manifest
     */
    public static ShardManifest read(Path dir) {
        Path file = dir.resolve(FILE);
        JsonNode n;
        try {
            n = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UsageException(file + " is not a shard manifest (" + e.getMessage().lines().findFirst().orElse("")
                    + "); rerun the part with plumbline run EXPERIMENT --shard I/N");
        }
        if (n == null || !SCHEMA.equals(n.path("schema").asText()) || !n.path("experiment").isTextual()
                || !n.path("experimentSha256").isTextual() || !n.path("shard").canConvertToInt()
                || !n.path("of").canConvertToInt()) {
            throw new UsageException(file + " is not a shard manifest (schema " + SCHEMA + " with experiment,"
                    + " experimentSha256, shard, of); rerun the part with plumbline run EXPERIMENT --shard I/N");
        }
        try {
            return new ShardManifest(n.get("experiment").asText(), n.get("experimentSha256").asText(),
                    new Shard(n.get("shard").asInt(), n.get("of").asInt()));
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }
}
