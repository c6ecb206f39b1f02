package dev.plumbline.harness.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.plumbline.engines.cache.EmbeddingCache;
import dev.plumbline.harness.UsageException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code plumbline cache merge}: the cache folders of the parts of one {@link CorpusEncoding} put
 * together into one cache folder, namespace file by namespace file (records appended, a text
 * already there kept as it is). Refuses folders without a part manifest, parts of different
 * experiments or splits, and a part given twice or missing, as {@code merge} does for results.
 */
public final class CacheMerge {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What the merge did.
     *
     * @param parts   parts merged
     * @param files   namespace files written
     * @param records records added to them
     */
    public record Result(int parts, int files, long records) {
    }

    private record Manifest(Path root, Path file, String experiment, String sha, int shard, int of,
                            Map<String, Integer> files) {
    }

    private CacheMerge() {
    }

    /** Merges the parts' cache folders {@code sources} into {@code into}. */
    public static Result merge(List<Path> sources, Path into) {
        List<Manifest> manifests = new ArrayList<>();
        for (Path source : sources) {
            List<Manifest> found = read(source);
            if (found.isEmpty()) {
                throw new UsageException(source + ": no " + CorpusEncoding.PARTS + "/part-I-of-N.json; give the cache"
                        + " folders that plumbline encode EXPERIMENT --shard I/N --cache DIR wrote");
            }
            manifests.addAll(found);
        }
        Manifest first = manifests.getFirst();
        Manifest[] byPart = new Manifest[first.of()];
        for (Manifest m : manifests) {
            if (!m.sha().equals(first.sha())) {
                throw new UsageException(m.file() + ": a part of experiment " + m.experiment() + " (content " + m.sha()
                        .substring(0, 12) + "), but " + first.file() + " is of " + first.experiment() + " (content "
                        + first.sha().substring(0, 12) + "); merge the parts of one experiment file");
            }
            if (m.of() != first.of()) {
                throw new UsageException(m.file() + ": part " + m.shard() + "/" + m.of() + ", but " + first.file()
                        + " is a part of " + first.of() + "; merge parts of one split");
            }
            if (byPart[m.shard() - 1] != null) {
                throw new UsageException("part " + m.shard() + "/" + m.of() + " given twice: " + byPart[m.shard() - 1].file()
                        + " and " + m.file());
            }
            byPart[m.shard() - 1] = m;
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < byPart.length; i++) {
            if (byPart[i] == null) {
                missing.add((i + 1) + "/" + first.of());
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException("parts " + String.join(", ", missing) + " missing; run plumbline encode "
                    + "EXPERIMENT --shard I/N for each and give all their folders");
        }
        // Each namespace file is opened once (opening reads all its records) and gets every part's.
        Map<String, Integer> dims = new TreeMap<>();
        for (Manifest m : byPart) {
            for (Map.Entry<String, Integer> f : m.files().entrySet()) {
                Integer dim = dims.putIfAbsent(f.getKey(), f.getValue());
                if (dim != null && !dim.equals(f.getValue())) {
                    throw new UsageException(m.file() + ": " + f.getKey() + " has dimension " + f.getValue()
                            + ", another part says " + dim + "; the parts are not of one run");
                }
            }
        }
        long records = 0;
        try {
            Files.createDirectories(into.resolve(CorpusEncoding.PARTS));
            for (Map.Entry<String, Integer> f : dims.entrySet()) {
                Path target = into.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                EmbeddingCache cache = EmbeddingCache.openFile(target, f.getValue());
                try {
                    for (Manifest m : byPart) {
                        if (m.files().containsKey(f.getKey())
                                && !m.root().toAbsolutePath().normalize().equals(into.toAbsolutePath().normalize())) {
                            records += cache.addAll(m.root().resolve(f.getKey()));
                        }
                    }
                } finally {
                    cache.close();
                }
            }
            for (Manifest m : byPart) {
                Path copy = into.resolve(CorpusEncoding.PARTS).resolve(m.file().getFileName());
                if (!copy.toAbsolutePath().normalize().equals(m.file().toAbsolutePath().normalize())) {
                    Files.copy(m.file(), copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UsageException("cannot merge into " + into + ": " + e.getMessage());
        }
        return new Result(byPart.length, dims.size(), records);
    }

    private static List<Manifest> read(Path root) {
        Path dir = root.resolve(CorpusEncoding.PARTS);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Manifest> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("part-\\d+-of-\\d+\\.json")).sorted().toList()) {
                JsonNode n = JSON.readTree(Files.readString(file));
                if (n == null || !CorpusEncoding.SCHEMA.equals(n.path("schema").asText()) || !n.path("shard").canConvertToInt()
                        || !n.path("of").canConvertToInt() || !n.path("files").isObject()
                        || !n.path("experimentSha256").isTextual()) {
                    throw new UsageException(file + " is not an encode part manifest (schema " + CorpusEncoding.SCHEMA
                            + "); rerun that part with plumbline encode EXPERIMENT --shard I/N");
                }
                Map<String, Integer> f = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.get("files").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().canConvertToInt() || e.getKey().contains("..")) {
                        throw new UsageException(file + ": files." + e.getKey() + " is not a namespace file with its dimension");
                    }
                    f.put(e.getKey(), e.getValue().asInt());
                }
                int shard = n.get("shard").asInt();
                int of = n.get("of").asInt();
                if (of < 1 || shard < 1 || shard > of) {
                    throw new UsageException(file + ": part " + shard + " of " + of + " is not a part");
                }
                out.add(new Manifest(root, file, n.path("experiment").asText(), n.get("experimentSha256").asText(), shard,
                        of, f));
            }
        } catch (IOException e) {
            throw new UsageException("cannot read " + dir + ": " + e.getMessage());
        }
        return out;
    }
}
