package org.starttlslist.cli;

import java.util.concurrent.Callable;
import org.starttlslist.failure.CouldNotCompleteException;
import picocli.CommandLine.Command;

@Command(name = "keygen", mixinStandardHelpOptions = true, description = "Make a maintainer key pair (issue #4).")
final class KeygenCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new CouldNotCompleteException("'keygen' is not implemented yet");
    }
}
