package dev.plumbline.metrics.ir;

import dev.plumbline.metrics.ir.measures.*;

import java.util.List;
import java.util.Map;

/**
 * The registry of IR measures, in trec_eval 10.0's order ({@code measures.c}): the order in
 * which values are computed and printed. Names are trec_eval's.
 */
public final class IrMeasures {
    private static final List<IrMeasure> ALL = List.of(
            new RunId(),
            new NumQ(),
            new NumRet(),
            new NumRel(),
            new NumRelRet(),
            new MeanAveragePrecision(),
            new GeometricMap(),
            new RPrecision(),
            new Bpref(),
            new ReciprocalRank(),
            new InterpolatedPrecisionAtRecall(),
            new Precision(),
            new RelString(),
            new Recall(),
            new InferredAp(),
            new GeometricBpref(),
            new RPrecisionMultiple(),
            new Utility(),
            new ElevenPointAverage(),
            new BinaryGain(),
            new Gain(),
            new Ndcg(),
            new NdcgRel(),
            new RNdcg(),
            new NdcgCut(),
            new MapCut(),
            new RelativePrecision(),
            new Success(),
            new SetPrecision(),
            new SetRelativePrecision(),
            new SetRecall(),
            new SetMap(),
            new SetF(),
            new NumNonrelJudgedRet(),
            new RankBiasedPrecision(),
            new RankBiasedPrecisionResidual(),
            new Unjudged());

    private static final List<String> OFFICIAL = List.of(
            "runid", "num_q", "num_ret", "num_rel", "num_rel_ret", "map", "gm_map",
            "Rprec", "bpref", "recip_rank", "iprec_at_recall", "P");

    private static final List<String> ALL_TREC = List.of(
            "runid", "num_q", "num_ret", "num_rel", "num_rel_ret", "map", "gm_map",
            "Rprec", "bpref", "recip_rank", "iprec_at_recall", "P", "relstring",
            "recall", "infAP", "gm_bpref", "utility", "11pt_avg", "ndcg", "relative_P",
            "Rprec_mult", "success", "map_cut", "ndcg_cut", "ndcg_rel", "Rndcg", "binG", "G",
            "set_P", "set_recall", "set_relative_P", "set_map", "set_F",
            "num_nonrel_judged_ret", "rbp", "rbp_resid", "unj");

    private static final List<String> SET = List.of(
            "runid", "num_q", "num_ret", "num_rel", "num_rel_ret", "utility", "set_P",
            "set_recall", "set_relative_P", "set_map", "set_F");

    private static final Map<String, List<String>> NICKNAMES = Map.of(
            "official", OFFICIAL, "all_trec", ALL_TREC, "set", SET);

    private IrMeasures() {
    }

    /** All measures in trec_eval order. */
    public static List<IrMeasure> all() {
        return ALL;
    }

    /** The measure with this trec_eval root name, or {@code null}. */
    public static IrMeasure find(String name) {
        for (IrMeasure m : ALL) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }

    /** The measures a nickname stands for ({@code official}, {@code all_trec}, {@code set}), or {@code null}. */
    public static List<String> nickname(String name) {
        return NICKNAMES.get(name);
    }

    /** Nickname names. */
    public static List<String> nicknames() {
        return List.of("official", "all_trec", "set");
    }
}
