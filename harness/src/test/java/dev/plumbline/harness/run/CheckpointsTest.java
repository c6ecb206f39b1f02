package dev.plumbline.harness.run;

import dev.plumbline.harness.ProvenanceRecorder;
import dev.plumbline.harness.UsageException;
import dev.plumbline.reports.provenance.DatasetFingerprint;
import dev.plumbline.reports.provenance.JudgeIdentity;
import dev.plumbline.reports.provenance.Provenance;
import dev.plumbline.reports.results.EngineRun;
import dev.plumbline.reports.results.MetricInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A judge cell saved by one judge is not resumed under another. */
class CheckpointsTest {
    private static final DatasetFingerprint DATA = new DatasetFingerprint("demo", "builtin:demo", "abc", Map.of());

    @TempDir
    Path dir;

    @Test
    void aJudgeCellResumesOnlyUnderTheSameJudgeVersionAndParameters() {
        Checkpoints saving = new Checkpoints(dir, false);
        EngineRun.Builder b = EngineRun.builder("judge-local").metric(MetricInfo.score("faithfulness", "faithfulness"));
        b.item("s1").value("faithfulness", 1.0);
        Provenance p = ProvenanceRecorder.start(List.of(), Clock.systemUTC()).dataset(DATA)
                .judge(new JudgeIdentity("local", "minilm-l6", "none", Map.of("version", "1", "parameters_sha256", "p1")))
                .finishedAt(Clock.systemUTC().instant()).build();
        saving.save(0, b.build(), p, 42);

        Checkpoints resuming = new Checkpoints(dir, true);
        assertEquals("judge-local", resuming.load(0, "judge-local", DATA, "local",
                Map.of("version", "1", "parameters_sha256", "p1")).engines().get(0).engine());
        UsageException changed = assertThrows(UsageException.class, () -> resuming.load(0, "judge-local", DATA,
                "local", Map.of("version", "2", "parameters_sha256", "p1")));
        assertTrue(changed.getMessage().contains("start a fresh run instead of --resume"), changed.getMessage());
        assertThrows(UsageException.class, () -> resuming.load(0, "judge-local", DATA, "local-lexical",
                Map.of("version", "1", "parameters_sha256", "p1")));
    }
}
