package dev.plumbline.reports.writers;

import dev.plumbline.reports.Report;
import dev.plumbline.reports.ReportWriter;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code allure-html}: writes {@code allure-results/} (as the {@code allure} format) and renders
 * it offline with the Allure command line into {@code allure-report/index.html}, a single file
 * that opens from disk. The Allure command line comes from Maven Central
 * ({@code io.qameta.allure:allure-commandline}, zip), unpacked by the reports module's build into
 * {@code reports/target/allure-commandline/}; it runs on this JVM, so no other Java is needed.
 *
 * <p>Where it looks: system property {@code plumbline.allure.home}, environment variable
 * {@code PLUMBLINE_ALLURE_HOME}, then {@code $plumbline.home/reports/target/allure-commandline/allure-*}.
 */
public final class AllureHtmlReportWriter implements ReportWriter {
    private static final long TIMEOUT_SECONDS = 300;

    @Override
    public String format() {
        return "allure-html";
    }

    @Override
    public String description() {
        return "allure-report/index.html: the Allure report, rendered offline as one file";
    }

    @Override
    public List<Path> write(Report report, Path dir) throws IOException {
        Path home = allureHome();
        List<Path> results = new AllureReportWriter().write(report, dir);
        Path resultsDir = results.getFirst();
        Path out = dir.resolve("allure-report");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(javaBin.toString(), "-cp",
                home.resolve("lib") + File.separator + "*" + File.pathSeparator + home.resolve("lib").resolve("config"),
                "io.qameta.allure.CommandLine", "--quiet", "generate", "--single-file", "--clean", "-o", out.toString(),
                resultsDir.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        // The Allure launcher script exports APP_HOME; the command line finds its plugins and config through it.
        pb.environment().put("APP_HOME", home.toString());
        Path log = Files.createTempFile("allure", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("the Allure command line did not finish within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the Allure command line ran", e);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        Path index = out.resolve("index.html");
        if (p.exitValue() != 0 || !Files.isRegularFile(index)) {
            throw new IOException("the Allure command line failed (exit " + p.exitValue() + "): " + tail(output));
        }
        return List.of(resultsDir, index);
    }

    /**
     * The unpacked Allure command line.
     *
     * @throws IllegalArgumentException naming where it looked and how to get it
     */
    static Path allureHome() {
        List<Path> candidates = new ArrayList<>();
        String prop = System.getProperty("plumbline.allure.home");
        if (prop != null && !prop.isBlank()) {
            candidates.add(Path.of(prop));
        }
        String env = System.getenv("PLUMBLINE_ALLURE_HOME");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        String home = System.getProperty("plumbline.home");
        if (home != null && !home.isBlank()) {
            Path unpacked = Path.of(home, "reports", "target", "allure-commandline");
            if (Files.isDirectory(unpacked)) {
                try (Stream<Path> s = Files.list(unpacked)) {
                    s.filter(d -> d.getFileName().toString().startsWith("allure-")).sorted().forEach(candidates::add);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        for (Path c : candidates) {
            if (Files.isDirectory(c.resolve("lib"))) {
                return c;
            }
        }
        throw new IllegalArgumentException("allure-html needs the Allure command line, not found in " + candidates
                + "; build the project (./run-tests or ./plumbline unpacks it from Maven Central into"
                + " reports/target/allure-commandline) or set PLUMBLINE_ALLURE_HOME to an unpacked allure-2.x directory");
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() > 2000 ? "..." + t.substring(t.length() - 2000) : t;
    }
}
