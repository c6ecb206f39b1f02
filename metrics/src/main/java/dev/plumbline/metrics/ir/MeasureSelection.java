package dev.plumbline.metrics.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses trec_eval's {@code -m} arguments into bound measures, in trec_eval's fixed measure
 * order ({@code measures.c}), not command-line order.
 *
 * <ul>
 *   <li>{@code -m NAME} selects a measure or a nickname ({@code official}, {@code all_trec}, {@code set});</li>
 *   <li>{@code -m NAME.PARAMS} also gives parameters, e.g. {@code ndcg_cut.1,3,10}; only the first
 *       {@code -m} with parameters for a measure counts, as in trec_eval ({@code -m P.5 -m P.10}
 *       computes P_5 only);</li>
 *   <li>no {@code -m} at all means {@code official}.</li>
 * </ul>
 */
public final class MeasureSelection {
    private MeasureSelection() {
    }

    /**
     * @param args {@code -m} values in command-line order
     * @return bound measures in trec_eval order
     * @throws IrInputException for an unknown measure or bad parameters
     */
    public static List<BoundMeasure> parse(List<String> args) {
        List<String> effective = args.isEmpty() ? List.of("official") : args;
        Map<String, String> params = new HashMap<>();
        Set<String> marked = new LinkedHashSet<>();
        for (String arg : effective) {
            String name = arg;
            int dot = arg.indexOf('.');
            if (dot >= 0) {
                name = arg.substring(0, dot);
                String p = arg.substring(dot + 1);
                if (p.isEmpty()) {
                    throw new IrInputException("measure '" + arg + "' has an empty parameter list after the dot;"
                            + " write e.g. P.5,10 or drop the dot");
                }
                params.putIfAbsent(name, p);
            }
            List<String> group = IrMeasures.nickname(name);
            if (group != null) {
                marked.addAll(group);
            } else if (IrMeasures.find(name) != null) {
                marked.add(name);
            } else {
                String hint = MeasureSpellings.suggest(arg);
                if (hint == null && dot >= 0) {
                    String root = MeasureSpellings.suggest(name);
                    hint = root != null && IrMeasures.find(root) != null ? root + arg.substring(dot) : null;
                }
                if (hint != null) {
                    throw new IrInputException("unknown measure '" + arg + "'; use a trec_eval name: did you mean " + hint
                            + "? (every name: plumbline trec-eval --list-measures)");
                }
                throw new IrInputException("unknown measure '" + arg + "'; use a trec_eval name such as map, P.10,"
                        + " ndcg_cut.10, recall.1000, recip_rank, or a set: official, all_trec (see plumbline trec-eval --list-measures)");
            }
        }
        List<BoundMeasure> bound = new ArrayList<>();
        for (IrMeasure m : IrMeasures.all()) {
            if (marked.contains(m.name())) {
                try {
                    bound.add(m.bind(params.get(m.name())));
                } catch (IrInputException e) {
                    throw e;
                } catch (IllegalArgumentException e) {
                    throw new IrInputException("bad parameters for measure " + m.name() + ": " + e.getMessage());
                }
            }
        }
        return bound;
    }
}
