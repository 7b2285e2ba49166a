package org.starttlslist.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the version from the jar's manifest ("development build" when run from
 * classes), the commit it was built from, and the Java runtime running it, for bug reports.
 */
final class ManifestVersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
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

    private static String commit() {
        try (InputStream in =
                ManifestVersionProvider.class.getResourceAsStream("build-commit.properties")) {
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
