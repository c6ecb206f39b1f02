package dev.plumbline.datasets.demo;

import dev.plumbline.datasets.Doc;
import dev.plumbline.datasets.Label;
import dev.plumbline.datasets.Query;
import dev.plumbline.datasets.RagSample;
import dev.plumbline.datasets.Span;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Writes {@code builtin:demo}: a small, fully generated retrieval and RAG benchmark about a
 * fictional region — people, towns, rivers, organizations and structures with dates, places,
 * quantities and relations — so Plumbline's main job runs offline on a fresh machine.
 *
 * <ul>
 *   <li><b>Corpus</b>: encyclopedia-style passages (several per entity, titled with the entity's
 *       name, so the title never tells passages apart) plus chronicle passages that mention
 *       entities and years without answering anything. Relatives share surnames, organizations
 *       and prizes are named after people and towns, and every fact is written with the same few
 *       phrasings for every entity, so lexical and dense retrieval both meet near misses.</li>
 *   <li><b>Queries</b> ask for one fact each, in words that often differ from the passage's.
 *       Graded qrels: 2 for every passage that states the fact, 1 for the subject's other passages.</li>
 *   <li><b>RAG samples</b>, one per query: the question, three retrieved contexts (the passage with
 *       the fact and two near misses, in shuffled order), the reference answer and its passage,
 *       and a response that is faithful or hallucinated in one controlled way (see
 *       {@link HallucinationTypes}), with the hallucinated span marked.</li>
 *   <li><b>Long documents</b> ({@link LongDocuments}): almanac volumes longer than the models'
 *       token limit, each holding one fact far past it, and a query for each; every query's
 *       metadata carries its reference answer and answer span, so chunking and span recall can be
 *       measured on the demo.</li>
 * </ul>
 *
 * <p>Determinism: everything derives from one {@link Random} (whose algorithm the JDK specifies)
 * consumed in a fixed order over lists, never over hash-ordered collections; numbers are formatted
 * without locale. The same seed gives the same bytes on every JVM.
 */
public final class DemoGenerator {
    /** The seed of {@code builtin:demo}. */
    public static final long DEFAULT_SEED = 20_250_601L;

    /** Query count; half the samples are faithful, the rest split evenly over the five types. */
    static final int QUERIES = 160;

    /**
     * One relevance judgment.
     *
     * @param queryId   the query
     * @param docId     the passage
     * @param relevance 2 states the answer, 1 is about the same subject
     */
    public record Judgment(String queryId, String docId, int relevance) {
    }

    /**
     * The generated dataset.
     *
     * @param docs      passages
     * @param queries   questions
     * @param judgments graded qrels
     * @param samples   RAG samples, one per query
     */
    public record Demo(List<Doc> docs, List<Query> queries, List<Judgment> judgments, List<RagSample> samples) {
    }

    private enum Kind { PERSON, TOWN, ORG, STRUCTURE, RIVER, REGION, AWARD }

    private enum Value { DATE, NUMBER, ENTITY, TEXT }

    private static final class Entity {
        final Kind kind;
        final String name;
        String shortRef;
        boolean female;
        String noun = "";
        String surname = "";
        String field = "";
        String fieldPerson = "";
        String product = "";
        boolean tall;
        boolean article = true;
        /** A town's or river's region; a structure's town. */
        Entity region;
        final List<Passage> passages = new ArrayList<>();

        Entity(Kind kind, String name) {
            this.kind = kind;
            this.name = name;
            this.shortRef = name;
        }

        String the() {
            return article && (kind == Kind.ORG || kind == Kind.STRUCTURE || kind == Kind.RIVER) ? "the " + name : name;
        }

        String The() {
            String s = the();
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }

        String pron() {
            return female ? "she" : "he";
        }

        String poss() {
            return female ? "her" : "his";
        }
    }

    private static final class Fact {
        final Entity subject;
        final String attr;
        final Value value;
        final String text;
        final Entity target;
        final long number;
        final Entity extra;
        final List<Passage> passages = new ArrayList<>();

        Fact(Entity subject, String attr, Value value, String text, Entity target, long number, Entity extra) {
            this.subject = subject;
            this.attr = attr;
            this.value = value;
            this.text = text;
            this.target = target;
            this.number = number;
            this.extra = extra;
        }
    }

    private static final class Passage {
        final Entity subject;
        final List<String> sentences = new ArrayList<>();
        final List<Fact> facts = new ArrayList<>();
        String id;

        Passage(Entity subject) {
            this.subject = subject;
        }

        String text() {
            return String.join(" ", sentences);
        }
    }

