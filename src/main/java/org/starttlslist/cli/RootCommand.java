package org.starttlslist.cli;

import java.nio.file.Path;
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
     * The commands, in the order --help lists them. Not in {@code @Command(subcommands = …)}:
     * picocli would build every command's model on each start; {@link CommandLines} builds only the
     * one that runs (all of them for --help, help and unknown names).
     */
    static final java.util.List<Class<?>> COMMANDS =
            java.util.List.of(
                    ValidateCommand.class,
                    BuildCommand.class,
                    ImportCommand.class,
                    DiffCommand.class,
                    FmtCommand.class,
                    KeygenCommand.class,
                    KeyCommand.class,
                    CosignCommand.class,
                    SignaturesCommand.class,
                    SignCommand.class,
                    VerifyCommand.class,
                    ReleaseCommand.class,
                    PublishCommand.class,
                    StatusCommand.class,
                    DemoCommand.class,
                    MirrorCommand.class,
                    ExportCommand.class,
                    CheckCommand.class,
                    AddCommand.class,
                    UpdateCommand.class,
                    RemoveCommand.class,
                    PromoteCommand.class,
                    RecheckCommand.class,
                    NotifyCommand.class,
                    ReviewCommand.class,
                    picocli.CommandLine.HelpCommand.class);

    /**
     * The command class a command line names, or null. The names repeat each class's
     * {@code @Command(name)} (RootCommandTest holds them equal): reading the annotations instead
     * parsed those of every command listed before the one named, on every start (sign is the
     * tenth).
     */
    static Class<?> named(String name) {
        return switch (name) {
            case "validate" -> ValidateCommand.class;
            case "build" -> BuildCommand.class;
            case "import" -> ImportCommand.class;
            case "diff" -> DiffCommand.class;
            case "fmt" -> FmtCommand.class;
            case "keygen" -> KeygenCommand.class;
            case "key" -> KeyCommand.class;
            case "cosign" -> CosignCommand.class;
            case "signatures" -> SignaturesCommand.class;
            case "sign" -> SignCommand.class;
            case "verify" -> VerifyCommand.class;
            case "release" -> ReleaseCommand.class;
            case "publish" -> PublishCommand.class;
            case "status" -> StatusCommand.class;
            case "demo" -> DemoCommand.class;
            case "mirror" -> MirrorCommand.class;
            case "export" -> ExportCommand.class;
            case "check" -> CheckCommand.class;
            case "add" -> AddCommand.class;
            case "update" -> UpdateCommand.class;
            case "remove" -> RemoveCommand.class;
            case "promote" -> PromoteCommand.class;
            case "recheck" -> RecheckCommand.class;
            case "notify" -> NotifyCommand.class;
            case "review" -> ReviewCommand.class;
            default -> null;
        };
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
