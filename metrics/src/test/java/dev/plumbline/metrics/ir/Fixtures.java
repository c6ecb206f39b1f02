package dev.plumbline.metrics.ir;

import dev.plumbline.datasets.trec.Qrels;
import dev.plumbline.datasets.trec.Run;
import dev.plumbline.datasets.trec.TopicQrels;
import dev.plumbline.datasets.trec.TopicRun;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The README example, small enough to score by hand. Topic q1 ranks (score, then docno
 * descending): a01 (rel 2), n04 (not judged; ties a02 at 0.771 and wins on docno), a02 (1),
 * a07 (0), i03 (1), p09 (judged -1: pooled but unjudged). Topic q2: s14 (0), s11 (2), two
 * unjudged; c02 (1) is never retrieved. Topic q3 has no relevant document. Topic q4 has no
 * judgments and is ignored.
 */
final class Fixtures {
    private Fixtures() {
    }

    static Qrels qrels() {
        Map<String, TopicQrels> m = new LinkedHashMap<>();
        m.put("q1", TopicQrels.builder("q1").add("a01", 2).add("a02", 1).add("a07", 0).add("i03", 1)
                .add("p09", -1).build());
        m.put("q2", TopicQrels.builder("q2").add("s11", 2).add("s14", 0).add("c02", 1).build());
        m.put("q3", TopicQrels.builder("q3").add("v05", 0).add("v08", 0).build());
        return new Qrels(m);
    }

    static Run run() {
        Map<String, TopicRun> m = new LinkedHashMap<>();
        m.put("q1", TopicRun.builder("q1").add("a01", 0.8123).add("n04", 0.7710).add("a02", 0.7710)
                .add("a07", 0.6502).add("i03", 0.6021).add("p09", 0.5988).build());
        m.put("q2", TopicRun.builder("q2").add("s14", 0.9012).add("s11", 0.8890).add("d21", 0.7004)
                .add("e30", 0.6551).build());
        m.put("q3", TopicRun.builder("q3").add("v05", 0.7).add("s12", 0.61).build());
        m.put("q4", TopicRun.builder("q4").add("u01", 0.5).build());
        return new Run("example", m);
    }
}