    private static final String[][] GIVEN = {
        {"Ilsa", "f"}, {"Tomas", "m"}, {"Maren", "f"}, {"Oskar", "m"}, {"Liesel", "f"}, {"Anton", "m"},
        {"Petra", "f"}, {"Jonah", "m"}, {"Vera", "f"}, {"Emil", "m"}, {"Greta", "f"}, {"Rafael", "m"},
        {"Sena", "f"}, {"Kaspar", "m"}, {"Ingrid", "f"}, {"Lucian", "m"}, {"Noor", "f"}, {"Teodor", "m"},
        {"Alba", "f"}, {"Henrik", "m"}, {"Mira", "f"}, {"Casimir", "m"}, {"Edda", "f"}, {"Felix", "m"},
        {"Ines", "f"}, {"Bruno", "m"}, {"Selma", "f"}, {"Viktor", "m"}, {"Ada", "f"}, {"Matthias", "m"},
        {"Clara", "f"}, {"Arvid", "m"}, {"Hedda", "f"}, {"Leon", "m"}};
    private static final String[] SYL_A = {"Var", "Dun", "Kes", "Mor", "Hal", "Bren", "Ost", "Tal", "Wen", "Ard", "Fen",
        "Gal", "Lun", "Rav", "Sil", "Thal", "Yar", "Cor", "Eld", "Brom", "Hask", "Lind", "Nor", "Pell"};
    private static final String[] SURNAME_B = {"holt", "ward", "stad", "ric", "ton", "vik", "berg", "lund", "ley",
        "wick", "dahl", "mann", "sen", "by"};
    private static final String[] TOWN_B = {"mere", "haven", "bridge", "stead", "port", "fell", "moor", "bury", "cliff",
        "thorpe", "ford", "well"};
    private static final String[] RIVER_B = {"a", "en", "is", "ow", "ra", "ey"};
    private static final String[] REGION_B = {"ia", "mark", "land", "aria"};
    private static final String[][] FIELDS = {
        {"hydrology", "hydrologist"}, {"botany", "botanist"}, {"astronomy", "astronomer"},
        {"metallurgy", "metallurgist"}, {"cartography", "cartographer"}, {"linguistics", "linguist"},
        {"glass chemistry", "glass chemist"}, {"bridge engineering", "bridge engineer"},
        {"seismology", "seismologist"}, {"ornithology", "ornithologist"}, {"mycology", "mycologist"},
        {"textile design", "textile designer"}};
    private static final String[][] COMPANIES = {
        {"Glassworks", "optical glass", "the"}, {"Shipyard", "river barges", "the"},
        {"Instruments", "weather instruments", ""}, {"Press", "printing presses", "the"},
        {"Tileworks", "ceramic tiles", "the"}, {"Ropeworks", "rope and sailcloth", "the"},
        {"Clockworks", "clock movements", "the"}, {"Paper Mill", "paper", "the"}, {"Cycle Works", "bicycles", "the"},
        {"Optics", "telescopes", ""}, {"Pumpworks", "water pumps", "the"}, {"Foundry", "bells and cast iron", "the"}};
    private static final String[][] STRUCTURES = {
        {"Bridge", "bridge", "long"}, {"Lighthouse", "lighthouse", "tall"}, {"Tower", "tower", "tall"},
        {"Observatory", "observatory", "tall"}, {"Viaduct", "viaduct", "long"}, {"Water Tower", "water tower", "tall"},
        {"Footbridge", "footbridge", "long"}};

    private final Random rnd;
    private final List<Entity> regions = new ArrayList<>();
    private final List<Entity> rivers = new ArrayList<>();
    private final List<Entity> towns = new ArrayList<>();
    private final List<Entity> people = new ArrayList<>();
    private final List<Entity> orgs = new ArrayList<>();
    private final List<Entity> structures = new ArrayList<>();
    private final List<Entity> awards = new ArrayList<>();
    private final List<Fact> facts = new ArrayList<>();
    private final List<Passage> passages = new ArrayList<>();
    private final Map<Entity, Map<String, Fact>> factsOf = new LinkedHashMap<>();
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final long seed;

    private DemoGenerator(long seed) {
        this.seed = seed;
        this.rnd = new Random(seed);
    }

    /** Generates the dataset for a seed; the same seed gives the same dataset. */
    public static Demo generate(long seed) {
        return new DemoGenerator(seed).run();
    }

    private Demo run() {
        world();
        writePassages();
        List<Passage> shuffled = new ArrayList<>(passages);
        Collections.shuffle(shuffled, rnd);
        List<Doc> docs = new ArrayList<>();
        for (int i = 0; i < shuffled.size(); i++) {
            Passage p = shuffled.get(i);
            p.id = String.format(Locale.ROOT, "p%03d", i + 1);
            docs.add(new Doc(p.id, p.subject.name, p.text()));
        }
        List<Fact> chosen = chooseQueries();
        List<Query> queries = new ArrayList<>();
        List<Judgment> judgments = new ArrayList<>();
        List<RagSample> samples = new ArrayList<>();
        List<String> types = assignTypes(chosen);
        for (int i = 0; i < chosen.size(); i++) {
            Fact f = chosen.get(i);
            String qid = String.format(Locale.ROOT, "q%03d", i + 1);
            String question = question(f);
            queries.add(new Query(qid, question));
            List<Passage> gold = new ArrayList<>(f.passages);
            gold.sort((a, b) -> a.id.compareTo(b.id));
            for (Passage p : gold) {
                judgments.add(new Judgment(qid, p.id, 2));
            }
            List<Passage> related = new ArrayList<>();
            for (Passage p : f.subject.passages) {
                if (!f.passages.contains(p)) {
                    related.add(p);
                }
            }
            related.sort((a, b) -> a.id.compareTo(b.id));
            for (Passage p : related) {
                judgments.add(new Judgment(qid, p.id, 1));
            }
            samples.add(sample(String.format(Locale.ROOT, "s%03d", i + 1), qid, question, f, types.get(i)));
            queries.set(queries.size() - 1, new Query(qid, question, answerMetadata(samples.getLast().reference(), f)));
        }
        LongDocuments.Added longDocs = LongDocuments.generate(seed, usedNames, chosen.size() + 1);
        docs.addAll(longDocs.docs());
        queries.addAll(longDocs.queries());
        judgments.addAll(longDocs.judgments());
        return new Demo(docs, queries, judgments, samples);
    }

    /**
     * A query's metadata: the reference answer and, where the answer's value appears in the
     * passage that states it, that span (offsets into the document's full text: title, a space, text).
     */
    private static String answerMetadata(String reference, Fact f) {
        Passage gold = f.passages.get(0);
        int at = gold.text().indexOf(f.text);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("answer", reference);
        if (at >= 0) {
            int start = gold.subject.name.length() + 1 + at;
            json.putArray("answer_spans").addObject().put("doc", gold.id).put("start", start)
                    .put("end", start + f.text.length());
        }
        return json.toString();
    }

    // ------------------------------------------------------------------ world

