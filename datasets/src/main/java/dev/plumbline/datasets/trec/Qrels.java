package dev.plumbline.datasets.trec;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Relevance judgments for a set of topics, with topics in {@code strcmp} order as trec_eval walks them. */
public final class Qrels {
    private final Map<String, TopicQrels> topics;

    /** @param topics judgments by qid; re-sorted into {@code strcmp} order */
    public Qrels(Map<String, TopicQrels> topics) {
        TreeMap<String, TopicQrels> sorted = new TreeMap<>(ByteOrder.STRCMP);
        sorted.putAll(topics);
        this.topics = Collections.unmodifiableMap(sorted);
    }

    /** Topics in {@code strcmp} order of qid. */
    public Map<String, TopicQrels> topics() {
        return topics;
    }

    /** The judgments of one topic, or {@code null}. */
    public TopicQrels topic(String qid) {
        return topics.get(qid);
    }

    /** Total number of judgment lines. */
    public long size() {
        long n = 0;
        for (TopicQrels t : topics.values()) {
            n += t.size();
        }
        return n;
    }
}
