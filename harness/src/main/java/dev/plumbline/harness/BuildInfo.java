package dev.plumbline.harness;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Version and commit of this build. The version is filtered into a resource at build time;
 * the commit comes from the launcher ({@code -Dplumbline.git.commit}), which reads it when the
 * command starts, so it is right even when a commit changed nothing that needs a rebuild.
 */
public final class BuildInfo {
    private BuildInfo() {
    }

    /** The project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/plumbline-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /** The git commit the launcher saw, with {@code -dirty} for uncommitted changes, or {@code unknown}. */
    public static String commit() {
        return System.getProperty("plumbline.git.commit", "unknown");
    }
}
