package org.starttlslist.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest; "development" when run from classes (tests, IDE). */
final class ManifestVersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"starttls-list " + (version == null ? "development build" : version)};
    }
}
