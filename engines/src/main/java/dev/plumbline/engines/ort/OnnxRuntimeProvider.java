package dev.plumbline.engines.ort;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.plumbline.engines.Availability;
import dev.plumbline.engines.Engine;
import dev.plumbline.engines.EngineOptions;
import dev.plumbline.engines.EngineProvider;
import dev.plumbline.engines.EngineUnavailableException;
import dev.plumbline.engines.model.ModelSpec;

import java.io.IOException;

/** Registers the {@code onnxruntime} engine with {@link java.util.ServiceLoader}. */
public final class OnnxRuntimeProvider implements EngineProvider {
    static final String NAME = "onnxruntime";

    /** For {@link java.util.ServiceLoader}. */
    public OnnxRuntimeProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Below the project's own encoders, which are exact against it and faster (README, encoder table). */
    @Override
    public int autoRank() {
        return 10;
    }

    @Override
    public String describe() {
        Availability a = availability();
        return "ONNX Runtime " + (a.available() ? version() : "(native library not loaded)") + ", CPU execution provider";
    }

    @Override
    public Availability availability() {
        try {
            OrtEnvironment.getEnvironment();
            return Availability.yes();
        } catch (LinkageError | RuntimeException e) {
            return Availability.no("ONNX Runtime's native library did not load (" + e + ")",
                    "use a platform the com.microsoft.onnxruntime:onnxruntime jar ships natives for (linux-x64, "
                            + "linux-aarch64, osx, win-x64), with a writable java.io.tmpdir, and run Java with "
                            + "--enable-native-access=ALL-UNNAMED");
        }
    }

    /** ONNX Runtime's version, e.g. {@code 1.24.2}. */
    static String version() {
        return OrtEnvironment.getEnvironment().getVersion();
    }

    @Override
    public Engine open(ModelSpec model, EngineOptions options) throws IOException {
        Availability a = availability();
        if (!a.available()) {
            throw new EngineUnavailableException(NAME, a);
        }
        try {
            return new OnnxRuntimeEngine(model, model.load(), options);
        } catch (OrtException e) {
            throw new IOException("ONNX Runtime could not load " + model.source().describe() + ": " + e.getMessage(), e);
        }
    }
}
