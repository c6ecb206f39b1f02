package dev.plumbline.ffm;

import dev.plumbline.engines.Availability;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Native tests skip, with the reason, where the library could not be built (no gcc) or loaded. */
final class NativeAssumptions {
    private NativeAssumptions() {
    }

    static void assumeNative() {
        Availability a = NativeLibrary.availability();
        assumeTrue(a.available(), () -> "native kernels unavailable: " + a.reason() + "; fix: " + a.fix());
    }

    /** Runs {@code body} at every ISA level this CPU has, restoring the detected one after. */
    static void atEveryIsa(java.util.function.Consumer<NativeIsa> body) {
        NativeIsa detected = PlumblineC.isaDetected();
        try {
            for (NativeIsa isa : NativeIsa.values()) {
                if (isa.ordinal() > detected.ordinal()) {
                    break;
                }
                if (!PlumblineC.setIsa(isa)) {
                    throw new AssertionError("CPU reports " + detected + " but refuses " + isa);
                }
                body.accept(isa);
            }
        } finally {
            PlumblineC.setIsa(detected);
        }
    }
}
