package org.starttlslist.cli;

import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import picocli.CommandLine.Command;

@Command(name = "build", mixinStandardHelpOptions = true, description = "Merge the sources into one canonical policy.json (issue #3).")
final class BuildCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CouldNotCompleteException("'build' is not implemented yet");
    }
}
