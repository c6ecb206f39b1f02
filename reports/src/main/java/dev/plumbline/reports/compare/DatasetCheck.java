package dev.plumbline.reports.compare;

import dev.plumbline.reports.provenance.DatasetFingerprint;
import dev.plumbline.reports.results.Results;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a baseline and a current results document were computed on the same data, by the
 * dataset fingerprints in their provenance. Items are paired by id, and ids such as {@code q1}
 * or {@code 12} recur across datasets, so results of different data would otherwise be compared
 * item by item without a word.
 *
 * <p>Rules: run files ({@code run:NAME}, the systems under comparison) are not data and are left
 * out. A fingerprint found on both sides matches, whatever its name (a renamed folder is the same
 * data). A name on both sides with different fingerprints is a mismatch, and so is having no
 * fingerprint in common at all. A dataset only one side has (a dataset added to the experiment)
 * is a note: its engines have no partner and are reported as such. A document without
 * fingerprints (written by another tool) cannot be checked, which is a note too.
 *
 * @param mismatch what differs, one sentence, or {@code null} when the data match
 * @param notes    remarks that do not stop the comparison
 */
public record DatasetCheck(String mismatch, List<String> notes) {
    /** The flag of {@code compare} and {@code gate} that allows comparing different data. */
    public static final String ALLOW_FLAG = "--allow-dataset-mismatch";

    /** Copies the notes. */
    public DatasetCheck {
        notes = List.copyOf(notes);
    }

    /** Compares the dataset fingerprints of the two documents. */
    public static DatasetCheck of(Results baseline, Results current) {
        List<DatasetFingerprint> b = data(baseline);
        List<DatasetFingerprint> c = data(current);
        List<String> notes = new ArrayList<>();
        if (b.isEmpty() || c.isEmpty()) {
            if (!b.isEmpty() || !c.isEmpty()) {
                notes.add("no dataset fingerprint in the " + (b.isEmpty() ? "baseline" : "current results") + ", so"
                        + " whether both were computed on the same data was not checked");
            }
            return new DatasetCheck(null, notes);
        }
        List<DatasetFingerprint> onlyB = new ArrayList<>(b);
        List<DatasetFingerprint> onlyC = new ArrayList<>();
        for (DatasetFingerprint f : c) {
            DatasetFingerprint same = onlyB.stream().filter(x -> x.sha256().equals(f.sha256())).findFirst().orElse(null);
            if (same != null) {
                onlyB.remove(same);
            } else {
                onlyC.add(f);
            }
        }
        for (DatasetFingerprint f : onlyC) {
            for (DatasetFingerprint g : onlyB) {
                if (g.name().equals(f.name())) {
                    return new DatasetCheck("dataset " + f.name() + " differs: fingerprint " + shortSha(g) + " in the "
                            + "baseline, " + shortSha(f) + " in the current results", notes);
                }
            }
        }
        if (onlyC.size() == c.size()) {
            return new DatasetCheck("no dataset in common: the baseline was computed on " + names(b)
                    + ", the current results on " + names(c), notes);
        }
        for (DatasetFingerprint f : onlyC) {
            notes.add("dataset " + f.name() + " is only in the current results");
        }
        for (DatasetFingerprint f : onlyB) {
            notes.add("dataset " + f.name() + " is only in the baseline");
        }
        return new DatasetCheck(null, notes);
    }

    /** Whether the data differ. */
    public boolean mismatched() {
        return mismatch != null;
    }

    /** The one-line error for a mismatch that was not allowed. */
    public String error(String baselineFile, String currentFile) {
        return baselineFile + " and " + currentFile + " come from different data (" + mismatch + "); items are paired "
                + "by id, so compare results of the same dataset, or pass " + ALLOW_FLAG + " to compare them anyway";
    }

    /** The note that says a mismatch was allowed. */
    public String allowedNote() {
        return "datasets differ, compared anyway (" + ALLOW_FLAG + "): " + mismatch + "; items with the same id come "
                + "from different data, so the differences below say nothing about the engines";
    }

    private static List<DatasetFingerprint> data(Results r) {
        return r.provenance().datasets().stream().filter(d -> !d.name().startsWith("run:")).toList();
    }

    private static String names(List<DatasetFingerprint> list) {
        List<String> out = new ArrayList<>();
        for (DatasetFingerprint f : list) {
            out.add(f.name() + " (" + shortSha(f) + ")");
        }
        return String.join(", ", out);
    }

    /** {@code sha256:} and the first 12 hex digits: enough to tell two fingerprints apart by eye. */
    private static String shortSha(DatasetFingerprint f) {
        String s = f.sha256();
        int hex = s.startsWith("sha256:") ? 7 : 0;
        return s.length() > hex + 12 ? s.substring(0, hex + 12) + "..." : s;
    }
}
