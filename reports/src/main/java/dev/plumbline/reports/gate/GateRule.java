package dev.plumbline.reports.gate;

/**
 * One rule of a rules file, e.g. {@code ndcg_cut.10: max_drop 0.01}.
 *
 * @param subject     what it bounds, as written: a metric ({@code ndcg_cut.10}, {@code faithfulness}),
 *                    a metric statistic ({@code latency.p99}) or {@code failed_items}
 * @param constraint  the kind of bound
 * @param limit       the bound; a fraction of the baseline when {@code relative} (10% is 0.10)
 * @param relative    whether the limit was written with {@code %}
 * @param significant fail only when the change is statistically significant
 * @param alpha       significance level for {@code significant}
 * @param line        1-based line in the rules file
 * @param limitText   the limit as written ({@code 0.01}, {@code 10%}), for messages
 */
public record GateRule(String subject, Constraint constraint, double limit, boolean relative, boolean significant,
                       double alpha, int line, String limitText) {
    /** The subject that counts items with any failed or undefined value. */
    public static final String FAILED_ITEMS = "failed_items";

    /** The rule as it would be written: {@code latency.p99: max_increase 10%}, plus {@code (significant)}. */
    public String text() {
        return subject + ": " + constraint.keyword() + " " + limitText + (significant ? " (significant)" : "");
    }
}
