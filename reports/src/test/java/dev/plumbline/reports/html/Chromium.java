package dev.plumbline.reports.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs headless Chromium on a local file: isolated profile, no network services, no sandbox
 * (CI containers run as root). Found on PATH as chromium, chromium-browser or google-chrome, or
 * through {@code PLUMBLINE_CHROMIUM}.
 */
final class Chromium {
    private static final long TIMEOUT_SECONDS = 120;

    record Output(int exitCode, String stdout, String stderr) {
    }

    private Chromium() {
    }

    /** The browser binary, or {@code null} when none is installed. */
    static Path find() {
        String env = System.getenv("PLUMBLINE_CHROMIUM");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
            return Path.of(env);
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    static Output run(Path chromium, Path workDir, List<String> extraArgs, Path page) throws IOException, InterruptedException {
        return run(chromium, workDir, extraArgs, page, null);
    }

    /** Like {@link #run(Path, Path, List, Path)}, opening {@code page} at {@code fragment} ({@code #suites}) when given. */
    static Output run(Path chromium, Path workDir, List<String> extraArgs, Path page, String fragment)
            throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, "profile");
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"));
        cmd.addAll(extraArgs);
        cmd.add(page.toUri() + (fragment == null ? "" : fragment));
        Path out = workDir.resolve("stdout-" + System.nanoTime());
        Path err = workDir.resolve("stderr-" + System.nanoTime());
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + cmd);
        }
        Output result = new Output(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        try {
            deleteTree(profile);
        } catch (IOException e) {
            // Best effort: a browser helper process may still be writing; target/ is cleaned by the build anyway.
        }
        return result;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
