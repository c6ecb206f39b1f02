package dev.plumbline.reports.provenance;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HardwareTest {
    @Test
    void parsesX86CpuinfoAndMeminfo() {
        String cpuinfo = """
                processor	: 0
                vendor_id	: GenuineIntel
                model name	: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz
                flags		: fpu vme sse sse2 ssse3 sse4_1 sse4_2 avx avx2 fma f16c bmi1 bmi2 avx512f avx512bw avx512_vnni aes sha_ni smep hypervisor

                processor	: 1
                model name	: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz
                flags		: fpu sse avx2
                """;
        Hardware h = Hardware.fromProc(cpuinfo, "MemTotal:       16384000 kB\nMemFree: 1 kB\n", 2, "amd64");
        assertEquals("Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz", h.cpuModel());
        assertEquals(List.of("aes", "avx", "avx2", "avx512_vnni", "avx512bw", "avx512f", "bmi1", "bmi2", "f16c", "fma",
                "sha_ni", "sse", "sse2", "sse4_1", "sse4_2", "ssse3"), h.isaFlags());
        assertEquals(16384000L * 1024, h.memoryBytes());
        assertTrue(h.describe().contains("2 CPUs"), h.describe());
    }

    @Test
    void parsesArmFeaturesAndFallsBackWithoutProc() {
        Hardware arm = Hardware.fromProc("processor : 0\nFeatures : fp asimd aes sha2 sve i8mm bf16 sme\n", "", 4, "aarch64");
        assertEquals("aarch64", arm.cpuModel());
        assertEquals(List.of("aes", "asimd", "bf16", "i8mm", "sha2", "sme", "sve"), arm.isaFlags());
        Hardware none = Hardware.fromProc("", "", 1, "x86_64");
        assertEquals("x86_64", none.cpuModel());
        assertEquals(0, none.memoryBytes());
    }

    @Test
    void sameHardwareIgnoresMemoryButNotCpus() {
        Hardware a = new Hardware("X", 8, List.of("avx2"), 1);
        assertTrue(a.sameAs(new Hardware("X", 8, List.of("avx2"), 2)));
        assertFalse(a.sameAs(new Hardware("X", 4, List.of("avx2"), 1)));
        assertFalse(a.sameAs(new Hardware("Y", 8, List.of("avx2"), 1)));
    }

    @Test
    void builderSplitsTheDirtySuffix() {
        Provenance p = Provenance.builder().plumbline("1.0", "abc-dirty").currentHost()
                .startedAt(java.time.Instant.EPOCH).finishedAt(java.time.Instant.EPOCH).build();
        assertEquals("abc", p.gitCommit());
        assertTrue(p.gitDirty());
        assertFalse(p.jvm().version().isEmpty());
    }
}
