package org.starttlslist.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.starttlslist.source.ListRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(
        name = "starttls-list",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        description = "Build, sign, verify, mirror and export a STARTTLS policy list.",
        footer = {
            "",
            "Exit codes:",
            "  0  success",
            "  1  checked and rejected (invalid, bad signature, expired, rollback)",
            "  2  usage error",
            "  3  could not complete (I/O, network, git, key unavailable)",
            "  4  mirror only: the installed list has expired or expires within 48 hours",
            "     and no newer list could be installed (ACTION REQUIRED)",
            " 70  internal error: a bug; run again with --stacktrace and report it",
        })
final class RootCommand implements java.util.concurrent.Callable<Integer> {
    /**
     * The commands by the name a command line gives, in the order --help lists them. The names
     * repeat each class's {@code @Command(name)} (RootCommandTest holds them equal): reading the
     * annotations to find the one named parsed those of every command listed before it, on every
     * start (sign is the tenth).
     */
    private static final Map<String, Class<?>> BY_NAME =
            inOrder(
                    Map.entry("validate", ValidateCommand.class),
                    Map.entry("build", BuildCommand.class),
                    Map.entry("import", ImportCommand.class),
                    Map.entry("diff", DiffCommand.class),
                    Map.entry("fmt", FmtCommand.class),
                    Map.entry("keygen", KeygenCommand.class),
                    Map.entry("key", KeyCommand.class),
                    Map.entry("cosign", CosignCommand.class),
                    Map.entry("signatures", SignaturesCommand.class),
                    Map.entry("sign", SignCommand.class),
                    Map.entry("verify", VerifyCommand.class),
                    Map.entry("release", ReleaseCommand.class),
                    Map.entry("publish", PublishCommand.class),
                    Map.entry("status", StatusCommand.class),
                    Map.entry("demo", DemoCommand.class),
                    Map.entry("mirror", MirrorCommand.class),
                    Map.entry("export", ExportCommand.class),
                    Map.entry("check", CheckCommand.class),
                    Map.entry("add", AddCommand.class),
                    Map.entry("update", UpdateCommand.class),
                    Map.entry("remove", RemoveCommand.class),
                    Map.entry("promote", PromoteCommand.class),
                    Map.entry("recheck", RecheckCommand.class),
                    Map.entry("notify", NotifyCommand.class),
                    Map.entry("review", ReviewCommand.class));

    /**
     * Every command, in the order --help lists them, picocli's {@code help} last. Not in
     * {@code @Command(subcommands = …)}: picocli would build every command's model on each start;
     * {@link CommandLines} builds only the one that runs (all of them for --help, help and unknown
     * names).
     */
    static final List<Class<?>> COMMANDS = withHelp(BY_NAME.values());

    /** The command class a command line names, or null when no command has that name. */
    static Class<?> named(String name) {
        return BY_NAME.get(name);
    }

    @SafeVarargs
    private static Map<String, Class<?>> inOrder(Map.Entry<String, Class<?>>... entries) {
        Map<String, Class<?>> map = new LinkedHashMap<>();
        for (Map.Entry<String, Class<?>> entry : entries) {
            map.put(entry.getKey(), entry.getValue());
        }
        return Collections.unmodifiableMap(map);
    }

    private static List<Class<?>> withHelp(Collection<Class<?>> commands) {
        List<Class<?>> all = new ArrayList<>(commands);
        all.add(picocli.CommandLine.HelpCommand.class);
        return List.copyOf(all);
    }

    @Option(
            names = "--stacktrace",
            scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error (for bug reports).")
    boolean stacktrace;

    @Option(
            names = "--quiet",
            scope = ScopeType.INHERIT,
            description = "Print errors and warnings only, nothing on standard output (for cron).")
    boolean quiet;

    @Option(
            names = "-C",
            paramLabel = "DIR",
            scope = ScopeType.INHERIT,
            description = "Run as if started in DIR (the list repository), as git -C does.")
    Path directory;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    /** The list repository the command works on. */
    ListRepository repository() {
        return new ListRepository(directory == null ? Path.of("") : directory);
    }

    /** No command given: a usage error, with the usage where errors go. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
