package dev.plumbline.datasets.demo;

import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.Query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The long documents of {@code builtin:demo}: almanac volumes of {@value #SENTENCES} sentences
 * (about 700 tokens, well past minilm-l6's 256) of generic district news, each with one unique fact
 * at a known place in its second half, and one query per volume asking for that fact. Read whole,
 * a truncating encoder never sees the fact; chunked, the chunk that holds it can be found — so
 * chunking matters in the demo. Each query's metadata carries the reference answer and the answer
 * span (document id and character offsets into the document's full text, title included).
 *
 * <p>Generated from a {@link Random} of its own, after the rest of the demo, so the passages,
 * queries and samples of the rest are the same as before the long documents existed.
 */
final class LongDocuments {
    /** Long documents (and queries) generated. */
    static final int COUNT = 30;
    /** Sentences per volume. */
    static final int SENTENCES = 44;
    /** The answer sentence sits at a sentence index from here to {@link #SENTENCES} − 4. */
    static final int FIRST_ANSWER_SENTENCE = 26;

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] SEASONS = {"spring", "summer", "autumn", "winter"};
    private static final String[] PLACES = {"the market square", "the harbour", "the upper valley", "the river meadows",
        "the old quarter", "the coastal villages", "the forest farms", "the lake shore", "the grain stores",
        "the hill pastures"};
    private static final String[] WEATHER = {"mild", "wet", "unusually dry", "cold", "windy", "foggy", "warm", "stormy"};
    private static final String[] TRADES = {"weavers", "fishermen", "carpenters", "millers", "shepherds", "potters",
        "bakers", "ferrymen", "coopers", "smiths"};
    private static final String[] GOODS = {"wool", "barley", "timber", "salted fish", "cheese", "flax", "honey",
        "slate", "apples", "hides"};
    private static final String[] FILLER = {
        "In %M the weather around %P was %W, and the %T reported a quiet month.",
        "The %T of %P asked the district council for a new road to the coast.",
        "Prices of %G rose slightly during the %S, as they do most years.",
        "A travelling fair stopped near %P for nine days in %M.",
        "The district school added a reading room that the %T helped to build.",
        "Heavy rain in %M flooded the lanes near %P for a short time.",
        "Trade in %G with the neighbouring provinces continued as before.",
        "The %T held their yearly meeting at %P and elected a new speaker.",
        "Several families from %P moved to the towns in search of work during the %S.",
        "The council repaired the footbridge near %P after complaints from the %T.",
        "The %S harvest of %G was described as ordinary by most farmers.",
        "Visitors from the capital came to see %P in %M, and the inns were full.",
    };
    private static final String[] SYLLABLES = {"har", "vel", "dor", "mun", "sel", "tor", "bri", "kal", "ost", "ven",
        "rud", "lim", "gar", "fen", "mor", "tas", "quil", "bex", "zan", "ruk"};

    /** What the long documents add to the demo. */
    record Added(List<Doc> docs, List<Query> queries, List<DemoGenerator.Judgment> judgments) {
    }

    private LongDocuments() {
    }

    /**
     * @param seed      the demo's seed (this uses a generator of its own derived from it)
     * @param usedNames the rest of the demo's names, never reused
     * @param firstQuery number of the first query id ({@code q161})
     */
    static Added generate(long seed, Set<String> usedNames, int firstQuery) {
        Random rnd = new Random(seed ^ 0x4c6f6e67446f6373L);
        Set<String> names = new LinkedHashSet<>(usedNames);
        List<Doc> docs = new ArrayList<>();
        List<Query> queries = new ArrayList<>();
        List<DemoGenerator.Judgment> judgments = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String id = String.format(Locale.ROOT, "vol%02d", i + 1);
            String qid = String.format(Locale.ROOT, "q%03d", firstQuery + i);
            String name;
            do {
                name = capital(SYLLABLES[rnd.nextInt(SYLLABLES.length)] + SYLLABLES[rnd.nextInt(SYLLABLES.length)]
                        + SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
            } while (!names.add(name));
            int year = 1850 + rnd.nextInt(120);
            int n = 20 + rnd.nextInt(900);
            String[] fact = fact(rnd.nextInt(5), name, n, year, rnd);
            int at = FIRST_ANSWER_SENTENCE + rnd.nextInt(SENTENCES - 4 - FIRST_ANSWER_SENTENCE);
            StringBuilder text = new StringBuilder();
            int answerStart = -1;
            for (int s = 0; s < SENTENCES; s++) {
                if (s > 0) {
                    text.append(' ');
                }
                if (s == at) {
                    answerStart = text.length();
                    text.append(fact[0]);
                } else {
                    text.append(filler(rnd));
                }
            }
            String title = "Almanac of the northern districts, volume " + (i + 1);
            Doc doc = new Doc(id, title, text.toString());
            // Offsets into the full text (title, a space, text): what retrievers and chunkers read.
            int start = title.length() + 1 + answerStart;
            int end = start + fact[0].length();
            docs.add(doc);
            String metadata = "{\"answer\":" + json(fact[2]) + ",\"answer_spans\":[{\"doc\":" + json(id)
                    + ",\"start\":" + start + ",\"end\":" + end + "}]}";
            queries.add(new Query(qid, fact[1], metadata));
            judgments.add(new DemoGenerator.Judgment(qid, id, 2));
        }
        return new Added(docs, queries, judgments);
    }

    /** {sentence in the document, question, reference answer}. */
    private static String[] fact(int kind, String name, int n, int year, Random rnd) {
        return switch (kind) {
            case 0 -> new String[] {
                "The keeper's log of the " + name + " lighthouse records a storm tide of " + n + " centimetres in " + year + ".",
                "What storm tide does the keeper's log of the " + name + " lighthouse record?",
                "The keeper's log of the " + name + " lighthouse records a storm tide of " + n + " centimetres."};
            case 1 -> new String[] {
                "The parish register of " + name + " chapel lists " + n + " baptisms for the year " + year + ".",
                "How many baptisms does the parish register of " + name + " chapel list?",
                "The parish register of " + name + " chapel lists " + n + " baptisms."};
            case 2 -> new String[] {
                "The ferry " + name + " carried " + n + " passengers on its first crossing in " + year + ".",
                "How many passengers did the ferry " + name + " carry on its first crossing?",
                "The ferry " + name + " carried " + n + " passengers on its first crossing."};
            case 3 -> new String[] {
                "The mill at " + name + " weir ground " + n + " sacks of rye in the dry summer of " + year + ".",
                "How many sacks of rye did the mill at " + name + " weir grind in the dry summer?",
                "The mill at " + name + " weir ground " + n + " sacks of rye in the dry summer of " + year + "."};
            default -> {
                String date = MONTHS[rnd.nextInt(12)] + " " + (1 + rnd.nextInt(28)) + ", " + year;
                yield new String[] {
                    "The observatory on " + name + " hill first recorded the comet on " + date + ".",
                    "When did the observatory on " + name + " hill first record the comet?",
                    "The observatory on " + name + " hill first recorded the comet on " + date + "."};
            }
        };
    }

    private static String filler(Random rnd) {
        String t = FILLER[rnd.nextInt(FILLER.length)];
        return t.replace("%M", MONTHS[rnd.nextInt(MONTHS.length)]).replace("%P", PLACES[rnd.nextInt(PLACES.length)])
                .replace("%W", WEATHER[rnd.nextInt(WEATHER.length)]).replace("%T", TRADES[rnd.nextInt(TRADES.length)])
                .replace("%G", GOODS[rnd.nextInt(GOODS.length)]).replace("%S", SEASONS[rnd.nextInt(SEASONS.length)]);
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String json(String s) {
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(s).toString();
    }
}
