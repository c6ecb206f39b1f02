package dev.plumbline.metrics.ir.measures;

import dev.plumbline.datasets.trec.CNumbers;

import java.util.ArrayList;
import java.util.List;

/**
 * A one-value measure with {@code name=value} parameters: gain overrides for the nDCG family
 * ({@code -m ndcg.1=3,2=9}) and {@code p} for rbp ({@code -m rbp.p=0.95}). Parameters parse like
 * trec_eval's {@code get_param_pairs}: comma separated {@code name=value} items, the value read
 * with {@code atof}; every item needs exactly one {@code =}. With parameters the value prints as
 * the name, an underscore and the parameter text exactly as typed ({@code ndcg_1=3,2=9});
 * without, there are no pairs.
 */
abstract class PairParamMeasure extends MeasureFamily<List<PairParamMeasure.Pair>> {
    /** One {@code name=value} parameter. */
    record Pair(String name, double value) {
    }

    PairParamMeasure(String name, String description) {
        super(name, description, List::of, PairParamMeasure::parsePairs);
    }

    /** {@code get_param_pairs}: alternating {@code =} and {@code ,}, starting and ending with {@code =}. */
    static List<Pair> parsePairs(String params) {
        char lastSeen = ',';
        boolean malformed = false;
        for (int i = 0; i < params.length(); i++) {
            char c = params.charAt(i);
            if (c == ',' || c == '=') {
                if (c == lastSeen) {
                    malformed = true;
                    break;
                }
                lastSeen = c;
            }
        }
        if (malformed || lastSeen != '=') {
            throw new IllegalArgumentException("malformed pair parameters in '" + params
                    + "'; write name=value items separated by commas, e.g. 1=3,2=9 or p=0.95");
        }
        List<Pair> pairs = new ArrayList<>();
        for (String item : params.split(",", -1)) {
            int eq = item.indexOf('=');
            pairs.add(new Pair(item.substring(0, eq), CNumbers.atof(item.substring(eq + 1))));
        }
        return List.copyOf(pairs);
    }
}
