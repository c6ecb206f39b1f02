package dev.plumbline.harness.cli;

import dev.plumbline.datasets.trec.CNumbers;
import dev.plumbline.harness.UsageException;
import dev.plumbline.metrics.ir.EvalParams;

import java.util.ArrayList;
import java.util.List;

/**
 * trec_eval's command line, parsed as its {@code getopt} does so that commands copied from
 * papers and scripts work unchanged: clustered flags ({@code -qc}), attached values
 * ({@code -M100}, {@code -mP.5}) or separate ones ({@code -m P.5}), numbers read with
 * {@code atol}, {@code --} ending options.
 *
 * @param perTopic   {@code -q}
 * @param summary    not {@code -n}
 * @param params     {@code -c -J -l -M -N}
 * @param measures   {@code -m} values in order
 * @param help       {@code -h} / {@code --help}
 * @param listMeasures {@code --list-measures}
 * @param qrels      first positional
 * @param run        second positional
 */
public record TrecEvalArgs(boolean perTopic, boolean summary, EvalParams params, List<String> measures,
                           boolean help, boolean listMeasures, String qrels, String run) {

    /** The usage text printed by {@code plumbline trec-eval --help}. */
    public static final String USAGE = """
            Usage: plumbline trec-eval [-q] [-c] [-n] [-J] [-l LEVEL] [-M MAX] [-N DOCS] [-m MEASURE]... QRELS RUN

            Scores a TREC run against qrels with trec_eval 10.0 semantics; stdout is identical to trec_eval's.
              -q           also print a block per topic
              -c           score qrels topics missing from the run as 0 and average over all qrels topics
              -n           omit the summary ('all') block
              -J           evaluate only retrieved documents that are judged
              -l LEVEL     relevance at or above LEVEL counts as relevant (default 1)
              -M MAX       evaluate only the top MAX documents of each topic
              -N DOCS      number of documents in the collection
              -m MEASURE   measure or set: official (default), all_trec, set, or a name with
                           optional cutoffs/parameters, e.g. map, P.5,10, ndcg_cut.10, recall.1000
              --list-measures  list every measure with its description
            RUN may be - for standard input. Differences to trec_eval 10.0: without -c, qrels topics
            missing from the run are skipped (as in trec_eval 9) instead of aborting the evaluation;
            a NaN score is an error (trec_eval ranks it arbitrarily).
            """;

    /** Parses the arguments after {@code trec-eval}. */
    public static TrecEvalArgs parse(List<String> args) {
        boolean perTopic = false;
        boolean summary = true;
        boolean help = false;
        boolean list = false;
        EvalParams params = EvalParams.DEFAULTS;
        List<String> measures = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.equals("--help")) {
                help = true;
                continue;
            }
            if (a.equals("--list-measures")) {
                list = true;
                continue;
            }
            if (a.startsWith("--") || !a.startsWith("-") || a.equals("-")) {
                if (a.startsWith("--")) {
                    throw new UsageException("unknown option " + a + " for trec-eval (see plumbline trec-eval --help)");
                }
                positional.add(a);
                continue;
            }
            for (int c = 1; c < a.length(); c++) {
                char opt = a.charAt(c);
                switch (opt) {
                    case 'q' -> perTopic = true;
                    case 'c' -> params = params.withAverageComplete(true);
                    case 'J' -> params = params.withJudgedDocsOnly(true);
                    case 'n' -> summary = false;
                    case 'h' -> help = true;
                    case 'm', 'l', 'M', 'N' -> {
                        String value;
                        if (c + 1 < a.length()) {
                            value = a.substring(c + 1);
                        } else if (i + 1 < args.size()) {
                            value = args.get(++i);
                        } else {
                            throw new UsageException("option -" + opt + " needs a value (see plumbline trec-eval --help)");
                        }
                        c = a.length();
                        switch (opt) {
                            case 'm' -> measures.add(value);
                            case 'l' -> params = params.withRelevanceLevel(CNumbers.atol(value));
                            case 'M' -> {
                                long max = CNumbers.atol(value);
                                if (max < 0) {
                                    throw new UsageException("-M must be >= 0, got " + value);
                                }
                                params = params.withMaxDocsPerTopic(max);
                            }
                            default -> params = params.withNumDocsInCollection(CNumbers.atol(value));
                        }
                    }
                    default -> throw new UsageException("unknown option -" + opt
                            + " for trec-eval (see plumbline trec-eval --help)");
                }
            }
        }
        if (help || list) {
            return new TrecEvalArgs(perTopic, summary, params, measures, help, list, null, null);
        }
        if (positional.size() != 2) {
            throw new UsageException("trec-eval needs exactly two files, QRELS and RUN; got " + positional.size()
                    + " (see plumbline trec-eval --help)");
        }
        return new TrecEvalArgs(perTopic, summary, params, List.copyOf(measures), false, false,
                positional.get(0), positional.get(1));
    }
}
