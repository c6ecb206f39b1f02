package dev.plumbline.reports.results;

/** Which way a metric improves; reports colour changes and pick "worst" items by it. */
public enum Direction {
    /** larger is better (nDCG, recall, faithfulness) */
    HIGHER_IS_BETTER("higher"),
    /** smaller is better (latency, hallucination rate) */
    LOWER_IS_BETTER("lower"),
    /** neither (counts such as num_ret) */
    NEUTRAL("neutral");

    private final String json;

    Direction(String json) {
        this.json = json;
    }

    /** The name used in results.json. */
    public String json() {
        return json;
    }

    /** The direction for a results.json name. */
    public static Direction fromJson(String name) {
        for (Direction d : values()) {
            if (d.json.equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown direction '" + name + "'; expected higher, lower or neutral");
    }
}