    private String uniqueName(java.util.function.Supplier<String> make) {
        for (int i = 0; i < 1000; i++) {
            String n = make.get();
            if (usedNames.add(n)) {
                return n;
            }
        }
        throw new IllegalStateException("name space exhausted");
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private <T> T pick(T[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private int between(int lo, int hi) {
        return lo + rnd.nextInt(hi - lo + 1);
    }

    private void world() {
        for (int i = 0; i < 4; i++) {
            regions.add(new Entity(Kind.REGION, uniqueName(() -> pick(SYL_A) + pick(REGION_B))));
        }
        for (int i = 0; i < 6; i++) {
            Entity r = new Entity(Kind.RIVER, uniqueName(() -> pick(SYL_A) + pick(RIVER_B)));
            r.region = pick(regions);
            rivers.add(r);
        }
        for (int i = 0; i < 16; i++) {
            Entity t = new Entity(Kind.TOWN, uniqueName(() -> pick(SYL_A) + pick(TOWN_B)));
            t.region = pick(regions);
            t.shortRef = t.name;
            towns.add(t);
        }
        // People: 12 surname pairs (relatives are the hardest distractors) and 8 singles.
        List<String> surnames = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            surnames.add(uniqueName(() -> pick(SYL_A) + pick(SURNAME_B)));
        }
        List<String[]> given = new ArrayList<>(List.of(GIVEN));
        Collections.shuffle(given, rnd);
        int g = 0;
        for (int i = 0; i < 20; i++) {
            int members = i < 12 ? 2 : 1;
            for (int k = 0; k < members; k++) {
                String[] gv = given.get(g++);
                Entity p = new Entity(Kind.PERSON, gv[0] + " " + surnames.get(i));
                p.surname = surnames.get(i);
                p.female = gv[1].equals("f");
                p.shortRef = p.surname;
                String[] field = pick(FIELDS);
                p.field = field[0];
                p.fieldPerson = field[1];
                people.add(p);
            }
        }
        // Relatives with one surname: refer to them by given name to keep passages unambiguous.
        for (Entity p : people) {
            long same = people.stream().filter(o -> o.surname.equals(p.surname)).count();
            if (same > 1) {
                p.shortRef = p.name.substring(0, p.name.indexOf(' '));
            }
        }
        for (int i = 0; i < 5; i++) {
            boolean medal = i % 2 == 0;
            awards.add(new Entity(Kind.AWARD, uniqueName(() -> medal ? pick(towns).name + " Medal"
                    : pick(people).surname + " Prize")));
        }
        for (int i = 0; i < 16; i++) {
            Entity o;
            if (i % 2 == 0) {
                String[] f = FIELDS[rnd.nextInt(FIELDS.length)];
                o = new Entity(Kind.ORG, uniqueName(() -> pick(people).surname + " Institute"));
                o.noun = "institute";
                o.field = f[0];
                o.product = "research on " + f[0];
            } else {
                String[] c = pick(COMPANIES);
                Entity town = pick(towns);
                o = new Entity(Kind.ORG, uniqueName(() -> (rnd.nextBoolean() ? town.name : pick(surnames)) + " " + c[0]));
                o.noun = "company";
                o.product = c[1];
                o.article = !c[2].isEmpty();
            }
            o.shortRef = "The " + o.noun;
            orgs.add(o);
        }
        for (int i = 0; i < 14; i++) {
            String[] s = pick(STRUCTURES);
            Entity town = pick(towns);
            Entity st = new Entity(Kind.STRUCTURE, uniqueName(() -> (rnd.nextInt(3) == 0 ? pick(people).surname
                    : town.name) + " " + s[0]));
            st.noun = s[1];
            st.tall = s[2].equals("tall");
            st.shortRef = "The " + s[1];
            st.region = town;
            structures.add(st);
        }

        for (Entity p : people) {
            int born = between(1820, 1935);
            fact(p, "born", Value.DATE, Integer.toString(born), null, born, null);
            fact(p, "birthplace", Value.ENTITY, null, pick(towns), 0, null);
            fact(p, "field", Value.TEXT, p.field, null, 0, null);
        }
        for (Entity p : people) {
            int born = year(p, "born");
            List<Entity> older = new ArrayList<>();
            for (Entity o : people) {
                int ob = year(o, "born");
                if (o != p && ob <= born - 12 && ob >= born - 45 && !o.surname.equals(p.surname)) {
                    older.add(o);
                }
            }
            if (!older.isEmpty()) {
                fact(p, "mentor", Value.ENTITY, null, pick(older), 0, null);
            }
            if (rnd.nextInt(3) > 0) {
                int y = Math.min(born + between(30, 60), 1995);
                fact(p, "award", Value.DATE, Integer.toString(y), null, y, pick(awards));
            }
        }
        for (Entity t : towns) {
            int y = between(1150, 1820);
            fact(t, "founded", Value.DATE, Integer.toString(y), null, y, null);
            long pop = roundTo(between(900, 240_000), 100);
            fact(t, "population", Value.NUMBER, grouped(pop), null, pop, null);
            fact(t, "region", Value.ENTITY, null, t.region, 0, null);
        }
        for (Entity r : rivers) {
            long km = between(40, 620);
            fact(r, "length", Value.NUMBER, Long.toString(km), null, km, null);
            fact(r, "source", Value.ENTITY, null, r.region, 0, null);
        }
        List<Entity> riverless = new ArrayList<>(towns);
        Collections.shuffle(riverless, rnd);
        for (int i = 0; i < 12; i++) {
            fact(riverless.get(i), "river", Value.ENTITY, null, rivers.get(i % rivers.size()), 0, null);
        }
        List<Entity> twins = new ArrayList<>(towns);
        Collections.shuffle(twins, rnd);
        for (int i = 0; i + 1 < 12; i += 2) {
            fact(twins.get(i), "twin", Value.ENTITY, null, twins.get(i + 1), 0, null);
            fact(twins.get(i + 1), "twin", Value.ENTITY, null, twins.get(i), 0, null);
        }
        for (Entity o : orgs) {
            Entity founder = null;
            if (o.noun.equals("institute")) {
                String sur = o.name.substring(0, o.name.indexOf(' '));
                List<Entity> family = people.stream().filter(p -> p.surname.equals(sur)).toList();
                // Usually a family member founded it; sometimes someone else named it after them.
                founder = rnd.nextInt(4) > 0 ? pick(family) : pick(people);
            } else {
                founder = pick(people);
            }
            int y = Math.min(year(founder, "born") + between(24, 50), 1990);
            fact(o, "founded", Value.DATE, Integer.toString(y), null, y, null);
            fact(o, "founder", Value.ENTITY, null, founder, 0, null);
            fact(o, "headquarters", Value.ENTITY, null, pick(towns), 0, null);
            long staff = o.noun.equals("institute") ? between(12, 480) : roundTo(between(40, 6400), 10);
            fact(o, "employees", Value.NUMBER, grouped(staff), null, staff, null);
            fact(o, "focus", Value.TEXT, o.product, null, 0, null);
        }
        for (Entity s : structures) {
            Entity architect = pick(people);
            int y = Math.min(year(architect, "born") + between(28, 60), 1995);
            fact(s, "built", Value.DATE, Integer.toString(y), null, y, null);
            fact(s, "architect", Value.ENTITY, null, architect, 0, null);
            fact(s, "location", Value.ENTITY, null, s.region, 0, null);
            long size = s.tall ? between(14, 96) : between(40, 880);
            fact(s, "size", Value.NUMBER, Long.toString(size), null, size, null);
        }
    }

    private void fact(Entity e, String attr, Value v, String text, Entity target, long number, Entity extra) {
        Fact f = new Fact(e, attr, v, text != null ? text : target.the(), target, number, extra);
        facts.add(f);
        factsOf.computeIfAbsent(e, k -> new LinkedHashMap<>()).put(attr, f);
    }

    private Fact get(Entity e, String attr) {
        Map<String, Fact> m = factsOf.get(e);
        return m == null ? null : m.get(attr);
    }

    private int year(Entity e, String attr) {
        return (int) get(e, attr).number;
    }

    private static long roundTo(long v, long step) {
        return Math.max(step, Math.round((double) v / step) * step);
    }

    /** {@code 12400} as {@code 12,400}, independent of locale. */
    static String grouped(long v) {
        String s = Long.toString(v);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && (s.length() - i) % 3 == 0) {
                b.append(',');
            }
            b.append(s.charAt(i));
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ passages

    private Passage passage(Entity subject) {
        Passage p = new Passage(subject);
        passages.add(p);
        subject.passages.add(p);
        return p;
    }

    /** Writes one fact into a passage; {@code ref} is how the subject is named in this sentence. */
    private void state(Passage p, Fact f, String ref) {
        if (f == null) {
            return;
        }
        p.sentences.add(sentence(f, ref));
        p.facts.add(f);
        f.passages.add(p);
    }

    private String sentence(Fact f, String s) {
        Entity e = f.subject;
        String v = f.text;
        int k = rnd.nextInt(3);
        return switch (f.attr) {
            case "born" -> switch (k) {
                case 0 -> s + " was born in " + v + ".";
                case 1 -> s + " was born in the year " + v + ".";
                default -> "The records give " + v + " as the year of " + s + "'s birth.";
            };
            case "birthplace" -> switch (k) {
                case 0 -> s + " grew up in " + v + ", where " + e.pron() + " was born.";
                case 1 -> s + " was a native of " + v + ".";
                default -> s + " was born in the town of " + v + ".";
            };
            case "field" -> switch (k) {
                case 0 -> s + " worked as a " + e.fieldPerson + " for most of " + e.poss() + " life.";
                case 1 -> s + " is remembered for " + e.poss() + " work in " + v + ".";
                default -> s + " made " + e.poss() + " name in " + v + ".";
            };
            case "mentor" -> switch (k) {
                case 0 -> s + " trained under " + v + ".";
                case 1 -> s + " studied with " + v + ", who became a lifelong mentor.";
                default -> "As a young assistant, " + s + " learned the craft from " + v + ".";
            };
            case "award" -> switch (k) {
                case 0 -> "In " + v + ", " + s + " received the " + f.extra.name + ".";
                case 1 -> s + " was awarded the " + f.extra.name + " in " + v + ".";
                default -> "The " + f.extra.name + " went to " + s + " in " + v + ".";
            };
            case "founded" -> e.kind == Kind.TOWN ? switch (k) {
                case 0 -> s + " was founded in " + v + ".";
                case 1 -> s + " received its town charter in " + v + ".";
                default -> "Settlers established " + s + " in " + v + ".";
            } : switch (k) {
                case 0 -> s + " was founded in " + v + ".";
                case 1 -> s + " opened its doors in " + v + ".";
                default -> s + " was established in " + v + ".";
            };
            case "population" -> switch (k) {
                case 0 -> s + " has a population of " + v + ".";
                case 1 -> "About " + v + " people live in " + s + " today.";
                default -> s + " is home to " + v + " residents.";
            };
            case "region" -> k == 0 ? s + " is a town in " + v + "." : s + " is part of " + v + ".";
            case "river" -> k == 0 ? s + " lies on the banks of " + v + "." : capital(v) + " flows through " + lower(s) + ".";
            case "twin" -> k == 0 ? s + " is twinned with " + v + "." : s + " has a partnership with the town of " + v + ".";
            case "length" -> k == 0 ? s + " is " + v + " kilometres long." : s + " runs for " + v + " kilometres.";
            case "source" -> k == 0 ? s + " rises in " + v + "." : "The source of " + e.the() + " lies in " + v + ".";
            case "founder" -> switch (k) {
                case 0 -> s + " was founded by " + v + ".";
                case 1 -> v + " set up " + lower(s) + ".";
                default -> s + " owes its existence to " + v + ".";
            };
            case "headquarters" -> switch (k) {
                case 0 -> s + " is based in " + v + ".";
                case 1 -> s + " has its headquarters in " + v + ".";
                default -> s + " runs its operations from " + v + ".";
            };
            case "employees" -> switch (k) {
                case 0 -> s + " employs " + v + " people.";
                case 1 -> s + " has a staff of " + v + ".";
                default -> "Around " + v + " people work for " + lower(s) + ".";
            };
            case "focus" -> e.noun.equals("institute")
                    ? (k == 0 ? s + " is known for its " + v + "." : s + " carries out " + v + ".")
                    : (k == 0 ? s + " makes " + v + "." : s + " specialises in " + v + ".");
            case "built" -> switch (k) {
                case 0 -> s + " was completed in " + v + ".";
                case 1 -> "Construction of " + lower(s) + " ended in " + v + ".";
                default -> s + " opened in " + v + ".";
            };
            case "architect" -> k == 0 ? s + " was designed by " + v + "." : v + " drew up the plans for " + lower(s) + ".";
            case "location" -> k == 0 ? s + " stands in " + v + "." : s + " is located in " + v + ".";
            case "size" -> e.tall
                    ? (k == 0 ? s + " is " + v + " metres tall." : s + " rises " + v + " metres above the ground.")
                    : (k == 0 ? s + " is " + v + " metres long." : s + " spans " + v + " metres.");
            default -> throw new IllegalStateException(f.attr);
        };
    }

    /** {@code a}, {@code a and b}, {@code a, b and c}. */
    private static String and(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String lower(String s) {
        return s.startsWith("The ") ? "the " + s.substring(4) : s;
    }

    private void filler(Passage p, String... options) {
        p.sentences.add(options[rnd.nextInt(options.length)]);
    }

    private void writePassages() {
        for (Entity p : people) {
            Passage early = passage(p);
            state(early, get(p, "born"), p.name);
            state(early, get(p, "birthplace"), capital(p.pron()));
            filler(early, p.shortRef + "'s family kept a small farm outside the town.",
                    "Little is known about " + p.poss() + " schooling.",
                    p.shortRef + " was the eldest of four children.");
            Passage career = passage(p);
            state(career, get(p, "field"), p.name);
            state(career, get(p, "mentor"), p.shortRef);
            for (Entity o : orgs) {
                Fact founder = get(o, "founder");
                if (founder.target == p) {
                    Fact founded = get(o, "founded");
                    career.sentences.add("In " + founded.text + " " + p.pron() + " founded " + o.the() + ".");
                    career.facts.add(founder);
                    career.facts.add(founded);
                    founder.passages.add(career);
                    founded.passages.add(career);
                }
            }
            filler(career, capital(p.poss()) + " notebooks are kept in a regional archive.",
                    p.shortRef + " published widely and corresponded with colleagues across the region.",
                    p.shortRef + " often travelled to give lectures.");
            Passage honours = passage(p);
            Fact award = get(p, "award");
            if (award != null) {
                state(honours, award, p.name);
            } else {
                honours.sentences.add(p.name + " received no major prize during " + p.poss() + " lifetime.");
            }
            for (Entity s : structures) {
                Fact a = get(s, "architect");
                if (a.target == p) {
                    honours.sentences.add(capital(p.pron()) + " also designed " + s.the() + ".");
                    honours.facts.add(a);
                    a.passages.add(honours);
                }
            }
            filler(honours, "A street in " + pick(towns).name + " bears " + p.poss() + " name.",
                    capital(p.poss()) + " portrait hangs in the reading room of the regional library.",
                    "Colleagues described " + p.shortRef + " as patient and exacting.");
        }
        for (Entity t : towns) {
            Passage geo = passage(t);
            state(geo, get(t, "region"), t.name);
            state(geo, get(t, "river"), "The town");
            state(geo, get(t, "population"), t.name);
            Passage history = passage(t);
            state(history, get(t, "founded"), t.name);
            state(history, get(t, "twin"), "The town");
            List<Entity> natives = new ArrayList<>();
            for (Entity p : people) {
                if (get(p, "birthplace").target == t) {
                    natives.add(p);
                }
            }
            if (!natives.isEmpty()) {
                List<Entity> named = natives.subList(0, Math.min(2, natives.size()));
                history.sentences.add("People born in " + t.name + " include " + and(named.stream().map(e -> e.name)
                        .toList()) + ".");
                for (Entity p : named) {
                    Fact f = get(p, "birthplace");
                    history.facts.add(f);
                    f.passages.add(history);
                }
            }
            Passage landmarks = passage(t);
            landmarks.sentences.add(t.name + " has a market square, a town hall and a small museum.");
            for (Entity s : structures) {
                Fact loc = get(s, "location");
                if (loc.target == t) {
                    landmarks.sentences.add(capital(s.the()) + " is one of its landmarks.");
                    landmarks.facts.add(loc);
                    loc.passages.add(landmarks);
                }
            }
            for (Entity o : orgs) {
                Fact hq = get(o, "headquarters");
                if (hq.target == t) {
                    landmarks.sentences.add(capital(o.the()) + " has its headquarters in the town.");
                    landmarks.facts.add(hq);
                    hq.passages.add(landmarks);
                }
            }
            filler(landmarks, "Many of its streets are named after local families.",
                    "Its old centre is a protected area.", "The town holds a market every week.");
        }
        for (Entity r : rivers) {
            Passage p = passage(r);
            state(p, get(r, "length"), capital(r.the()));
            state(p, get(r, "source"), "It");
            List<String> along = new ArrayList<>();
            for (Entity t : towns) {
                Fact f = get(t, "river");
                if (f != null && f.target == r) {
                    along.add(t.name);
                    p.facts.add(f);
                    f.passages.add(p);
                }
            }
            if (!along.isEmpty()) {
                p.sentences.add("It flows past " + and(along) + ".");
            }
        }
        for (Entity o : orgs) {
            Passage history = passage(o);
            state(history, get(o, "founded"), capital(o.the()));
            state(history, get(o, "founder"), o.shortRef);
            state(history, get(o, "headquarters"), "It");
            Passage today = passage(o);
            state(today, get(o, "employees"), capital(o.the()));
            state(today, get(o, "focus"), o.shortRef);
            filler(today, "Its archive is open to researchers by appointment.",
                    capital(o.the()) + " publishes an annual report.",
                    "Apprentices from across the region train there.");
        }
        for (Entity s : structures) {
            Passage build = passage(s);
            state(build, get(s, "built"), capital(s.the()));
            state(build, get(s, "architect"), s.shortRef);
            filler(build, "The work took several years.", "Local quarries supplied the stone.",
                    "The opening was celebrated with a parade.");
            Passage desc = passage(s);
            state(desc, get(s, "size"), capital(s.the()));
            state(desc, get(s, "location"), "It");
            filler(desc, "It is a listed monument.", s.tall ? "Visitors can climb it in summer."
                    : "It carries a road and a footpath.", "It was restored some decades ago.");
        }
        // Chronicle passages: entities and years together, answering nothing.
        for (int i = 0; i < 60; i++) {
            Entity p = pick(people);
            Entity t = pick(towns);
            Entity o = pick(orgs);
            Entity s = pick(structures);
            int y = year(p, "born") + between(22, 60);
            Passage c = new Passage(pick(List.of(t, o, s)));
            passages.add(c);
            switch (rnd.nextInt(4)) {
                case 0 -> {
                    c.sentences.add("In " + y + ", " + o.the() + " organised an exhibition in " + t.name + ".");
                    c.sentences.add(p.name + " spoke at the opening about " + p.field + ".");
                }
                case 1 -> {
                    c.sentences.add("A survey made in " + y + " describes " + s.the() + " and the market of " + t.name + ".");
                    c.sentences.add("Its author thanks " + p.name + " for advice.");
                }
                case 2 -> {
                    c.sentences.add(p.name + " visited " + t.name + " in " + y + " to study " + p.field + ".");
                    c.sentences.add("The visit is recorded in the minutes of " + o.the() + ".");
                }
                default -> {
                    c.sentences.add("During the flood of " + y + ", volunteers from " + o.the() + " helped clear the roads of "
                            + t.name + ".");
                    c.sentences.add(capital(s.the()) + " was closed for a week.");
                }
            }
        }
    }

    // ------------------------------------------------------------------ queries and samples

    private List<Fact> chooseQueries() {
        List<Fact> candidates = new ArrayList<>();
        for (Fact f : facts) {
            if (!f.passages.isEmpty()) {
                candidates.add(f);
            }
        }
        Collections.shuffle(candidates, rnd);
        // Enough of each kind for the controlled hallucinations, then the rest in shuffled order.
        Map<Value, Integer> quota = new LinkedHashMap<>();
        quota.put(Value.DATE, 45);
        quota.put(Value.NUMBER, 36);
        quota.put(Value.ENTITY, 60);
        quota.put(Value.TEXT, QUERIES - 45 - 36 - 60);
        List<Fact> chosen = new ArrayList<>();
        Map<Entity, Integer> perSubject = new LinkedHashMap<>();
        for (Fact f : candidates) {
            int left = quota.get(f.value);
            if (left > 0 && perSubject.getOrDefault(f.subject, 0) < 3) {
                chosen.add(f);
                quota.put(f.value, left - 1);
                perSubject.merge(f.subject, 1, Integer::sum);
            }
        }
        for (Fact f : candidates) {
            if (chosen.size() >= QUERIES) {
                break;
            }
            if (!chosen.contains(f)) {
                chosen.add(f);
            }
        }
        return chosen;
    }

    /** Half faithful; the other half one fifth per type, each on a fact it applies to. */
    private List<String> assignTypes(List<Fact> chosen) {
        int per = chosen.size() / 10;
        List<String> types = new ArrayList<>(Collections.nCopies(chosen.size(), (String) null));
        assign(chosen, types, HallucinationTypes.CHANGED_DATE, per, Value.DATE);
        assign(chosen, types, HallucinationTypes.CHANGED_NUMBER, per, Value.NUMBER);
        assign(chosen, types, HallucinationTypes.SWAPPED_ENTITY, per, Value.ENTITY);
        assign(chosen, types, HallucinationTypes.CONTRADICTION, per, null);
        assign(chosen, types, HallucinationTypes.UNSUPPORTED_CLAIM, per, null);
        return types;
    }

    private void assign(List<Fact> chosen, List<String> types, String type, int n, Value needs) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            if (types.get(i) == null && (needs == null || chosen.get(i).value == needs)) {
                open.add(i);
            }
        }
        Collections.shuffle(open, rnd);
        if (open.size() < n) {
            throw new IllegalStateException("not enough facts for " + type);
        }
        for (int k = 0; k < n; k++) {
            types.set(open.get(k), type);
        }
    }

    private String question(Fact f) {
        Entity e = f.subject;
        String n = e.the();
        int k = rnd.nextInt(3);
        return switch (f.attr) {
            case "born" -> pickOf(k, "In what year was " + n + " born?", "When was " + n + " born?",
                    "What is the birth year of " + n + "?");
            case "birthplace" -> pickOf(k, "Where was " + n + " born?", "In which town was " + n + " born?",
                    "What is the birthplace of " + n + "?");
            case "field" -> pickOf(k, "What field did " + n + " work in?", "What was " + n + "'s area of work?",
                    "What is " + n + " known for professionally?");
            case "mentor" -> pickOf(k, "Who was " + n + "'s mentor?", "Under whom did " + n + " train?",
                    "Who taught " + n + "?");
            case "award" -> pickOf(k, "In which year did " + n + " receive the " + f.extra.name + "?",
                    "When was " + n + " awarded the " + f.extra.name + "?",
                    "What year did " + n + " win the " + f.extra.name + "?");
            case "founded" -> e.kind == Kind.TOWN
                    ? pickOf(k, "When was " + n + " founded?", "In what year was the town of " + n + " established?",
                    "How old is the town of " + n + "? When was it founded?")
                    : pickOf(k, "When was " + n + " founded?", "In which year did " + n + " open?",
                    "What year was " + n + " established?");
            case "population" -> pickOf(k, "What is the population of " + n + "?", "How many people live in " + n + "?",
                    "How many inhabitants does " + n + " have?");
            case "region" -> pickOf(k, "In which region is " + n + "?", "Which region does " + n + " belong to?",
                    "What region is the town of " + n + " in?");
            case "river" -> pickOf(k, "Which river flows through " + n + "?", "On which river does " + n + " lie?",
                    "What river runs through the town of " + n + "?");
            case "twin" -> pickOf(k, "Which town is twinned with " + n + "?", "What is " + n + "'s twin town?",
                    "Which town has a partnership with " + n + "?");
            case "length" -> pickOf(k, "How long is " + n + "?", "What is the length of " + n + "?",
                    "How many kilometres long is " + n + "?");
            case "source" -> pickOf(k, "In which region does " + n + " rise?", "Where is the source of " + n + "?",
                    "Which region is " + n + "'s source in?");
            case "founder" -> pickOf(k, "Who founded " + n + "?", "Who established " + n + "?",
                    "Who set up " + n + "?");
            case "headquarters" -> pickOf(k, "Where is " + n + " headquartered?", "In which town is " + n + " based?",
                    "Where are the offices of " + n + "?");
            case "employees" -> pickOf(k, "How many people does " + n + " employ?", "How many employees does " + n
                    + " have?", "How large is the staff of " + n + "?");
            case "focus" -> e.noun.equals("institute")
                    ? pickOf(k, "What does " + n + " work on?", "What is " + n + " known for?",
                    "What kind of work is done at " + n + "?")
                    : pickOf(k, "What does " + n + " make?", "What does " + n + " produce?",
                    "What is " + n + " known for making?");
            case "built" -> pickOf(k, "When was " + n + " completed?", "In what year was " + n + " built?",
                    "When did " + n + " open?");
            case "architect" -> pickOf(k, "Who designed " + n + "?", "Which architect designed " + n + "?",
                    "Who drew the plans for " + n + "?");
            case "location" -> pickOf(k, "Where is " + n + "?", "In which town does " + n + " stand?",
                    "Which town is " + n + " in?");
            case "size" -> e.tall ? pickOf(k, "How tall is " + n + "?", "What is the height of " + n + "?",
                    "How many metres high is " + n + "?")
                    : pickOf(k, "How long is " + n + "?", "What is the length of " + n + "?",
                    "How many metres does " + n + " span?");
            default -> throw new IllegalStateException(f.attr);
        };
    }

    private static String pickOf(int k, String a, String b, String c) {
        return k == 0 ? a : k == 1 ? b : c;
    }

    /** The canonical one-sentence answer, with {@code value} in place of the fact's value. */
    private String answer(Fact f, String value) {
        Entity e = f.subject;
        String s = e.The();
        return switch (f.attr) {
            case "born" -> s + " was born in " + value + ".";
            case "birthplace" -> s + " was born in " + value + ".";
            case "field" -> s + " worked in " + value + ".";
            case "mentor" -> s + "'s mentor was " + value + ".";
            case "award" -> s + " received the " + f.extra.name + " in " + value + ".";
            case "founded" -> s + " was founded in " + value + ".";
            case "population" -> s + " has a population of " + value + ".";
            case "region" -> s + " is in " + value + ".";
            case "river" -> capital(value) + " flows through " + s + ".";
            case "twin" -> s + " is twinned with " + value + ".";
            case "length" -> s + " is " + value + " kilometres long.";
            case "source" -> s + " rises in " + value + ".";
            case "founder" -> s + " was founded by " + value + ".";
            case "headquarters" -> s + " is based in " + value + ".";
            case "employees" -> s + " employs " + value + " people.";
            case "focus" -> e.noun.equals("institute") ? s + " is known for its " + value + "." : s + " makes " + value + ".";
            case "built" -> s + " was completed in " + value + ".";
            case "architect" -> s + " was designed by " + value + ".";
            case "location" -> s + " stands in " + value + ".";
            case "size" -> s + " is " + value + (e.tall ? " metres tall." : " metres long.");
            default -> throw new IllegalStateException(f.attr);
        };
    }

    /** A sentence the context contradicts. */
    private String contradiction(Fact f) {
        Entity e = f.subject;
        String s = e.The();
        long n = f.number;
        boolean after = rnd.nextBoolean();
        String year = Long.toString(after ? n + between(6, 25) : n - between(6, 25));
        String when = (after ? "after " : "before ") + year;
        return switch (f.attr) {
            case "born" -> s + " was born " + when + ".";
            case "award" -> s + " received the " + f.extra.name + " " + (after ? "only after " : "before ") + year + ".";
            case "founded" -> s + " was founded " + when + ".";
            case "built" -> s + " was completed " + when + ".";
            case "population" -> s + " has " + (after ? "more than " + grouped(roundTo(n * 2, 100))
                    : "fewer than " + grouped(roundTo(n / 2, 100))) + " residents.";
            case "employees" -> s + " employs " + (after ? "more than " + grouped(n * 3)
                    : "fewer than " + grouped(Math.max(2, n / 3)))
                    + " people.";
            case "length" -> s + " is " + (after ? "more than " + n * 2 : "less than " + Math.max(2, n / 2))
                    + " kilometres long.";
            case "size" -> s + " is " + (after ? "more than " + n * 2 : "less than " + Math.max(2, n / 2)) + " metres "
                    + (e.tall ? "tall." : "long.");
            case "birthplace" -> s + " was not born in " + f.text + ".";
            case "mentor" -> s + " never studied with " + f.text + ".";
            case "field" -> s + " never worked in " + f.text + ".";
            case "region" -> s + " is not part of " + f.text + ".";
            case "river" -> capital(f.text) + " does not flow through " + s + ".";
            case "twin" -> s + " is not twinned with " + f.text + ".";
            case "source" -> s + " does not rise in " + f.text + ".";
            case "founder" -> capital(f.text) + " had no part in founding " + e.the() + ".";
            case "headquarters" -> s + " has never been based in " + f.text + ".";
            case "focus" -> s + (e.noun.equals("institute") ? " does no " + f.text + "." : " has never made " + f.text + ".");
            case "architect" -> capital(f.text) + " did not design " + e.the() + ".";
            case "location" -> s + " is not in " + f.text + ".";
            default -> throw new IllegalStateException(f.attr);
        };
    }

    /** A claim about the subject that no passage supports. */
    private String unsupported(Fact f) {
        Entity e = f.subject;
        String s = e.The();
        return switch (e.kind) {
            case PERSON -> pickOf(rnd.nextInt(3), capital(e.pron()) + " also spoke five languages fluently.",
                    capital(e.pron()) + " later spent ten years teaching abroad.",
                    capital(e.pron()) + " was the youngest member ever elected to the national academy.");
            case TOWN -> pickOf(rnd.nextInt(3), "It is best known for its annual lantern festival.",
                    "It has the oldest public library in the region.", "It was briefly the capital of the province.");
            case ORG -> pickOf(rnd.nextInt(3), "It was the first employer in the region to offer a pension.",
                    "It went bankrupt twice before recovering.", s + " is now owned by a foreign investment group.");
            case STRUCTURE -> pickOf(rnd.nextInt(3), "It was badly damaged by a storm and rebuilt.",
                    "It appears on the region's postage stamps.", "It was the tallest structure in the country when it opened.");
            default -> pickOf(rnd.nextInt(3), "It freezes over almost every winter.", "It is famous for its salmon.",
                    "Its water was once used to power twelve mills.");
        };
    }

    private RagSample sample(String id, String qid, String question, Fact f, String type) {
        Passage gold = f.passages.get(0);
        List<Passage> distractors = distractors(f, gold);
        List<Passage> contexts = new ArrayList<>(distractors);
        contexts.add(gold);
        Collections.shuffle(contexts, rnd);
        String reference = answer(f, f.text);
        String response;
        Span span = null;
        if (type == null) {
            response = faithful(f, gold);
        } else {
            switch (type) {
                case HallucinationTypes.CHANGED_DATE -> {
                    String y = changedYear((int) f.number);
                    response = answer(f, y);
                    span = Span.locate(response, y, type);
                }
                case HallucinationTypes.CHANGED_NUMBER -> {
                    String v = changedNumber(f);
                    response = answer(f, v);
                    span = Span.locate(response, v, type);
                }
                case HallucinationTypes.SWAPPED_ENTITY -> {
                    String v = swapped(f, contexts).the();
                    response = answer(f, v);
                    span = Span.locate(response, v, type);
                    if (!span.hasOffsets()) {
                        span = Span.locate(response, capital(v), type);
                    }
                }
                case HallucinationTypes.CONTRADICTION -> {
                    response = contradiction(f);
                    span = Span.locate(response, response, type);
                }
                case HallucinationTypes.UNSUPPORTED_CLAIM -> {
                    String claim = unsupported(f);
                    response = reference + " " + claim;
                    span = Span.locate(response, claim, type);
                }
                default -> throw new IllegalStateException(type);
            }
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("query_id", qid);
        meta.put("attribute", f.subject.kind.name().toLowerCase(Locale.ROOT) + "." + f.attr);
        meta.put("answer", f.text);
        return new RagSample(id, question, response, contexts.stream().map(Passage::text).toList(), reference,
                List.of(gold.text()), type == null ? Label.FAITHFUL : Label.HALLUCINATED, type,
                span == null ? List.of() : List.of(span), meta);
    }

    /** The answer, sometimes with a second fact from the same passage (faithful, but more to check). */
    private String faithful(Fact f, Passage gold) {
        String a = answer(f, f.text);
        List<Fact> others = new ArrayList<>();
        for (Fact o : gold.facts) {
            if (o != f && o.subject == f.subject) {
                others.add(o);
            }
        }
        int k = rnd.nextInt(4);
        if (k == 0 && !others.isEmpty()) {
            Fact o = pick(others);
            return a + " " + answer(o, o.text);
        }
        if (k == 1) {
            return "According to the sources, " + lower(a);
        }
        return a;
    }

    /** Two near misses: another passage about the subject and one about a similar entity. */
    private List<Passage> distractors(Fact f, Passage gold) {
        List<Passage> out = new ArrayList<>();
        List<Passage> same = new ArrayList<>();
        for (Passage p : f.subject.passages) {
            if (!f.passages.contains(p)) {
                same.add(p);
            }
        }
        if (!same.isEmpty()) {
            out.add(pick(same));
        }
        List<Passage> similar = new ArrayList<>();
        for (Fact o : facts) {
            if (o.attr.equals(f.attr) && o.subject != f.subject) {
                for (Passage p : o.passages) {
                    if (!f.passages.contains(p) && !out.contains(p) && !similar.contains(p)) {
                        similar.add(p);
                    }
                }
            }
        }
        // Prefer the relative with the same surname: same words, different answer.
        Passage best = null;
        if (f.subject.kind == Kind.PERSON) {
            for (Passage p : similar) {
                if (p.subject.kind == Kind.PERSON && p.subject.surname.equals(f.subject.surname)) {
                    best = p;
                    break;
                }
            }
        }
        if (best == null && !similar.isEmpty()) {
            best = pick(similar);
        }
        if (best != null) {
            out.add(best);
        }
        while (out.size() < 2) {
            Passage p = pick(passages);
            if (p != gold && !out.contains(p) && !f.passages.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    private String changedYear(int y) {
        String s = Integer.toString(y);
        String swapped = s.substring(0, 2) + s.charAt(3) + s.charAt(2);
        if (rnd.nextBoolean() && !swapped.equals(s)) {
            return swapped;
        }
        int d = between(2, 30) * (rnd.nextBoolean() ? 1 : -1);
        return Integer.toString(y + d);
    }

    private String changedNumber(Fact f) {
        long n = f.number;
        long m;
        do {
            double factor = rnd.nextBoolean() ? 0.55 + 0.3 * rnd.nextDouble() : 1.2 + 0.6 * rnd.nextDouble();
            m = Math.round(n * factor);
            if (n >= 1000) {
                m = roundTo(m, n % 100 == 0 ? 100 : 10);
            }
        } while (m == n || m <= 0);
        return f.attr.equals("population") || f.attr.equals("employees") ? grouped(m) : Long.toString(m);
    }

    /** Another entity of the same kind, preferably one named in the retrieved contexts. */
    private Entity swapped(Fact f, List<Passage> contexts) {
        Entity truth = f.target;
        List<Entity> pool = switch (truth.kind) {
            case PERSON -> people;
            case TOWN -> towns;
            case RIVER -> rivers;
            case REGION -> regions;
            default -> throw new IllegalStateException(truth.kind.name());
        };
        String all = String.join(" ", contexts.stream().map(Passage::text).toList());
        List<Entity> seen = new ArrayList<>();
        for (Entity e : pool) {
            if (e != truth && e != f.subject && all.contains(e.name) && !isTrue(f, e)) {
                seen.add(e);
            }
        }
        if (!seen.isEmpty()) {
            return pick(seen);
        }
        while (true) {
            Entity e = pick(pool);
            if (e != truth && e != f.subject && !isTrue(f, e)) {
                return e;
            }
        }
    }

    /** Whether the fact's attribute also holds with this value (e.g. a second river of the same town). */
    private boolean isTrue(Fact f, Entity value) {
        for (Fact o : facts) {
            if (o.subject == f.subject && o.attr.equals(f.attr) && o.target == value) {
                return true;
            }
        }
        return false;
    }
}
