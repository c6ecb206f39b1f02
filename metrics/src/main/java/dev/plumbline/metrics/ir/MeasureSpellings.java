package dev.plumbline.metrics.ir;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one spelling of every IR measure is trec_eval's ({@code ndcg_cut.10}, {@code recall.100},
 * {@code recip_rank}); this maps the spellings people bring from papers and other tools
 * ({@code nDCG@10}, {@code R@100}, {@code MRR}, {@code P@5}, {@code MAP@100}) and trec_eval's own
 * printed form ({@code ndcg_cut_10}) to it, for a did-you-mean in error messages. Nothing is
 * accepted under another spelling: a suggestion is only advice.
 */
public final class MeasureSpellings {
    /** {@code name@k}, {@code name_k}, {@code name-k} or {@code namek}, case-insensitive. */
    private static final Pattern AT_CUTOFF = Pattern.compile("([a-z][a-z_-]*?)[@_-]?(\\d+)");

    /** Common names, lower case, to trec_eval's root names; a cutoff picks the cut measure. */
    private static final Map<String, String[]> ALIASES = Map.ofEntries(
            // name: {without cutoff, with cutoff}
            Map.entry("ndcg", new String[] {"ndcg", "ndcg_cut"}),
            Map.entry("ndcg_cut", new String[] {"ndcg", "ndcg_cut"}),
            Map.entry("recall", new String[] {"recall", "recall"}),
            Map.entry("r", new String[] {"recall", "recall"}),
            Map.entry("rec", new String[] {"recall", "recall"}),
            Map.entry("p", new String[] {"P", "P"}),
            Map.entry("prec", new String[] {"P", "P"}),
            Map.entry("precision", new String[] {"P", "P"}),
            Map.entry("map", new String[] {"map", "map_cut"}),
            Map.entry("map_cut", new String[] {"map", "map_cut"}),
            Map.entry("mrr", new String[] {"recip_rank", "recip_rank"}),
            Map.entry("rr", new String[] {"recip_rank", "recip_rank"}),
            Map.entry("recip_rank", new String[] {"recip_rank", "recip_rank"}),
            Map.entry("reciprocal_rank", new String[] {"recip_rank", "recip_rank"}),
            Map.entry("success", new String[] {"success", "success"}),
            Map.entry("hit", new String[] {"success", "success"}),
            Map.entry("hits", new String[] {"success", "success"}),
            Map.entry("hit_rate", new String[] {"success", "success"}),
            Map.entry("rprec", new String[] {"Rprec", "Rprec"}),
            Map.entry("r-prec", new String[] {"Rprec", "Rprec"}),
            Map.entry("r_prec", new String[] {"Rprec", "Rprec"}),
            Map.entry("r-precision", new String[] {"Rprec", "Rprec"}),
            Map.entry("bpref", new String[] {"bpref", "bpref"}));

    private MeasureSpellings() {
    }

    /**
     * trec_eval's spelling of {@code spelling} when it is a common other spelling of a measure
     * (with a remark where the meaning differs, e.g. {@code MRR@10}), or {@code null} when it is
     * not one or is already trec_eval's.
     */
    public static String suggest(String spelling) {
        String s = spelling.strip();
        if (s.isEmpty() || IrMeasures.find(s) != null || IrMeasures.nickname(s) != null) {
            return null;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        // trec_eval's printed form: ndcg_cut_10 -> ndcg_cut.10, P_5 -> P.5, recall_100 -> recall.100.
        for (IrMeasure m : IrMeasures.all()) {
            String prefix = m.name() + "_";
            if (s.length() > prefix.length() && s.startsWith(prefix) && Character.isDigit(s.charAt(prefix.length()))) {
                return m.name() + "." + s.substring(prefix.length());
            }
        }
        String[] alias = ALIASES.get(lower);
        if (alias != null) {
            return alias[0];
        }
        Matcher at = AT_CUTOFF.matcher(lower);
        if (at.matches()) {
            String[] a = ALIASES.get(at.group(1));
            String k = at.group(2);
            if (a != null) {
                if (a[1].equals("recip_rank")) {
                    return "recip_rank (trec_eval's MRR has no cutoff; -M " + k + " cuts every ranking at " + k + ")";
                }
                if (a[1].equals("Rprec") || a[1].equals("bpref")) {
                    return a[1];
                }
                return a[1] + "." + k;
            }
        }
        // A measure name in the wrong case: NDCG -> ndcg, rprec -> Rprec.
        for (IrMeasure m : IrMeasures.all()) {
            if (m.name().equalsIgnoreCase(s)) {
                return m.name();
            }
        }
        return null;
    }
}
