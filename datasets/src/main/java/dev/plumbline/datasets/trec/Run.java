package dev.plumbline.datasets.trec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A TREC run: ranked documents per topic plus the run id. trec_eval keeps the run id of the
 * last line of the file; {@link TrecRunReader} does the same.
 */
public final class Run {
    private final String runId;
    private final Map<String, TopicRun> topics;

    /**
     * @param runId  the run tag (may be empty when built in memory)
     * @param topics topics by qid; the map is copied
     */
    public Run(String runId, Map<String, TopicRun> topics) {
        this.runId = runId;
        this.topics = Collections.unmodifiableMap(new LinkedHashMap<>(topics));
    }

    /** The run tag. */
    public String runId() {
        return runId;
    }

    /** The topic with this qid, or {@code null} when the run has none. */
    public TopicRun topic(String qid) {
        return topics.get(qid);
    }

    /** All topics, in the order they first appeared. */
    public Map<String, TopicRun> topics() {
        return topics;
    }

    /** Total number of retrieved documents over all topics. */
    public long size() {
        long n = 0;
        for (TopicRun t : topics.values()) {
            n += t.size();
        }
        return n;
    }
}
