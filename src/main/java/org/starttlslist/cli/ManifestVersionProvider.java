package org.starttlslist.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version} where picocli parses it (e.g. after {@code -C DIR}): {@link VersionText}. */
final class ManifestVersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return VersionText.lines();
    }
}
