package org.starttlslist.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The {@code --version} lines: the version from the jar's manifest ("development build" when run
 * from classes), the commit it was built from, and the Java runtime running it, for bug reports.
 * Free of picocli, so that a bare {@code --version} is answered before picocli builds anything (see
 * {@link Main#run}).
 */
final class VersionText {
    private VersionText() {}

    static String[] lines() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {
            "starttls-list "
                    + (version == null ? "development build" : version)
                    + " (commit "
                    + commit()
                    + ")",
            "Java runtime: "
                    + System.getProperty("java.vm.name")
                    + " "
                    + System.getProperty("java.runtime.version")
                    + " ("
                    + System.getProperty("java.vendor")
                    + ", "
                    + System.getProperty("java.home")
                    + ")",
        };
    }

    /** Whether the command line is {@code --version} (or {@code -V}) and nothing else. */
    static boolean onlyVersion(String... args) {
        return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
    }

    private static String commit() {
        try (InputStream in = VersionText.class.getResourceAsStream("build-commit.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("commit", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
