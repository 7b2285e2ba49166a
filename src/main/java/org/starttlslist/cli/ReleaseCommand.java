package org.starttlslist.cli;

import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import picocli.CommandLine.Command;

@Command(name = "release", mixinStandardHelpOptions = true, description = "Validate, build, sign, commit, tag and push a release (issue #5).")
final class ReleaseCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CouldNotCompleteException("'release' is not implemented yet");
    }
}
