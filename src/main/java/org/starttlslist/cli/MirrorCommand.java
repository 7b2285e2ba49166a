package org.starttlslist.cli;

import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import picocli.CommandLine.Command;

@Command(name = "mirror", mixinStandardHelpOptions = true, description = "Fetch, verify and install a list (issue #6).")
final class MirrorCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CouldNotCompleteException("'mirror' is not implemented yet");
    }
}
