package dev.plumbline.reports.provenance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The run manifest carried by every results document: enough to rerun the same configuration
 * and to tell whether two results are comparable. Build one with {@link #builder()}; the
 * harness fills in version, commit and command, {@link Builder#currentHost()} the machine.
 *
 * @param plumblineVersion Plumbline's version
 * @param gitCommit        commit the build came from, without the dirty suffix; {@code unknown} if not known
 * @param gitDirty         whether the working tree had uncommitted changes
 * @param jvm              the JVM
 * @param os               the operating system
 * @param hardware         CPU, ISA flags, memory
 * @param threads          thread counts by pool or role ({@code evaluation}, {@code encoder})
 * @param engines          identity of each engine in the results
 * @param datasets         fingerprints of every input read
 * @param judge            the judge behind RAG metrics, or {@code null} when none was used
 * @param seeds            every seed by purpose ({@code bootstrap}, {@code sampling})
 * @param startedAt        when the run started
 * @param finishedAt       when it finished
 * @param command          the exact command line, one argument per element
 * @param experimentFile   the experiment file, or empty when the run came from a command line alone
 * @param peakRssBytes     the process's peak resident set ({@code VmHWM}) over the whole run, bytes,
 *                         recorded once here rather than per engine (a high-water mark only grows,
 *                         so per engine it would charge later engines for earlier ones); NaN when
 *                         unknown (not Linux, or not recorded); for a merged sharded run the
 *                         largest part's
 * @param shards           the parts a merged sharded run was combined from ({@code plumbline merge}),
 *                         in part order; empty for a run in one process
 */
public record Provenance(String plumblineVersion, String gitCommit, boolean gitDirty, JvmInfo jvm, OsInfo os,
                         Hardware hardware, Map<String, Integer> threads, List<EngineIdentity> engines,
                         List<DatasetFingerprint> datasets, JudgeIdentity judge, Map<String, Long> seeds,
                         Instant startedAt, Instant finishedAt, List<String> command, String experimentFile,
                         double peakRssBytes, List<ShardRecord> shards) {
    /** Checks required parts and copies collections. */
    public Provenance {
        Objects.requireNonNull(plumblineVersion, "plumblineVersion");
        Objects.requireNonNull(gitCommit, "gitCommit");
        Objects.requireNonNull(jvm, "jvm");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(hardware, "hardware");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        threads = Collections.unmodifiableMap(new LinkedHashMap<>(threads));
        engines = List.copyOf(engines);
        datasets = List.copyOf(datasets);
        seeds = Collections.unmodifiableMap(new LinkedHashMap<>(seeds));
        command = List.copyOf(command);
        experimentFile = experimentFile == null ? "" : experimentFile;
        shards = shards == null ? List.of() : List.copyOf(shards);
    }

    /** A record of a run in one process (no shards). */
    public Provenance(String plumblineVersion, String gitCommit, boolean gitDirty, JvmInfo jvm, OsInfo os,
                      Hardware hardware, Map<String, Integer> threads, List<EngineIdentity> engines,
                      List<DatasetFingerprint> datasets, JudgeIdentity judge, Map<String, Long> seeds,
                      Instant startedAt, Instant finishedAt, List<String> command, String experimentFile,
                      double peakRssBytes) {
        this(plumblineVersion, gitCommit, gitDirty, jvm, os, hardware, threads, engines, datasets, judge, seeds,
                startedAt, finishedAt, command, experimentFile, peakRssBytes, List.of());
    }

    /**
     * This record as the merge of the parts {@code parts} of a sharded run writes it: their
     * earliest start and latest finish, the merge's command line, the largest peak resident set.
     */
    public Provenance mergedFrom(List<ShardRecord> parts, List<String> mergeCommand) {
        Instant start = parts.stream().map(ShardRecord::startedAt).min(Instant::compareTo).orElse(startedAt);
        Instant end = parts.stream().map(ShardRecord::finishedAt).max(Instant::compareTo).orElse(finishedAt);
        double peak = parts.stream().mapToDouble(ShardRecord::peakRssBytes).filter(v -> !Double.isNaN(v)).max()
                .orElse(Double.NaN);
        return new Provenance(plumblineVersion, gitCommit, gitDirty, jvm, os, hardware, threads, engines, datasets,
                judge, seeds, start, end, mergeCommand, experimentFile, peak, parts);
    }

    /** A builder with the running JVM's start time unset; see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The identity of engine {@code name}, or {@code null}. */
    public EngineIdentity engine(String name) {
        for (EngineIdentity e : engines) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Collects a provenance record. Required: {@link #plumbline}, {@link #startedAt},
     * {@link #finishedAt} and the host ({@link #currentHost()} or {@link #host}).
     */
    public static final class Builder {
        private String version;
        private String commit;
        private boolean dirty;
        private JvmInfo jvm;
        private OsInfo os;
        private Hardware hardware;
        private final Map<String, Integer> threads = new LinkedHashMap<>();
        private final List<EngineIdentity> engines = new ArrayList<>();
        private final List<DatasetFingerprint> datasets = new ArrayList<>();
        private JudgeIdentity judge;
        private final Map<String, Long> seeds = new LinkedHashMap<>();
        private Instant startedAt;
        private Instant finishedAt;
        private final List<String> command = new ArrayList<>();
        private String experimentFile = "";
        private double peakRssBytes = Double.NaN;

        private Builder() {
        }

        /**
         * Plumbline's version and commit. A commit ending in {@code -dirty} (as the launcher
         * reports it) sets the dirty flag and is stored without the suffix.
         */
        public Builder plumbline(String plumblineVersion, String gitCommit) {
            this.version = plumblineVersion;
            String c = gitCommit == null ? "unknown" : gitCommit;
            this.dirty = c.endsWith("-dirty");
            this.commit = dirty ? c.substring(0, c.length() - "-dirty".length()) : c;
            return this;
        }

        /** The running JVM, OS and machine. */
        public Builder currentHost() {
            return host(JvmInfo.current(), OsInfo.current(), Hardware.current());
        }

        /** A given host (tests, or a results file assembled elsewhere). */
        public Builder host(JvmInfo jvmInfo, OsInfo osInfo, Hardware hw) {
            this.jvm = jvmInfo;
            this.os = osInfo;
            this.hardware = hw;
            return this;
        }

        /** A thread count by role. */
        public Builder threads(String role, int count) {
            threads.put(role, count);
            return this;
        }

        /** Adds an engine identity. */
        public Builder engine(EngineIdentity identity) {
            engines.add(identity);
            return this;
        }

        /** Adds a dataset fingerprint. */
        public Builder dataset(DatasetFingerprint fingerprint) {
            datasets.add(fingerprint);
            return this;
        }

        /** The judge, if any. */
        public Builder judge(JudgeIdentity identity) {
            this.judge = identity;
            return this;
        }

        /** A seed by purpose. */
        public Builder seed(String purpose, long seed) {
            seeds.put(purpose, seed);
            return this;
        }

        /** Start time. */
        public Builder startedAt(Instant t) {
            this.startedAt = t;
            return this;
        }

        /** End time. */
        public Builder finishedAt(Instant t) {
            this.finishedAt = t;
            return this;
        }

        /** The exact command line, e.g. {@code plumbline report --qrels q.txt --run r.txt}. */
        public Builder command(List<String> args) {
            command.clear();
            command.addAll(args);
            return this;
        }

        /** The experiment file the run came from. */
        public Builder experimentFile(String path) {
            this.experimentFile = path;
            return this;
        }

        /** The process's peak resident set over the run, bytes (NaN when unknown). */
        public Builder peakRssBytes(double bytes) {
            this.peakRssBytes = bytes;
            return this;
        }

        /** Builds the record; names the first missing required part. */
        public Provenance build() {
            if (version == null) {
                throw new IllegalStateException("provenance needs plumbline(version, commit)");
            }
            if (jvm == null) {
                throw new IllegalStateException("provenance needs currentHost() or host(...)");
            }
            if (startedAt == null || finishedAt == null) {
                throw new IllegalStateException("provenance needs startedAt(...) and finishedAt(...)");
            }
            return new Provenance(version, commit, dirty, jvm, os, hardware, threads, engines, datasets, judge,
                    seeds, startedAt, finishedAt, command, experimentFile, peakRssBytes);
        }
    }
}
