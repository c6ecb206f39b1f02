package dev.plumbline.engines.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where a model's {@code .onnx} and {@code tokenizer.json} come from. */
public sealed interface ModelSource {

    /** Reads both files and hashes them. */
    ModelFiles load() throws IOException;

    /** Where the files are, for messages and provenance. */
    String describe();

    /**
     * Files packaged as classpath resources, as the Maven model artifacts ship them.
     *
     * @param artifact          Maven coordinates of the jar that holds them (named in errors)
     * @param onnxResource      resource name of the model
     * @param tokenizerResource resource name of the tokenizer.json
     */
    record Classpath(String artifact, String onnxResource, String tokenizerResource) implements ModelSource {
        @Override
        public ModelFiles load() throws IOException {
            return new ModelFiles(describe(), read(onnxResource), read(tokenizerResource));
        }

        @Override
        public String describe() {
            return "classpath:" + onnxResource + " (" + artifact + ")";
        }

        private byte[] read(String resource) throws IOException {
            ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : ModelSource.class.getClassLoader();
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new NoSuchFileException(resource, null, "not on the classpath; add the Maven dependency "
                            + artifact + " or give the model's files with --model-path DIR");
                }
                return in.readAllBytes();
            }
        }
    }

    /**
     * Files already in memory, as a distributed run hands them to its workers (a Spark broadcast):
     * the same bytes, so the same hashes and the same vectors as the source they were read from.
     *
     * @param origin        the original source's {@link #describe()}, kept for provenance
     * @param onnx          the model's bytes; not copied, not to be modified
     * @param tokenizerJson the tokenizer.json bytes; not copied, not to be modified
     */
    record Bytes(String origin, byte[] onnx, byte[] tokenizerJson) implements ModelSource {
        @Override
        public ModelFiles load() {
            return new ModelFiles(origin, onnx, tokenizerJson);
        }

        @Override
        public String describe() {
            return origin;
        }
    }

    /**
     * Files on disk.
     *
     * @param onnx      the model
     * @param tokenizer its tokenizer.json
     */
    record Files(Path onnx, Path tokenizer) implements ModelSource {
        @Override
        public ModelFiles load() throws IOException {
            return new ModelFiles(describe(), java.nio.file.Files.readAllBytes(onnx),
                    java.nio.file.Files.readAllBytes(tokenizer));
        }

        @Override
        public String describe() {
            return onnx.toString();
        }

        /**
         * Finds the files under {@code path}: an {@code .onnx} file with {@code tokenizer.json}
         * beside it, or a directory holding {@code model.onnx} (also under {@code onnx/}, the
         * Hugging Face layout) or exactly one {@code .onnx} file, and {@code tokenizer.json}.
         *
         * @throws NoSuchFileException naming what was looked for
         */
        public static Files find(Path path) throws IOException {
            if (java.nio.file.Files.isRegularFile(path)) {
                Path tok = path.resolveSibling("tokenizer.json");
                requireFile(tok, "tokenizer.json next to " + path);
                return new Files(path, tok);
            }
            if (!java.nio.file.Files.isDirectory(path)) {
                throw new NoSuchFileException(path.toString(), null, "model path does not exist; give a directory with"
                        + " model.onnx and tokenizer.json, or an .onnx file");
            }
            Path onnx = null;
            for (Path candidate : new Path[] {path.resolve("model.onnx"), path.resolve("onnx/model.onnx")}) {
                if (java.nio.file.Files.isRegularFile(candidate)) {
                    onnx = candidate;
                    break;
                }
            }
            if (onnx == null) {
                try (var files = java.nio.file.Files.list(path)) {
                    var found = files.filter(p -> p.getFileName().toString().endsWith(".onnx")).toList();
                    if (found.size() != 1) {
                        throw new NoSuchFileException(path.toString(), null, found.isEmpty()
                                ? "no model.onnx (or onnx/model.onnx, or one *.onnx file) in this directory"
                                : "several .onnx files " + found + "; pass the one to use");
                    }
                    onnx = found.getFirst();
                }
            }
            Path tok = path.resolve("tokenizer.json");
            requireFile(tok, "tokenizer.json in " + path);
            return new Files(onnx, tok);
        }

        private static void requireFile(Path file, String what) throws NoSuchFileException {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "missing " + what);
            }
        }
    }
}
