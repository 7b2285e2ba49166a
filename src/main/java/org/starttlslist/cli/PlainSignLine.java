package org.starttlslist.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code sign} command line read without picocli, when it is plain: the {@link SignCommand} that
 * picocli would make of it, or empty, and then picocli reads it as it reads every other line.
 *
 * <p>Why: building picocli's model was a third of a {@code sign} run (~0.1 s of a 0.4 s run on one
 * core: its type converters, which load {@code java.time} and {@code java.sql}, the proxies for
 * every annotation, the reflection over the command's fields), the part that made it slower than
 * {@code gpg --detach-sign} (issue #16). A line that signs is a handful of options, so this reads
 * exactly those lines: root options ({@code -C DIR}, {@code --stacktrace}, {@code --quiet}) and
 * {@code sign}'s own, each at most once, as {@code --name VALUE} or a flag, and one {@code FILE}.
 *
 * <p>Anything else goes to picocli, with the messages and help it gives: {@code --help}, {@code
 * --name=VALUE}, a repeated option, a value or a file name starting with {@code -} or {@code @} (an
 * option, a mistake, or one of picocli's argument files), an empty argument, a second file, a word
 * it does not know, {@code -C sign} before the command (picocli takes a command's name there for
 * the command, not for the directory). So a plain line is read the way picocli reads it
 * (PlainSignLineTest compares the two over generated lines), and the command then runs the same
 * code either way.
 */
final class PlainSignLine {
    private PlainSignLine() {}

    /** The command picocli would make of {@code args}, unrun; empty when the line is not plain. */
    static Optional<SignCommand> parse(String... args) {
        RootCommand root = new RootCommand();
        SignCommand sign = new SignCommand();
        sign.root = root;
        sign.now = new NowOption();
        sign.passphrase = new PassphraseOptions();
        Set<String> given = new HashSet<>();
        boolean signNamed = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!plainWord(arg)) {
                return Optional.empty();
            }
            if (!arg.startsWith("-")) {
                if (!signNamed && arg.equals("sign")) {
                    signNamed = true;
                } else if (signNamed && sign.file == null) {
                    sign.file = path(arg);
                    if (sign.file == null) {
                        return Optional.empty();
                    }
                } else {
                    return Optional.empty(); // another command, or a second file
                }
                continue;
            }
            if (!given.add(arg)) {
                return Optional.empty(); // picocli says an option is given only once
            }
            if (!setFlag(arg, signNamed, root, sign)) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null
                        || !plainWord(value)
                        || value.startsWith("-")
                        || !setValue(arg, value, signNamed, root, sign)) {
                    return Optional.empty();
                }
                i++;
            }
        }
        return signNamed && sign.file != null ? Optional.of(sign) : Optional.empty();
    }

    /** Not empty and not an argument file ({@code @FILE}, which picocli would expand). */
    private static boolean plainWord(String arg) {
        return !arg.isEmpty() && !arg.startsWith("@");
    }

    /** Sets the flag {@code arg} names; false when it names none (here). */
    private static boolean setFlag(
            String arg, boolean signNamed, RootCommand root, SignCommand sign) {
        switch (arg) {
            case "--stacktrace" -> root.stacktrace = true;
            case "--quiet" -> root.quiet = true;
            case "--with-gpg" -> {
                if (!signNamed) {
                    return false;
                }
                sign.withGpg = true;
            }
            case "--append" -> {
                if (!signNamed) {
                    return false;
                }
                sign.append = true;
            }
            case "--force" -> {
                if (!signNamed) {
                    return false;
                }
                sign.force = true;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Sets the option {@code arg} names to {@code value}; false when it names none (here). */
    private static boolean setValue(
            String arg, String value, boolean signNamed, RootCommand root, SignCommand sign) {
        if (arg.equals("-C")) {
            // Before the command picocli takes a command's name for the command, not the value.
            root.directory = signNamed || !value.equals("sign") ? path(value) : null;
            return root.directory != null;
        }
        if (!signNamed) {
            return false;
        }
        switch (arg) {
            case "--passphrase-env" -> sign.passphrase.variable = value;
            case "--local-user" -> sign.localUser = value;
            case "--now" -> sign.now.now = value;
            case "--key", "--passphrase-file", "--gpg-homedir" -> {
                return setPath(arg, path(value), sign);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** False for a value that is no path (a NUL character): picocli's to report. */
    private static boolean setPath(String arg, Path value, SignCommand sign) {
        if (value == null) {
            return false;
        }
        switch (arg) {
            case "--key" -> sign.key = value;
            case "--passphrase-file" -> sign.passphrase.file = value;
            default -> sign.gpgHome = value;
        }
        return true;
    }

    /** As picocli converts a {@code Path} ({@code Paths.get}); null when it would refuse it. */
    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
