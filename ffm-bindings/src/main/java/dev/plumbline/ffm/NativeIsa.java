package dev.plumbline.ffm;

/**
 * Instruction-set levels of the native kernels ({@code enum plumbline_isa}, same order). The
 * library picks the best the CPU and OS support once, at load; tests lower it to check every path.
 */
public enum NativeIsa {
    /** Plain C for the x86-64 baseline. */
    PORTABLE("portable"),
    /** AVX2 + FMA. */
    AVX2("avx2"),
    /** AVX-512F/BW/DQ/VL. */
    AVX512("avx512"),
    /** AVX-512 with VNNI ({@code vpdpbusd}) for the int8 GEMM. */
    AVX512_VNNI("avx512-vnni");

    private final String label;

    NativeIsa(String label) {
        this.label = label;
    }

    /** The name {@code plumbline engines} prints, e.g. {@code avx512-vnni}. */
    public String label() {
        return label;
    }

    /** The level with C value {@code ordinal}. */
    static NativeIsa of(int ordinal) {
        if (ordinal < 0 || ordinal >= values().length) {
            throw new IllegalStateException("native library reports unknown ISA level " + ordinal);
        }
        return values()[ordinal];
    }
}
