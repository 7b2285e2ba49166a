package org.starttlslist.cli;

import picocli.CommandLine.Command;

/** {@code key}: what a maintainer does with a key after {@code keygen}. */
@Command(
        name = "key",
        mixinStandardHelpOptions = true,
        description = "Maintain a key made by keygen: 'key extend' pushes out its expiry.",
        subcommands = {KeyExtendCommand.class})
final class KeyCommand implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
