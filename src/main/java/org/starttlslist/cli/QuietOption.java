package org.starttlslist.cli;

/**
 * Whether a command line asks for {@code --quiet}: before a lone {@code --}, as an argument of its
 * own.
 */
final class QuietOption {
    private QuietOption() {}

    static boolean requested(String... args) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            if (arg.equals("--quiet")) {
                return true;
            }
        }
        return false;
    }
}
